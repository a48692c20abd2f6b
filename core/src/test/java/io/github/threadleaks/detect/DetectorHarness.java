package io.github.threadleaks.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.snapshot.MutableClock;
import io.github.threadleaks.snapshot.Sampler;

/**
 * Real threads and the real ThreadMXBean, on a clock the test moves: a one-minute detection
 * window sampled every five seconds passes in a blink.
 */
final class DetectorHarness {

	static final Duration INTERVAL = Duration.ofSeconds(5);

	static final Duration WINDOW = Duration.ofSeconds(60);

	static final Duration STUCK_THRESHOLD = Duration.ofSeconds(30);

	static final int MIN_GROWTH = 10;

	/** Samples a window spans. */
	static final int SAMPLES_PER_WINDOW = (int) (WINDOW.toSeconds() / INTERVAL.toSeconds());

	final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final Sampler sampler = new Sampler(this.threads, 32, this.clock);

	private final LeakDetector detector;

	DetectorHarness() {
		this(IgnoreRules.withDefaults(List.of(), List.of()));
	}

	DetectorHarness(IgnoreRules ignoreRules) {
		this(ignoreRules, (threadId) -> null);
	}

	DetectorHarness(LongFunction<CreationSite> creationSites) {
		this(IgnoreRules.withDefaults(List.of(), List.of()), creationSites);
	}

	private DetectorHarness(IgnoreRules ignoreRules, LongFunction<CreationSite> creationSites) {
		this.detector = new LeakDetector(LeakDetector.Settings.defaults()
			.withWindow(WINDOW)
			.withMinGrowth(MIN_GROWTH)
			.withStuckThreshold(STUCK_THRESHOLD)
			.withMaxThreadNames(5)
			.withIgnoreRules(ignoreRules), creationSites);
	}

	/** Samples now, without moving the clock. */
	Findings sample() {
		return this.detector.analyze(this.sampler.take());
	}

	/** Moves the clock one interval on and samples. */
	Findings tick() {
		this.clock.advance(INTERVAL);
		return sample();
	}

	/** Takes the first sample, then ticks; returns the last result. */
	Findings sampleThenTick(int ticks) {
		Findings result = sample();
		for (int i = 0; i < ticks; i++) {
			result = tick();
		}
		return result;
	}

	static Optional<Suspect> suspect(Findings result, String pool) {
		return result.suspects().stream().filter((suspect) -> suspect.pool().equals(pool)).findFirst();
	}

	static Optional<StuckThread> stuck(Findings result, Thread thread) {
		return result.stuck().stream().filter((stuck) -> stuck.id() == thread.getId()).findFirst();
	}

}
