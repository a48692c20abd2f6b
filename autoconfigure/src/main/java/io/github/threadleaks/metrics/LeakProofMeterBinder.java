package io.github.threadleaks.metrics;

import io.github.threadleaks.proof.LeakProof;
import io.github.threadleaks.proof.LeakProver;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The gauge {@code threadleaks_proven_leaked_threads}: threads the latest proof found leaked.
 * It is registered with the first proof, not before: a zero before any proof would claim
 * that no thread leaked, which nothing has shown.
 */
public final class LeakProofMeterBinder implements MeterBinder {

	static final String NAME = "threadleaks.proven.leaked.threads";

	private final LeakProver prover;

	public LeakProofMeterBinder(LeakProver prover) {
		this.prover = prover;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (this.prover.latest().isPresent()) {
			register(registry);
		}
		this.prover.onProof((proof) -> register(registry));
	}

	private void register(MeterRegistry registry) {
		Gauge.builder(NAME, this.prover, LeakProofMeterBinder::leakedThreads)
			.description("Threads the latest leak proof found leaked: nothing that can still run reaches what they wait on")
			.baseUnit("threads")
			.register(registry);
	}

	private static double leakedThreads(LeakProver prover) {
		return prover.latest().map(LeakProof::leakedThreads).orElse(0);
	}

}
