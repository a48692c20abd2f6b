package io.github.threadleaks.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.detect.LeakFixtures.Kind;
import io.github.threadleaks.snapshot.ThreadTotals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.github.threadleaks.detect.DetectorHarness.STUCK_THRESHOLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stuck threads grouped like suspects and ranked: a busy loop first, however many threads a
 * leak parked for good; one log line per group when it appears and one when it clears.
 */
@ExtendWith(OutputCaptureExtension.class)
class StuckGroupTests {

	private static final int TICKS_PAST_THRESHOLD = (int) (STUCK_THRESHOLD.toSeconds()
			/ DetectorHarness.INTERVAL.toSeconds()) + 1;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@Test
	void threeHundredThreadsParkedForeverDoNotHideOneBusyLoop(CapturedOutput output) {
		AtomicBoolean stop = new AtomicBoolean();
		// the fixture ends its threads on close: the spinner once told to stop
		try (LeakFixtures leaks = new LeakFixtures(() -> stop.set(true))) {
			leaks.leak(Kind.FUTURE_NEVER_COMPLETED, "parked-", 300);
			Thread spinner = leaks.start("spinner", () -> StuckDetectionTests.spin(stop), Thread.State.RUNNABLE);
			DetectorHarness detector = new DetectorHarness();
			FindingsLog log = new FindingsLog();
			detector.sample();
			Findings result = null;
			for (int i = 0; i < TICKS_PAST_THRESHOLD; i++) {
				awaitMoreCpu(spinner);
				result = detector.tick();
				log.update(published(result));
			}
			assertThat(result.stuck()).first().satisfies((busy) -> {
				assertThat(busy.pool()).isEqualTo("spinner");
				assertThat(busy.cpuRising()).isTrue();
				assertThat(busy.state()).isEqualTo(Thread.State.RUNNABLE);
				assertThat(busy.count()).isEqualTo(1);
				assertThat(busy.stack()).extracting(StackTraceElement::getMethodName).contains("spin");
			});
			StuckGroup parked = result.stuck()
				.stream()
				.filter((group) -> group.pool().equals("parked-#"))
				.findFirst()
				.orElseThrow();
			assertThat(parked.count()).isEqualTo(300);
			assertThat(parked.cpuRising()).isFalse();
			assertThat(parked.threadNames()).hasSize(5).allMatch((name) -> name.startsWith("parked-"));
			assertThat(parked.threadIds()).hasSize(300);
			assertThat(parked.stuckFor()).isGreaterThanOrEqualTo(STUCK_THRESHOLD);
			assertThat(parked.since()).isEqualTo(DetectorHarness.START);
			assertThat(parked.stack().get(0).getMethodName()).isEqualTo("get");

			List<String> appeared = lines(output, "Stuck threads: ");
			assertThat(appeared).as("one line per group").hasSize(result.stuck().size());
			assertThat(appeared).anyMatch((line) -> line.contains("1 thread in pool 'spinner' (RUNNABLE, CPU rising)"));
			assertThat(appeared).anyMatch((line) -> line.contains("300 threads in pool 'parked-#' (WAITING)"));
			assertThat(output.getOut().split("LeakFixtures.getNeverCompleted", -1)).as("the group's stack, once")
				.hasSize(2);

			stop.set(true);
			await().atMost(Duration.ofSeconds(10)).until(() -> !spinner.isAlive());
			log.update(published(detector.tick()));
			log.update(published(detector.tick()));
			assertThat(lines(output, "Stuck threads made progress, ended or joined a suspect: ")).singleElement()
				.satisfies((line) -> assertThat(line).contains("pool 'spinner'"));
		}
	}

	@Test
	void busyLoopsRankFirstThenBlockedThenWaitingThreadsAndMaxStuckBoundsTheGroups() {
		AtomicBoolean stop = new AtomicBoolean();
		CountDownLatch never = new CountDownLatch(1);
		try (LeakFixtures leaks = new LeakFixtures(() -> {
			stop.set(true);
			never.countDown();
		})) {
			leaks.leak(Kind.LOCK_NEVER_RELEASED, "blocked-", 2);
			leaks.start("latch-waiter", () -> awaitQuietly(never), Thread.State.WAITING);
			Thread spinner = leaks.start("ranked-spinner", () -> StuckDetectionTests.spin(stop), Thread.State.RUNNABLE);
			LeakDetector.Settings settings = LeakDetector.Settings.defaults()
				.withWindow(DetectorHarness.WINDOW)
				.withStuckThreshold(STUCK_THRESHOLD);
			DetectorHarness all = new DetectorHarness(settings, DetectorHarness.INTERVAL);
			DetectorHarness two = new DetectorHarness(settings.withMaxStuck(2), DetectorHarness.INTERVAL);
			all.sample();
			two.sample();
			Findings allStuck = null;
			Findings twoStuck = null;
			for (int i = 0; i < TICKS_PAST_THRESHOLD; i++) {
				awaitMoreCpu(spinner);
				allStuck = all.tick();
				twoStuck = two.tick();
			}
			List<String> ranked = allStuck.stuck()
				.stream()
				.map(StuckGroup::pool)
				.filter(List.of("ranked-spinner", "blocked-#", "latch-waiter", "lock-holder")::contains)
				.toList();
			assertThat(ranked).containsExactly("ranked-spinner", "blocked-#", "latch-waiter", "lock-holder");
			assertThat(allStuck.stuck().get(0).pool()).isEqualTo("ranked-spinner");
			assertThat(allStuck.stuck().stream().filter((group) -> group.pool().equals("blocked-#")).findFirst().orElseThrow())
				.satisfies((blocked) -> {
					assertThat(blocked.count()).isEqualTo(2);
					assertThat(blocked.lockOwnerName()).isEqualTo("lock-holder");
					assertThat(blocked.lockName()).startsWith("java.lang.Object@");
				});
			assertThat(twoStuck.stuck()).hasSize(2);
			assertThat(twoStuck.stuck().get(0).pool()).isEqualTo("ranked-spinner");
			assertThat(twoStuck.stuck().get(1).state()).isIn(Thread.State.RUNNABLE, Thread.State.BLOCKED);
			stop.set(true);
			never.countDown();
		}
	}

	@Test
	void stuckThreadsOfASuspectAreCountedThereAndNotListedAgain() {
		try (LeakFixtures leaks = new LeakFixtures()) {
			DetectorHarness detector = new DetectorHarness();
			detector.sample();
			Findings result = null;
			for (int tick = 0; tick < DetectorHarness.SAMPLES_PER_WINDOW + 2; tick++) {
				leaks.leak(Kind.FUTURE_NEVER_COMPLETED, "leaking-", 1);
				result = detector.tick();
			}
			Suspect suspect = DetectorHarness.suspect(result, "leaking-#").orElseThrow();
			// a thread started before tick n is seen from tick n on, and stuck 30 s (6 ticks) later
			assertThat(suspect.stuck()).isEqualTo(DetectorHarness.SAMPLES_PER_WINDOW + 2 - TICKS_PAST_THRESHOLD + 1);
			assertThat(result.stuck()).noneMatch((group) -> group.pool().equals("leaking-#"));
			assertThat(published(result).stuckThreads())
				.isEqualTo(result.stuck().stream().mapToInt(StuckGroup::count).sum() + suspect.stuck());
		}
	}

	@Test
	void stuckThreadsNamedAfterTheirWorkAreOneGroupByCode() {
		try (LeakFixtures leaks = new LeakFixtures()) {
			for (String customer : List.of("alice", "bob", "carol")) {
				leaks.leak(Kind.FUTURE_NEVER_COMPLETED, "feed-" + customer + "-x", 1);
			}
			DetectorHarness detector = new DetectorHarness();
			Findings result = detector.sampleThenTick(TICKS_PAST_THRESHOLD);
			assertThat(result.stuck()).filteredOn((group) -> group.threadNames().get(0).startsWith("feed-"))
				.singleElement()
				.satisfies((group) -> {
					assertThat(group.pool()).isEqualTo("feed-*");
					assertThat(group.count()).isEqualTo(3);
					assertThat(group.threadNames()).hasSize(3);
				});
		}
	}

	private static DetectionResult published(Findings found) {
		return new DetectionResult(Instant.now(), 1, 0, new ThreadTotals(1, 1, 1, 1), found.threadsByPool(),
				found.suspects(), found.stuck(), List.of(), 0, null);
	}

	private static List<String> lines(CapturedOutput output, String containing) {
		return Arrays.stream(output.getOut().split("\n")).filter((line) -> line.contains(containing)).toList();
	}

	private void awaitMoreCpu(Thread thread) {
		long cpu = this.threads.getThreadCpuTime(thread.getId());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.threads.getThreadCpuTime(thread.getId()) > cpu);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
