package io.github.threadleaks.detect;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.detect.LeakFixtures.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.github.threadleaks.detect.DetectorHarness.SAMPLES_PER_WINDOW;
import static io.github.threadleaks.detect.DetectorHarness.suspect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The suspect rules, each both ways, on real threads with a simulated clock.
 */
class LeakDetectorTests {

	@ParameterizedTest
	@EnumSource(Kind.class)
	void aSteadyLeakIsNamedWithinOneWindowPlusTwoIntervals(Kind kind) {
		DetectorHarness detector = new DetectorHarness();
		String prefix = "steady-" + kind.name().toLowerCase() + "-";
		String pool = prefix + "#";
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			Findings result = null;
			int samplesUntilNamed = 0;
			while (samplesUntilNamed < SAMPLES_PER_WINDOW + 2) {
				leaks.leak(kind, prefix, 1);
				result = detector.tick();
				samplesUntilNamed++;
				if (suspect(result, pool).isPresent()) {
					break;
				}
			}
			Suspect suspect = suspect(result, pool).orElseThrow(() -> new AssertionError("no suspect " + pool));
			assertThat(samplesUntilNamed).isLessThanOrEqualTo(SAMPLES_PER_WINDOW + 2);
			assertThat(suspect.blockingFrame().getClassName() + "." + suspect.blockingFrame().getMethodName())
				.isEqualTo(kind.blockingFrame);
			assertThat(suspect.count()).isEqualTo(samplesUntilNamed);
			assertThat(suspect.growth()).isGreaterThanOrEqualTo(DetectorHarness.MIN_GROWTH);
			assertThat(suspect.ratePerMinute()).as("one every 5 s").isEqualTo(12.0);
			assertThat(suspect.horizon()).isEqualTo(DetectorHarness.WINDOW);
			assertThat(suspect.since()).isAfter(detector.clock.instant().minus(DetectorHarness.WINDOW));
			assertThat(suspect.threadNames()).hasSize(5).first().isEqualTo(prefix + samplesUntilNamed);
		}
	}

	@Test
	void aLeakIsNotNamedBeforeItHasGrownAcrossTheWindow() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			for (int i = 0; i < SAMPLES_PER_WINDOW / 3; i++) {
				// fast enough to pass the minimum growth in a third of the window
				leaks.leak(Kind.UNFED_QUEUE, "early-", 4);
				assertThat(suspect(detector.tick(), "early-#")).isEmpty();
			}
		}
	}

	@Test
	void executorsCreatedPerRequestAndNeverShutDownAreNamedByTheirIdleWorkers() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures()) {
			ExecutorService healthy = Executors.newFixedThreadPool(4);
			for (int i = 0; i < 4; i++) {
				healthy.execute(() -> { });
			}
			detector.sample();
			Findings result = null;
			for (int i = 0; i < SAMPLES_PER_WINDOW + 2; i++) {
				leaks.executorPerRequest();
				result = detector.tick();
			}
			Suspect suspect = suspect(result, "pool-#-thread-#").orElseThrow();
			assertThat(suspect.state()).isEqualTo(Thread.State.WAITING);
			assertThat(suspect.stack()).extracting(StackTraceElement::getMethodName).contains("getTask");
			assertThat(suspect.growth()).isGreaterThanOrEqualTo(DetectorHarness.MIN_GROWTH);
			healthy.shutdownNow();
		}
	}

	@Test
	void aGroupThatGrewThenHeldSteadyForAWindowIsNotASuspectAtTheEndOfIt() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			for (int i = 0; i < SAMPLES_PER_WINDOW; i++) {
				leaks.leak(Kind.UNFED_QUEUE, "warm-up-", 2);
				detector.tick();
			}
			Findings result = null;
			for (int i = 0; i < SAMPLES_PER_WINDOW; i++) {
				result = detector.tick();
			}
			assertThat(suspect(result, "warm-up-#")).isEmpty();
		}
	}

	@Test
	void threadsOfTheGroupThatEndedWithinTheWindowCountAgainstItsGrowthUntilTheyAgeOut() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures(); LeakFixtures ending = new LeakFixtures()) {
			detector.sample();
			// one joins for good and one comes and goes every tick: never a suspect
			for (int tick = 0; tick < 2 * SAMPLES_PER_WINDOW; tick++) {
				ending.endAll();
				leaks.leak(Kind.UNFED_QUEUE, "churning-", 1);
				ending.leak(Kind.UNFED_QUEUE, "churning-", 1);
				assertThat(suspect(detector.tick(), "churning-#")).as("tick %d", tick).isEmpty();
			}
			ending.endAll();
			// the churn stops: once its endings have left the window, the growth left is named
			Findings result = detector.tick();
			int ticks = 1;
			while (ticks <= SAMPLES_PER_WINDOW + 4 && suspect(result, "churning-#").isEmpty()) {
				leaks.leak(Kind.UNFED_QUEUE, "churning-", 1);
				result = detector.tick();
				ticks++;
			}
			assertThat(suspect(result, "churning-#")).as("named %d ticks after the churn stopped", ticks).isPresent();
			assertThat(ticks).as("not before the endings have aged out").isGreaterThan(SAMPLES_PER_WINDOW / 2);
		}
	}

	@Test
	void aChurningPoolStaysQuietPastTheDetectorsPeriodicCleanUp() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures(); LeakFixtures ending = new LeakFixtures()) {
			detector.sample();
			// one thread joins for good and one comes and goes every tick, for well over the
			// samples between two clean-ups: its endings must survive them
			for (int tick = 0; tick < 100; tick++) {
				ending.endAll();
				leaks.leak(Kind.UNFED_QUEUE, "churning-", 1);
				ending.leak(Kind.UNFED_QUEUE, "churning-", 1);
				assertThat(suspect(detector.tick(), "churning-#")).as("tick %d", tick).isEmpty();
			}
		}
	}

	@Test
	void countersOfGroupsThatAreGoneAreDroppedOnceTheirEndingsLeaveEveryHorizon() {
		DetectorHarness detector = new DetectorHarness();
		detector.sample();
		int before;
		try (LeakFixtures gone = new LeakFixtures()) {
			for (char pool = 'a'; pool <= 't'; pool++) {
				gone.leak(Kind.UNFED_QUEUE, "gone-" + pool + "-", 1);
			}
			detector.tick();
			gone.endAll();
			detector.tick();
			before = detector.historiesHeld();
		}
		// a pool of idle workers is judged by its executors: the clean-up that finds them all
		// gone notes their endings, forgotten in turn once they have left the longest horizon
		for (int round = 0; round < 2; round++) {
			detector.clock.advance(detector.horizons().get(detector.horizons().size() - 1).multipliedBy(2));
			for (int i = 0; i < 40; i++) {
				detector.tick();
			}
		}
		assertThat(before).as("a counter for each of the 20 pools whose threads ended").isGreaterThanOrEqualTo(20);
		assertThat(detector.historiesHeld()).as("counters left").isLessThanOrEqualTo(before - 20);
	}

	@Test
	void aOneOffBurstIsNeverASuspect() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			detector.tick();
			leaks.leak(Kind.UNFED_QUEUE, "burst-", 40);
			for (int i = 0; i < 2 * SAMPLES_PER_WINDOW; i++) {
				assertThat(suspect(detector.tick(), "burst-#")).isEmpty();
			}
		}
	}

	@Test
	void threadsThatEndedAreNeverSuspects() {
		DetectorHarness detector = new DetectorHarness();
		LeakFixtures leaks = new LeakFixtures();
		detector.sample();
		Findings result = null;
		for (int i = 0; i < SAMPLES_PER_WINDOW + 2; i++) {
			leaks.leak(Kind.UNFED_QUEUE, "ending-", 2);
			result = detector.tick();
		}
		assertThat(suspect(result, "ending-#")).isPresent();
		leaks.endAll();
		assertThat(suspect(detector.tick(), "ending-#")).isEmpty();
	}

	@Test
	void aCachedPoolThatGrowsAndShrinksIsNeverASuspect() throws Exception {
		DetectorHarness detector = new DetectorHarness();
		ThreadPoolExecutor cached = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 50, TimeUnit.MILLISECONDS,
				new SynchronousQueue<>());
		try {
			detector.sample();
			for (int cycle = 0; cycle < 2 * SAMPLES_PER_WINDOW / 3; cycle++) {
				CountDownLatch done = new CountDownLatch(1);
				for (int i = 0; i < 15; i++) {
					cached.execute(() -> awaitQuietly(done));
				}
				await().until(() -> cached.getActiveCount() == 15);
				assertThat(suspect(detector.tick(), "pool-#-thread-#")).isEmpty();
				done.countDown();
				await().until(() -> cached.getActiveCount() == 0);
				assertThat(suspect(detector.tick(), "pool-#-thread-#")).isEmpty();
				await().atMost(Duration.ofSeconds(10)).until(() -> cached.getPoolSize() == 0);
				assertThat(detector.tick().suspects()).noneMatch((s) -> s.pool().equals("pool-#-thread-#"));
			}
		}
		finally {
			cached.shutdownNow();
		}
	}

	@Test
	void aFixedPoolAtWorkIsNeverASuspect() {
		DetectorHarness detector = new DetectorHarness();
		ExecutorService fixed = Executors.newFixedThreadPool(12);
		try {
			for (int i = 0; i < 12; i++) {
				fixed.execute(() -> { });
			}
			detector.sample();
			for (int i = 0; i < 2 * SAMPLES_PER_WINDOW; i++) {
				List<java.util.concurrent.Future<?>> work = new java.util.ArrayList<>();
				for (int task = 0; task < 50; task++) {
					work.add(fixed.submit(() -> Math.sqrt(System.nanoTime())));
				}
				work.forEach(LeakDetectorTests::join);
				assertThat(suspect(detector.tick(), "pool-#-thread-#")).isEmpty();
			}
		}
		finally {
			fixed.shutdownNow();
		}
	}

	@Test
	void ignoredPoolsAndFramesAreNeverSuspects() {
		DetectorHarness byPool = new DetectorHarness(IgnoreRules.withDefaults(List.of("ignored-by-pool-*"), List.of()));
		DetectorHarness byFrame = new DetectorHarness(
				IgnoreRules.withDefaults(List.of(), List.of("io.github.threadleaks.detect.LeakFixtures.take*")));
		try (LeakFixtures leaks = new LeakFixtures()) {
			byPool.sample();
			byFrame.sample();
			for (int i = 0; i < SAMPLES_PER_WINDOW + 2; i++) {
				leaks.leak(Kind.UNFED_QUEUE, "ignored-by-pool-", 2);
				leaks.leak(Kind.UNFED_QUEUE, "ignored-by-frame-", 2);
				Findings pool = byPool.tick();
				Findings frame = byFrame.tick();
				assertThat(suspect(pool, "ignored-by-pool-#")).isEmpty();
				assertThat(suspect(frame, "ignored-by-frame-#")).isEmpty();
				assertThat(suspect(frame, "ignored-by-pool-#")).as("frame rules ignore both").isEmpty();
			}
			assertThat(suspect(byPool.sample(), "ignored-by-frame-#")).as("a pool rule leaves other pools").isPresent();
		}
	}

	@Test
	void threadsThatExistedBeforeDetectionStartedAreNotGrowth() {
		try (LeakFixtures leaks = new LeakFixtures()) {
			leaks.leak(Kind.UNFED_QUEUE, "pre-existing-", 30);
			DetectorHarness detector = new DetectorHarness();
			detector.sample();
			for (int i = 0; i < SAMPLES_PER_WINDOW + 2; i++) {
				assertThat(suspect(detector.tick(), "pre-existing-#")).isEmpty();
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void join(java.util.concurrent.Future<?> future) {
		try {
			future.get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
