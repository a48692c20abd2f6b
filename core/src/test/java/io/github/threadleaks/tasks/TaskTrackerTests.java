package io.github.threadleaks.tasks;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.MDC;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class TaskTrackerTests {

	static final ReentrantLock HELD = new ReentrantLock();

	private final ExecutorService pool = Executors.newFixedThreadPool(4);

	private final TaskCounts counts = new TaskCounts();

	private final TaskTracker tracker = new TaskTracker(this.pool, this.counts,
			new TaskTracker.Settings("test", 100, true), Clock.systemUTC());

	@AfterEach
	void stop() {
		this.tracker.root().cancel();
		this.tracker.close();
		this.pool.shutdownNow();
	}

	/** The blocking calls cancellation must reach. */
	enum Blocking {

		QUEUE_TAKE((scope) -> {
			try {
				return new LinkedBlockingQueue<>().take();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}),

		SLEEP((scope) -> {
			try {
				Thread.sleep(60_000);
				return null;
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}),

		FUTURE_GET((scope) -> {
			try {
				return new CompletableFuture<>().get();
			}
			catch (InterruptedException | ExecutionException ex) {
				throw new IllegalStateException(ex);
			}
		}),

		LOCK_INTERRUPTIBLY((scope) -> {
			try {
				HELD.lockInterruptibly();
				return null;
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		}),

		POLLING_LOOP((scope) -> {
			while (!scope.isCancelled()) {
				Thread.onSpinWait();
			}
			return null;
		});

		final Function<TaskScope, Object> work;

		Blocking(Function<TaskScope, Object> work) {
			this.work = work;
		}

	}

	@ParameterizedTest
	@EnumSource(Blocking.class)
	void cancellationReachesWorkBlockedIn(Blocking blocking) throws Exception {
		CountDownLatch holderRelease = new CountDownLatch(1);
		Thread holder = null;
		if (blocking == Blocking.LOCK_INTERRUPTIBLY) {
			holder = new Thread(() -> {
				HELD.lock();
				try {
					holderRelease.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				finally {
					HELD.unlock();
				}
			});
			holder.start();
			await().until(HELD::isLocked);
		}
		try {
			TrackedTask<Object> task = this.tracker.submit("blocked-" + blocking, blocking.work);
			await().until(() -> task.thread() != null && (blocking == Blocking.POLLING_LOOP
					|| task.thread().getState() != Thread.State.RUNNABLE));
			assertThat(task.state()).isEqualTo("running");
			assertThat(this.tracker.running()).containsExactly(task);
			assertThat(task.cancel()).isTrue();
			// a CompletableFuture throws its CancellationException as it is, not wrapped
			assertThatExceptionOfType(TaskCancelledException.class)
				.isThrownBy(() -> task.result().get(10, TimeUnit.SECONDS))
				.withMessage("Cancelled: test/blocked-" + blocking);
			assertThat(task.state()).isEqualTo("cancelled");
			assertThat(this.tracker.running()).isEmpty();
			assertThat(this.counts.count(TaskOutcome.CANCELLED)).isEqualTo(1);
			assertThat(this.counts.active()).isZero();
		}
		finally {
			holderRelease.countDown();
			if (holder != null) {
				holder.join(10_000);
			}
		}
	}

	@Test
	void aDeadlineCancelsWithReasonTimedOut() {
		TrackedTask<Object> task = this.tracker.task("with-deadline")
			.deadline(Duration.ofMillis(100))
			.submit(Blocking.QUEUE_TAKE.work);
		assertThatExceptionOfType(TaskCancelledException.class)
			.isThrownBy(() -> task.result().get(10, TimeUnit.SECONDS))
			.withMessage("Deadline passed for test/with-deadline")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(TaskOutcome.TIMED_OUT));
		assertThat(task.state()).isEqualTo("timed_out");
		assertThat(this.counts.count(TaskOutcome.TIMED_OUT)).isEqualTo(1);
	}

	@Test
	void cancellingAParentCancelsItsChildrenAndNotItsSiblings() throws Exception {
		List<TrackedTask<?>> children = new CopyOnWriteArrayList<>();
		CountDownLatch childrenStarted = new CountDownLatch(2);
		TrackedTask<Object> parent = this.tracker.submit("parent", (scope) -> {
			for (int i = 0; i < 2; i++) {
				children.add(this.tracker.submit("child-" + i, (child) -> {
					childrenStarted.countDown();
					return Blocking.QUEUE_TAKE.work.apply(child);
				}));
			}
			return Blocking.QUEUE_TAKE.work.apply(scope);
		});
		TrackedTask<Object> sibling = this.tracker.submit("sibling", Blocking.QUEUE_TAKE.work);
		assertThat(childrenStarted.await(10, TimeUnit.SECONDS)).isTrue();
		// a child may start before the parent has stored its handle
		await().atMost(Duration.ofSeconds(10)).until(() -> children.size() == 2);
		assertThat(children).extracting((child) -> child.scope().path())
			.containsExactlyInAnyOrder("test/parent/child-0", "test/parent/child-1");
		parent.cancel();
		for (TrackedTask<?> child : children) {
			await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(child.state()));
		}
		assertThat(sibling.state()).isEqualTo("running");
		assertThat(sibling.scope().isCancelled()).isFalse();
	}

	@Test
	void callbacksRunOnceAndAtOnceWhenRegisteredAfterCancellation() {
		TaskScope scope = this.tracker.root().child("callbacks");
		AtomicInteger before = new AtomicInteger();
		scope.onCancel(before::incrementAndGet);
		assertThat(scope.cancel()).isTrue();
		assertThat(scope.cancel()).isFalse();
		assertThat(before).hasValue(1);
		AtomicInteger after = new AtomicInteger();
		scope.onCancel(after::incrementAndGet);
		assertThat(after).hasValue(1);
		assertThatExceptionOfType(TaskCancelledException.class).isThrownBy(scope::throwIfCancelled)
			.withMessage("Cancelled: test/callbacks");
	}

	@Test
	void theCurrentScopeIsTheTasksInsideAndBackgroundOutside() throws Exception {
		AtomicReference<TaskScope> inside = new AtomicReference<>();
		TrackedTask<Void> task = this.tracker.submit("current", () -> inside.set(TaskScope.current()));
		task.result().get(10, TimeUnit.SECONDS);
		assertThat(inside.get()).isSameAs(task.scope());
		assertThat(TaskScope.current()).isSameAs(TaskScope.background());
		assertThat(TaskScope.background().cancel()).isFalse();
		assertThat(TaskScope.background().isCancelled()).isFalse();
	}

	@Test
	void workCarriesItsIdentityAndTheSubmittersMdc() throws Exception {
		MDC.put("requestId", "r-42");
		try {
			AtomicReference<Map<String, String>> inside = new AtomicReference<>();
			TrackedTask<Void> task = this.tracker.submit("mdc", () -> inside.set(MDC.getCopyOfContextMap()));
			task.result().get(10, TimeUnit.SECONDS);
			assertThat(inside.get()).containsEntry("requestId", "r-42")
				.containsEntry("taskId", Long.toString(task.id()))
				.containsEntry("taskName", "mdc");
			AtomicReference<Map<String, String>> after = new AtomicReference<>();
			CompletableFuture.runAsync(() -> after.set(MDC.getCopyOfContextMap()), this.pool).get(10, TimeUnit.SECONDS);
			assertThat(after.get()).as("the pool thread is left clean").isNullOrEmpty();
		}
		finally {
			MDC.clear();
		}
	}

	@Test
	void anEscapingExceptionIsRecordedAsFailedAndLoggedOnceWithTheTasksIdentity(CapturedOutput output) {
		TrackedTask<Object> task = this.tracker.submit("exploding", () -> {
			throw new java.io.IOException("disk full (expected by the test)");
		});
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> task.result().get(10, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(java.io.IOException.class)
			.withMessage("disk full (expected by the test)");
		assertThat(task.state()).isEqualTo("failed");
		assertThat(this.counts.count(TaskOutcome.FAILED)).isEqualTo(1);
		await().until(() -> output.toString().contains("Task failed: task #" + task.id() + " 'exploding' (failed)"));
		assertThat(output.toString().split("disk full \\(expected by the test\\)", -1)).hasSize(2);
	}

	@Test
	void pastTheBoundWorkStillRunsAndIsCountedAndTheOverflowIsLoggedOnce(CapturedOutput output) {
		TaskTracker small = new TaskTracker(this.pool, this.counts, new TaskTracker.Settings("small", 2, true),
				Clock.systemUTC());
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger ran = new AtomicInteger();
		try {
			for (int i = 0; i < 4; i++) {
				small.submit("bounded-" + i, () -> {
					ran.incrementAndGet();
					release.await();
					return null;
				});
			}
			await().until(() -> ran.get() == 4);
			assertThat(small.running()).hasSize(2);
			assertThat(this.counts.active()).isEqualTo(4);
			assertThat(output.toString().split("More than 2 tasks are running", -1)).hasSize(2);
		}
		finally {
			release.countDown();
			small.close();
		}
		await().until(() -> this.counts.active() == 0);
		assertThat(small.running()).isEmpty();
	}

	@Test
	void refusingNewWorkRejectsItWithTheReason() {
		this.tracker.refuseNewWork();
		assertThatExceptionOfType(RejectedExecutionException.class)
			.isThrownBy(() -> this.tracker.submit("late", () -> { }))
			.withMessage("Not starting task 'late': the application is shutting down and refuses new work");
		assertThat(this.counts.active()).isZero();
	}

	@Test
	void aWrappedExecutorServiceTracksEveryTaskUnderItsName() throws Exception {
		ExecutorService wrapped = this.tracker.wrap(Executors.newSingleThreadExecutor(), "report-jobs");
		CountDownLatch release = new CountDownLatch(1);
		java.util.concurrent.Future<String> result = wrapped.submit(() -> {
			release.await();
			return TaskScope.current().path();
		});
		await().until(() -> !this.tracker.running().isEmpty());
		assertThat(this.tracker.running()).extracting(TrackedTask::name).containsExactly("report-jobs");
		release.countDown();
		assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("test/report-jobs");
		wrapped.shutdown();
		assertThat(wrapped.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aDecoratedRunnableIsTrackedAsAChildOfTheSubmittersScope() throws Exception {
		AtomicReference<String> path = new AtomicReference<>();
		TrackedTask<Object> parent = this.tracker.submit("submitter", (scope) -> {
			Runnable decorated = this.tracker.decorate(() -> path.set(TaskScope.current().path()), "decorated");
			try {
				CompletableFuture.runAsync(decorated, this.pool).get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return null;
		});
		parent.result().get(10, TimeUnit.SECONDS);
		assertThat(path.get()).isEqualTo("test/submitter/decorated");
		assertThat(this.counts.count(TaskOutcome.SUCCEEDED)).isEqualTo(2);
	}

	@Test
	void untrackedTrackersRunWorkWithScopesButKeepNoRegistry() throws Exception {
		TaskTracker untracked = new TaskTracker(this.pool, this.counts, new TaskTracker.Settings("off", 10, false),
				Clock.systemUTC());
		CountDownLatch release = new CountDownLatch(1);
		TrackedTask<Object> task = untracked.submit("quiet", () -> {
			release.await();
			return "done";
		});
		await().until(() -> task.thread() != null);
		assertThat(untracked.running()).isEmpty();
		assertThat(this.counts.active()).isZero();
		release.countDown();
		assertThat(task.result().get(10, TimeUnit.SECONDS)).isEqualTo("done");
		untracked.close();
	}

	@Test
	void trackingKeepsNoReferenceToFinishedWork() throws Exception {
		java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
		long before = usedHeapAfterGc(memory);
		int batch = 10_000;
		for (int done = 0; done < 1_000_000; done += batch) {
			CountDownLatch finished = new CountDownLatch(batch);
			for (int i = 0; i < batch; i++) {
				this.tracker.submit("short", finished::countDown);
			}
			assertThat(finished.await(60, TimeUnit.SECONDS)).isTrue();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> this.counts.active() == 0);
		assertThat(this.tracker.running()).isEmpty();
		assertThat(this.tracker.root().hasChildren()).isFalse();
		assertThat(this.counts.count(TaskOutcome.SUCCEEDED)).isEqualTo(1_000_000);
		long after = usedHeapAfterGc(memory);
		assertThat(after - before).as("heap growth in bytes").isLessThan(10L * 1024 * 1024);
	}

	@Test
	void aHandleRunsItsWorkOnceAndKeepsNeitherTheWorkNorTheSubmittersMdcOnceItStarted() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch release = new CountDownLatch(1);
		MDC.put("request", "r-1");
		List<Object> submitted;
		try {
			submitted = submitCountingWork(runs, release);
		}
		finally {
			MDC.remove("request");
		}
		@SuppressWarnings("unchecked")
		TrackedTask<Void> task = (TrackedTask<Void>) submitted.get(0);
		@SuppressWarnings("unchecked")
		java.lang.ref.WeakReference<Runnable> work = (java.lang.ref.WeakReference<Runnable>) submitted.get(1);
		await().atMost(Duration.ofSeconds(10)).until(() -> task.startedAt() != null);
		// the handle, still running, no longer holds the work: only the running thread does
		release.countDown();
		task.result().get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			System.gc();
			return work.get() == null;
		});
		// submitted work is the handle itself to its executor; running it again runs nothing
		assertThat(task).isInstanceOf(Runnable.class);
		((Runnable) task).run();
		assertThat(runs).hasValue(1);
		assertThat(this.counts.count(TaskOutcome.SUCCEEDED)).isEqualTo(1);
		assertThat(this.counts.active()).isZero();
		assertThat(task.state()).isEqualTo("succeeded");
	}

	/**
	 * The handle and a weak reference to its work, made in a frame of their own so that no
	 * local of the test keeps the work.
	 */
	private List<Object> submitCountingWork(AtomicInteger runs, CountDownLatch release) {
		Runnable counting = () -> {
			runs.incrementAndGet();
			try {
				release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};
		return List.of(this.tracker.submit("once", counting), new java.lang.ref.WeakReference<>(counting));
	}

	private static long usedHeapAfterGc(java.lang.management.MemoryMXBean memory) {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
