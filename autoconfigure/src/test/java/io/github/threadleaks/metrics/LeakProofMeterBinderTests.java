package io.github.threadleaks.metrics;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.github.threadleaks.proof.LeakProof;
import io.github.threadleaks.proof.LeakProver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LeakProofMeterBinderTests {

	@TempDir
	Path dumps;

	@Test
	void theGaugeIsAbsentBeforeTheFirstProofAndCountsTheLeakedThreadsAfterIt() {
		LeakProver prover = new LeakProver(new LeakProver.Limits(4L << 30, Duration.ofMinutes(1), this.dumps),
				Clock.systemUTC());
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new LeakProofMeterBinder(prover).bindTo(registry);
		assertThat(registry.find(LeakProofMeterBinder.NAME).gauge()).isNull();
		LeakProof proof = prover.prove();
		assertThat(registry.get(LeakProofMeterBinder.NAME).gauge().value()).isEqualTo(proof.leakedThreads());
	}

}
