package io.github.threadleaks.tasks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A task's result future is made only when someone asks for it: asked before, during or
 * after the work, it completes the same way.
 */
class TrackedTaskResultTests {

	private final TaskCounts counts = new TaskCounts();

	private final TaskTracker here = new TaskTracker(Runnable::run, this.counts,
			new TaskTracker.Settings("here", 100, true), Clock.systemUTC());

	private final ExecutorService pool = Executors.newFixedThreadPool(2);

	private final TaskTracker pooled = new TaskTracker(this.pool, this.counts,
			new TaskTracker.Settings("pooled", 100, true), Clock.systemUTC());

	@AfterEach
	void stop() {
		this.here.close();
		this.pooled.close();
		this.pool.shutdownNow();
	}

	@Test
	void askedAfterTheWorkEndedTheResultIsAlreadyComplete() throws Exception {
		TrackedTask<String> succeeded = this.here.submit("ok", () -> "value");
		TrackedTask<Object> failed = this.here.submit("fails", () -> {
			throw new java.io.IOException("disk full (expected by the test)");
		});
		TrackedTask<Object> cancelled = this.here.submit("cancels itself", (scope) -> {
			scope.cancel();
			return "ignored";
		});
		assertThat(succeeded.state()).isEqualTo("succeeded");
		assertThat(succeeded.result()).isCompletedWithValue("value");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> failed.result().get(1, TimeUnit.SECONDS))
			.withCauseInstanceOf(java.io.IOException.class);
		assertThat(cancelled.result()).isCancelled();
		assertThatExceptionOfType(TaskCancelledException.class)
			.isThrownBy(() -> cancelled.result().get(1, TimeUnit.SECONDS))
			.withMessage("Cancelled: here/cancels itself");
		assertThat(succeeded.result()).as("asked twice, one future").isSameAs(succeeded.result());
	}

	@Test
	void askedWhileTheWorkEndsOnAnotherThreadEveryResultCompletesWithItsValue() throws Exception {
		List<TrackedTask<Integer>> tasks = new ArrayList<>();
		List<CompletableFuture<Integer>> results = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			int value = i;
			TrackedTask<Integer> task = this.pooled.submit("race", () -> value);
			tasks.add(task);
			// races the worker: some futures are made before the work ends, some after
			results.add(task.result());
		}
		for (int i = 0; i < results.size(); i++) {
			assertThat(results.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i);
			assertThat(tasks.get(i).result()).isSameAs(results.get(i));
		}
	}

	@Test
	void cancellingTheResultCancelsTheWork() throws Exception {
		java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
		TrackedTask<Object> task = this.pooled.submit("blocked", (scope) -> {
			started.countDown();
			try {
				return new java.util.concurrent.LinkedBlockingQueue<>().take();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(task.result().cancel(true)).isTrue();
		org.awaitility.Awaitility.await().until(() -> "cancelled".equals(task.state()));
		assertThat(task.scope().isCancelled()).isTrue();
	}

}
