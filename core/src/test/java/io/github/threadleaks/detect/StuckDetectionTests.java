package io.github.threadleaks.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import static io.github.threadleaks.detect.DetectorHarness.STUCK_THRESHOLD;
import static io.github.threadleaks.detect.DetectorHarness.stuck;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stuck threads, on real threads with a simulated clock: ticks past the threshold, with real
 * time (and CPU) passing between samples where the rule depends on it.
 */
class StuckDetectionTests {

	private static final int TICKS_PAST_THRESHOLD = (int) (STUCK_THRESHOLD.toSeconds()
			/ DetectorHarness.INTERVAL.toSeconds()) + 1;

	private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	@Test
	void aBusyLoopThatNeverEndsIsStuck() {
		AtomicBoolean stop = new AtomicBoolean();
		Thread spinner = daemon("busy-loop", () -> spin(stop));
		try {
			DetectorHarness detector = new DetectorHarness();
			detector.sample();
			Findings result = null;
			for (int i = 0; i < TICKS_PAST_THRESHOLD; i++) {
				awaitMoreCpu(spinner);
				result = detector.tick();
			}
			StuckGroup stuck = stuck(result, spinner).orElseThrow();
			assertThat(stuck.state()).isEqualTo(Thread.State.RUNNABLE);
			assertThat(stuck.stuckFor()).isGreaterThanOrEqualTo(STUCK_THRESHOLD);
			assertThat(stuck.cpuRising()).as("a busy loop").isTrue();
			assertThat(stuck.count()).isEqualTo(1);
			assertThat(stuck.threadNames()).containsExactly("busy-loop");
			assertThat(stuck.stack()).extracting(StackTraceElement::getMethodName).contains("spin");
			assertThat(stuck.pool()).isEqualTo("busy-loop");
		}
		finally {
			stop.set(true);
		}
	}

	@Test
	void aThreadWaitingOnALatchNobodyCountsDownIsStuckOnlyPastTheThreshold() {
		CountDownLatch never = new CountDownLatch(1);
		Thread waiter = daemon("latch-waiter", () -> awaitQuietly(never));
		await().until(() -> waiter.getState() == Thread.State.WAITING);
		try {
			DetectorHarness detector = new DetectorHarness();
			detector.sample();
			for (int i = 1; i < TICKS_PAST_THRESHOLD - 1; i++) {
				assertThat(stuck(detector.tick(), waiter)).as("before the threshold").isEmpty();
			}
			detector.tick();
			StuckGroup stuck = stuck(detector.tick(), waiter).orElseThrow();
			assertThat(stuck.lockName()).startsWith("java.util.concurrent.CountDownLatch$Sync@");
			assertThat(stuck.stack().get(0).getMethodName()).isEqualTo("await");
		}
		finally {
			never.countDown();
		}
	}

	@Test
	void aThreadBlockedOnAMonitorNamesTheOwner() throws Exception {
		Object lock = new Object();
		CountDownLatch release = new CountDownLatch(1);
		Thread owner = daemon("monitor-owner", () -> {
			synchronized (lock) {
				awaitQuietly(release);
			}
		});
		await().until(() -> owner.getState() == Thread.State.WAITING);
		Thread blocked = daemon("monitor-blocked", () -> {
			synchronized (lock) {
				lock.hashCode();
			}
		});
		await().until(() -> blocked.getState() == Thread.State.BLOCKED);
		try {
			DetectorHarness detector = new DetectorHarness();
			Findings result = detector.sampleThenTick(TICKS_PAST_THRESHOLD);
			StuckGroup stuck = stuck(result, blocked).orElseThrow();
			assertThat(stuck.state()).isEqualTo(Thread.State.BLOCKED);
			assertThat(stuck.lockOwnerName()).isEqualTo("monitor-owner");
			assertThat(stuck.cpuRising()).isFalse();
		}
		finally {
			release.countDown();
			owner.join(10_000);
			blocked.join(10_000);
		}
	}

	@Test
	void aPoolIdlingInGetTaskIsNeverStuck() {
		ExecutorService idle = Executors.newFixedThreadPool(2);
		idle.execute(() -> { });
		idle.execute(() -> { });
		try {
			DetectorHarness detector = new DetectorHarness();
			detector.sample();
			for (int i = 0; i < 2 * TICKS_PAST_THRESHOLD; i++) {
				assertThat(detector.tick().stuck()).noneMatch((stuck) -> stuck.pool().equals("pool-#-thread-#"));
			}
		}
		finally {
			idle.shutdownNow();
		}
	}

	@Test
	void aPollerThatSleepsBetweenRoundsIsNeverStuck() {
		AtomicBoolean stop = new AtomicBoolean();
		Thread poller = daemon("poller", () -> {
			while (!stop.get()) {
				parkBriefly();
			}
		});
		try {
			DetectorHarness detector = new DetectorHarness();
			detector.sample();
			for (int i = 0; i < 2 * TICKS_PAST_THRESHOLD; i++) {
				long waits = this.threads.getThreadInfo(poller.getId()).getWaitedCount();
				await().until(() -> this.threads.getThreadInfo(poller.getId()).getWaitedCount() > waits);
				assertThat(stuck(detector.tick(), poller)).isEmpty();
			}
		}
		finally {
			stop.set(true);
		}
	}

	@Test
	void aThreadThatResumesWorkIsNoLongerStuck() {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean stop = new AtomicBoolean();
		Thread worker = daemon("resuming", () -> {
			awaitQuietly(release);
			while (!stop.get()) {
				parkBriefly();
			}
		});
		await().until(() -> worker.getState() == Thread.State.WAITING);
		try {
			DetectorHarness detector = new DetectorHarness();
			Findings result = detector.sampleThenTick(TICKS_PAST_THRESHOLD);
			assertThat(stuck(result, worker)).isPresent();
			release.countDown();
			long waits = this.threads.getThreadInfo(worker.getId()).getWaitedCount();
			await().until(() -> this.threads.getThreadInfo(worker.getId()).getWaitedCount() > waits);
			assertThat(stuck(detector.tick(), worker)).isEmpty();
		}
		finally {
			stop.set(true);
		}
	}

	private void awaitMoreCpu(Thread thread) {
		long cpu = this.threads.getThreadCpuTime(thread.getId());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.threads.getThreadCpuTime(thread.getId()) > cpu);
	}

	private static Thread daemon(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	static double spin(AtomicBoolean stop) {
		double sum = 0;
		while (!stop.get()) {
			for (int i = 1; i < 10_000; i++) {
				sum += Math.sqrt(i) / i;
			}
		}
		return sum;
	}

	private static void parkBriefly() {
		java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
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
