package io.github.threadleaks.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import io.github.threadleaks.detect.LeakFixtures.Kind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.github.threadleaks.detect.DetectorHarness.suspect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Leaks too slow for the window, under the starter's defaults (10 s interval, 5 minute
 * window, growth of 10): each is named within twice the time it takes to gain ten threads,
 * at steady rates from one every 30 minutes to just under ten a window, and at irregular
 * ones (bursts and gaps, random arrivals), whether the leak starts with detection or later.
 */
class SlowLeakTests {

	private static final int MIN_GROWTH = 10;

	static Stream<Arguments> leaks() {
		return Stream.of(
				Arguments.of("one every 2 minutes", Kind.UNFED_QUEUE, 0, steady(120)),
				Arguments.of("one every 30 minutes", Kind.FUTURE_NEVER_COMPLETED, 0, steady(1800)),
				Arguments.of("one every 30 minutes, starting 100 minutes in", Kind.UNFED_QUEUE, 100, steady(1800)),
				Arguments.of("one every 7 minutes, starting 53 minutes in", Kind.LOCK_NEVER_RELEASED, 53, steady(420)),
				Arguments.of("just under ten a window", Kind.UNFED_QUEUE, 0, steady(5 * 60 / 9.5)),
				Arguments.of("just under ten a window, starting 3 hours in", Kind.SLEEP_LOOP, 180, steady(5 * 60 / 9.5)),
				Arguments.of("bursts of 2-3 every 4-8 minutes", Kind.UNFED_QUEUE, 0, bursts(7, 240, 480)),
				Arguments.of("bursts of 2-3 every 20-50 minutes, starting 41 minutes in", Kind.FUTURE_NEVER_COMPLETED, 41,
						bursts(11, 1200, 3000)),
				Arguments.of("random arrivals, 3 minutes apart on average", Kind.UNFED_QUEUE, 0, random(3, 180)),
				Arguments.of("random arrivals, 12 minutes apart on average, starting 70 minutes in", Kind.UNFED_QUEUE, 70,
						random(5, 720)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("leaks")
	void aSlowLeakIsNamedWithinTwiceTheTimeItTakesToGainTheMinimumGrowth(String shape, Kind kind, int startMinutes,
			List<Double> arrivalSeconds) {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		String prefix = "slow-" + letters(shape) + "-";
		String pool = prefix + "#";
		double start = startMinutes * 60.0;
		double tenth = arrivalSeconds.get(MIN_GROWTH - 1);
		double deadline = 2 * tenth;
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			int started = 0;
			int inGroup = 0;
			Suspect named = null;
			double namedAt = -1;
			while (named == null && detector.elapsed().toSeconds() - start <= deadline + 10) {
				Findings result = detector.tick();
				inGroup = started;
				double sinceStart = detector.elapsed().toSeconds() - start;
				int due = 0;
				while (started + due < arrivalSeconds.size() && arrivalSeconds.get(started + due) <= sinceStart) {
					due++;
				}
				if (due > 0) {
					leaks.leak(kind, prefix, due);
					started += due;
					// the threads started just now are seen by the next tick, as a sampler would
				}
				named = suspect(result, pool).orElse(null);
				namedAt = sinceStart;
				assertThat(result.suspects()).as("nothing else is named").allMatch((suspect) -> suspect.pool().equals(pool));
			}
			assertThat(named).as("%s named within %.0f minutes", shape, deadline / 60).isNotNull();
			assertThat(namedAt).isLessThanOrEqualTo(deadline);
			assertThat(named.growth()).isGreaterThanOrEqualTo(MIN_GROWTH);
			assertThat(named.groupedBy()).isEqualTo(Suspect.GroupedBy.POOL);
			assertThat(detector.horizons()).contains(named.horizon());
			assertThat(named.horizon()).as("the shortest horizon over which it grew").isLessThanOrEqualTo(
					Duration.ofSeconds((long) (4 * namedAt) + 1).plus(Duration.ofMinutes(5)));
			assertThat(named.ratePerMinute()).isPositive();
			assertThat(named.count()).isEqualTo(inGroup);
			assertThat(named.blockingFrame().getClassName() + "." + named.blockingFrame().getMethodName())
				.isEqualTo(kind.blockingFrame);
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("leaks")
	void aSlowLeakThatStopsIsNoLongerNamedOnceItsLatestPartSawNoNewThreads(String shape, Kind kind, int startMinutes,
			List<Double> arrivalSeconds) {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		String prefix = "stopping-" + letters(shape) + "-";
		String pool = prefix + "#";
		List<Double> first = arrivalSeconds.subList(0, 2 * MIN_GROWTH);
		double stoppedAt = startMinutes * 60.0 + first.get(first.size() - 1);
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			int started = 0;
			boolean everNamed = false;
			Findings result = null;
			while (detector.elapsed().toSeconds() <= stoppedAt) {
				result = detector.tick();
				double sinceStart = detector.elapsed().toSeconds() - startMinutes * 60.0;
				int due = 0;
				while (started + due < first.size() && first.get(started + due) <= sinceStart) {
					due++;
				}
				if (due > 0) {
					leaks.leak(kind, prefix, due);
					started += due;
				}
				everNamed |= suspect(result, pool).isPresent();
			}
			assertThat(everNamed).as("named while it grew").isTrue();
			// the longest horizon is 64 windows, 320 minutes: its latest third is 107 minutes
			Duration sinceStopped = Duration.ZERO;
			while (suspect(result, pool).isPresent()) {
				result = detector.tick();
				sinceStopped = sinceStopped.plus(detector.interval());
				assertThat(sinceStopped).as("still named").isLessThanOrEqualTo(Duration.ofMinutes(108));
			}
		}
	}

	/** A pool name of letters only for each shape, so that it folds to itself. */
	private static String letters(String shape) {
		StringBuilder letters = new StringBuilder();
		for (char digit : Integer.toString(Math.abs(shape.hashCode())).toCharArray()) {
			letters.append((char) ('a' + digit - '0'));
		}
		return letters.toString();
	}

	private static List<Double> steady(double everySeconds) {
		List<Double> times = new ArrayList<>();
		for (int i = 1; i <= 4 * MIN_GROWTH; i++) {
			times.add(i * everySeconds);
		}
		return times;
	}

	/** Bursts of 2 or 3 threads, with gaps drawn between the bounds. */
	private static List<Double> bursts(long seed, int minGapSeconds, int maxGapSeconds) {
		Random random = new Random(seed);
		List<Double> times = new ArrayList<>();
		double at = 0;
		while (times.size() < 4 * MIN_GROWTH) {
			at += minGapSeconds + random.nextInt(maxGapSeconds - minGapSeconds + 1);
			int size = 2 + random.nextInt(2);
			for (int i = 0; i < size; i++) {
				times.add(at);
			}
		}
		return times;
	}

	/** Arrivals at random, exponentially distributed gaps (a Poisson process). */
	private static List<Double> random(long seed, double meanGapSeconds) {
		Random random = new Random(seed);
		List<Double> times = new ArrayList<>();
		double at = 0;
		while (times.size() < 4 * MIN_GROWTH) {
			at += -meanGapSeconds * Math.log(1 - random.nextDouble());
			times.add(at);
		}
		return times;
	}

}
