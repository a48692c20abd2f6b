package io.github.threadleaks.tasks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class TaskShutdownTests {

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	private final TaskTracker tracker = new TaskTracker(this.pool, new TaskCounts(),
			new TaskTracker.Settings("app", 100, true), Clock.systemUTC());

	private final AtomicBoolean stopStubborn = new AtomicBoolean();

	@AfterEach
	void stop() {
		this.stopStubborn.set(true);
		this.tracker.close();
		this.pool.shutdownNow();
	}

	@Test
	void cooperativeWorkIsCancelledAndNothingIsReported() {
		TrackedTask<Object> task = this.tracker.submit("cooperative", (scope) -> {
			try {
				return new LinkedBlockingQueue<>().take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		});
		await().until(() -> task.thread() != null);
		List<TrackedTask<?>> refused = new TaskShutdown(this.tracker, Duration.ofMillis(100), Duration.ofSeconds(5))
			.stop();
		assertThat(refused).isEmpty();
		assertThat(task.state()).isEqualTo("cancelled");
		assertThat(this.tracker.isRefusingNewWork()).isTrue();
	}

	@Test
	void workThatFinishesWithinTheDrainTimeoutIsNotCancelled() {
		TrackedTask<Object> task = this.tracker.submit("finishing", (scope) -> {
			java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
			return "done";
		});
		// started, not "running now": on a loaded machine the 200 ms can pass between two polls
		await().until(() -> task.startedAt() != null);
		assertThat(new TaskShutdown(this.tracker, Duration.ofSeconds(10), Duration.ofSeconds(1)).stop()).isEmpty();
		assertThat(task.state()).isEqualTo("succeeded");
	}

	@Test
	void workThatIgnoresInterruptsIsNamedWithItsStackAndDoesNotHoldTheStopPastTheTimeouts(CapturedOutput output) {
		TrackedTask<Object> task = this.tracker.submit("stubborn", (scope) -> {
			while (!this.stopStubborn.get()) {
				Thread.onSpinWait();
			}
			return null;
		});
		await().until(() -> task.thread() != null);
		long start = System.nanoTime();
		List<TrackedTask<?>> refused = new TaskShutdown(this.tracker, Duration.ofMillis(200), Duration.ofMillis(300))
			.stop();
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		assertThat(refused).containsExactly(task);
		assertThat(took).as("the stop is bounded by drain + cancel timeouts").isLessThan(Duration.ofSeconds(5));
		assertThat(output.toString()).contains("Shutdown: task #" + task.id() + " 'stubborn' (running) refused to stop",
				"TaskShutdownTests.lambda$");
	}

}
