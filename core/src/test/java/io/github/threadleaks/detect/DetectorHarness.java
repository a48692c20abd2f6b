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

	static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	final MutableClock clock = new MutableClock(START);

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private final Sampler sampler = new Sampler(this.threads, 32, this.clock);

	private final LeakDetector detector;

	private final Duration interval;

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
		this(LeakDetector.Settings.defaults()
			.withWindow(WINDOW)
			.withMinGrowth(MIN_GROWTH)
			.withStuckThreshold(STUCK_THRESHOLD)
			.withMaxThreadNames(5)
			.withIgnoreRules(ignoreRules), INTERVAL, creationSites);
	}

	DetectorHarness(LeakDetector.Settings settings, Duration interval) {
		this(settings, interval, (threadId) -> null);
	}

	private DetectorHarness(LeakDetector.Settings settings, Duration interval,
			LongFunction<CreationSite> creationSites) {
		this.detector = new LeakDetector(settings, creationSites);
		this.interval = interval;
	}

	/**
	 * The starter's defaults, as a production service runs them: a 10 second interval, a
	 * 5 minute window judged also over 20, 80 and 320 minutes, growth of 10.
	 */
	static DetectorHarness productionDefaults() {
		return new DetectorHarness(LeakDetector.Settings.defaults(), Duration.ofSeconds(10));
	}

	List<Duration> horizons() {
		return this.detector.horizons();
	}

	Duration interval() {
		return this.interval;
	}

	/** Samples now, without moving the clock. */
	Findings sample() {
		return this.detector.analyze(this.sampler.take());
	}

	int historiesHeld() {
		return this.detector.historiesHeld();
	}

	/** Moves the clock one interval on and samples. */
	Findings tick() {
		this.clock.advance(this.interval);
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

	/** The time the simulated clock has moved since the harness was made. */
	Duration elapsed() {
		return Duration.between(START, this.clock.instant());
	}

	static Optional<Suspect> suspect(Findings result, String pool) {
		return result.suspects().stream().filter((suspect) -> suspect.pool().equals(pool)).findFirst();
	}

	/** The stuck group the thread is listed in. */
	static Optional<StuckGroup> stuck(Findings result, Thread thread) {
		return result.stuck().stream().filter((stuck) -> stuck.threadIds().contains(thread.getId())).findFirst();
	}

}
