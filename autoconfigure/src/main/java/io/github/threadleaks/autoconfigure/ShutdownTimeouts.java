package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The shutdown coordinator's drain and cancel timeouts. Boot waits at most
 * {@code spring.lifecycle.timeout-per-shutdown-phase} for each lifecycle phase, but the
 * coordinator stops synchronously, so nothing cuts it short: unless set, each timeout is the
 * smaller of its fixed default and its share of the phase timeout (two thirds to drain, one
 * third to cancel), so that the coordinator's phase never outlasts it.
 *
 * @param drain how long running work may finish on its own
 * @param cancel how long cancelled work may take to stop
 */
record ShutdownTimeouts(Duration drain, Duration cancel) {

	static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

	static final Duration DEFAULT_CANCEL = Duration.ofSeconds(5);

	/** Boot's own default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
	static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

	/**
	 * @param drain the drain timeout set, or {@code null}
	 * @param cancel the cancel timeout set, or {@code null}
	 * @param phaseTimeout Boot's timeout per shutdown phase
	 * @return the timeouts set, the others derived from the phase timeout
	 */
	static ShutdownTimeouts resolve(@Nullable Duration drain, @Nullable Duration cancel, Duration phaseTimeout) {
		Duration drainShare = phaseTimeout.multipliedBy(2).dividedBy(3);
		Duration cancelShare = phaseTimeout.dividedBy(3);
		return new ShutdownTimeouts((drain != null) ? drain : smaller(DEFAULT_DRAIN, drainShare),
				(cancel != null) ? cancel : smaller(DEFAULT_CANCEL, cancelShare));
	}

	/**
	 * The longest the coordinator's phase takes, when a task ignores cancellation.
	 * @return the drain and cancel timeouts together
	 */
	Duration total() {
		return this.drain.plus(this.cancel);
	}

	private static Duration smaller(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
