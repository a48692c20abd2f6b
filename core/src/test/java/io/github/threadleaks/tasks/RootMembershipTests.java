package io.github.threadleaks.tasks;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Top-level tasks are members of the root through their thread's slot rather than the root's
 * set of children: cancelling the root, listing and the tree's emptiness must see them all the
 * same, however they were started.
 */
class RootMembershipTests {

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

	@Test
	void cancellingTheRootReachesEveryRunningTaskAndWhatTheyStarted() throws Exception {
		List<TrackedTask<Object>> tasks = new ArrayList<>();
		AtomicReference<TrackedTask<Object>> child = new AtomicReference<>();
		// four threads: two blocked tasks, a parent and its child
		for (int i = 0; i < 2; i++) {
			tasks.add(this.tracker.submit("blocked-" + i, (scope) -> takeForever()));
		}
		// one task starts a child before it blocks: it joins the root's children as well
		tasks.add(this.tracker.submit("parent", (scope) -> {
			child.set(this.tracker.submit("child", (inner) -> takeForever()));
			return takeForever();
		}));
		await().until(() -> child.get() != null && this.tracker.running().size() == 4);
		assertThat(this.tracker.running()).as("each listed once").doesNotHaveDuplicates();
		assertThat(this.tracker.root().hasChildren()).isTrue();
		this.tracker.root().cancel();
		tasks.add(child.get());
		for (TrackedTask<Object> task : tasks) {
			assertThatExceptionOfType(TaskCancelledException.class)
				.isThrownBy(() -> task.result().get(10, TimeUnit.SECONDS));
			assertThat(task.state()).isEqualTo("cancelled");
		}
		await().until(() -> this.counts.active() == 0);
		assertThat(this.tracker.running()).isEmpty();
		assertThat(this.tracker.root().hasChildren()).isFalse();
	}

	@Test
	void aTaskThatEndsBeforeTheWorkItStartedLeavesTheTreeWhenThatWorkEnds() throws Exception {
		CountDownLatch releaseChild = new CountDownLatch(1);
		AtomicReference<TrackedTask<Object>> child = new AtomicReference<>();
		TrackedTask<String> parent = this.tracker.submit("parent", (scope) -> {
			child.set(this.tracker.submit("child", () -> {
				releaseChild.await(10, TimeUnit.SECONDS);
				return null;
			}));
			// the child joins the parent's children when it starts, which takes the parent
			// into the root's children too
			await().until(() -> child.get().startedAt() != null);
			return "done";
		});
		assertThat(parent.result().get(10, TimeUnit.SECONDS)).isEqualTo("done");
		// the parent's work is over, its child still runs: the parent stays in the tree
		assertThat(this.tracker.running()).containsExactly(child.get());
		assertThat(this.tracker.root().hasChildren()).isTrue();
		releaseChild.countDown();
		child.get().result().get(10, TimeUnit.SECONDS);
		// the parent's scope counts as closed since its task ended: the child's end takes both out
		await().until(() -> !this.tracker.root().hasChildren());
		assertThat(this.tracker.running()).isEmpty();
	}

	@Test
	void cancellingATopLevelTaskInterruptsItsThreadAndEveryOtherThreadInItsScope() throws Exception {
		CountDownLatch helperEntered = new CountDownLatch(1);
		AtomicReference<Thread> helper = new AtomicReference<>();
		AtomicReference<Boolean> helperInterrupted = new AtomicReference<>();
		TrackedTask<Object> task = this.tracker.submit("top", (scope) -> {
			// a thread of the task's own that enters its scope: registered as its owner, while
			// the task's thread is registered by its slot in the root
			Thread other = new Thread(() -> {
				try (TaskScope.Entered entered = scope.enter()) {
					helperEntered.countDown();
					takeForever();
				}
				catch (TaskCancelledException ex) {
					helperInterrupted.set(true);
				}
			});
			helper.set(other);
			other.start();
			return takeForever();
		});
		assertThat(helperEntered.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(task.cancel()).isTrue();
		assertThatExceptionOfType(TaskCancelledException.class)
			.isThrownBy(() -> task.result().get(10, TimeUnit.SECONDS));
		helper.get().join(10_000);
		assertThat(helperInterrupted.get()).as("the other thread in the scope was interrupted").isTrue();
		await().until(() -> this.counts.active() == 0);
		assertThat(this.tracker.root().hasChildren()).isFalse();
	}

	@Test
	void aTopLevelTaskRunInsideAnotherOnTheSameThreadIsListedAndCancelledToo() throws Exception {
		TaskTracker here = callerRuns("here");
		AtomicReference<List<String>> listedInside = new AtomicReference<>();
		AtomicReference<Boolean> innerCancelled = new AtomicReference<>();
		try {
			TrackedTask<Object> outer = here.submit("outer", (scope) -> {
				// the thread's slot is taken by "outer": "inner" joins the root's children
				TrackedTask<Object> inner = here.task("inner").parent(here.root()).submit((innerScope) -> {
					listedInside.set(here.running().stream().map(TrackedTask::name).toList());
					here.root().cancel();
					innerCancelled.set(innerScope.isCancelled());
					return null;
				});
				return inner.state();
			});
			assertThat(listedInside.get()).containsExactly("outer", "inner");
			assertThat(innerCancelled.get()).isTrue();
			assertThatExceptionOfType(TaskCancelledException.class)
				.isThrownBy(() -> outer.result().get(10, TimeUnit.SECONDS));
			assertThat(outer.state()).isEqualTo("cancelled");
			assertThat(here.running()).isEmpty();
			assertThat(here.root().hasChildren()).isFalse();
		}
		finally {
			here.close();
		}
	}

	@Test
	void aTaskStartedAfterTheRootWasCancelledIsCancelledBeforeItsWorkRuns() throws Exception {
		CountDownLatch queued = new CountDownLatch(1);
		ExecutorService single = Executors.newSingleThreadExecutor();
		TaskTracker one = new TaskTracker(single, this.counts, new TaskTracker.Settings("one", 100, true),
				Clock.systemUTC());
		try {
			single.execute(() -> {
				try {
					queued.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			TrackedTask<String> late = one.submit("late", () -> "ran");
			one.root().cancel();
			queued.countDown();
			assertThatExceptionOfType(TaskCancelledException.class)
				.isThrownBy(() -> late.result().get(10, TimeUnit.SECONDS));
		}
		finally {
			one.close();
			single.shutdownNow();
		}
	}

	@Test
	void aTopLevelTaskGetsItsScopeOnlyWhenAskedAndAlwaysTheSameOne() throws Exception {
		CountDownLatch started = new CountDownLatch(2);
		List<Thread> interrupted = new CopyOnWriteArrayList<>();
		Runnable blockUntilInterrupted = () -> {
			started.countDown();
			try {
				new LinkedBlockingQueue<>().take();
			}
			catch (InterruptedException ex) {
				interrupted.add(Thread.currentThread());
			}
		};
		TrackedTask<Void> asked = this.tracker.submit("asked", blockUntilInterrupted);
		TrackedTask<Void> unasked = this.tracker.submit("unasked", blockUntilInterrupted);
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		// running, counted and in the tree, yet neither has a scope: their work never asked
		assertThat(asked.scopeIfMade()).isNull();
		assertThat(unasked.scopeIfMade()).isNull();
		assertThat(this.tracker.root().hasChildren()).isTrue();
		assertThat(this.counts.active()).isEqualTo(2);
		// asked from many threads at once, it is made once
		ExecutorService askers = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<TaskScope>> answers = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				answers.add(askers.submit(() -> {
					go.await();
					return asked.scope();
				}));
			}
			go.countDown();
			for (Future<TaskScope> answer : answers) {
				assertThat(answer.get(10, TimeUnit.SECONDS)).isSameAs(asked.scopeIfMade()).isNotNull();
			}
		}
		finally {
			askers.shutdownNow();
		}
		assertThat(asked.scope().path()).isEqualTo("test/asked");
		// the task without a scope is still reached by cancelling the root: its thread is interrupted
		assertThat(this.tracker.root().cancel()).isTrue();
		for (TrackedTask<Void> task : List.of(asked, unasked)) {
			assertThatExceptionOfType(TaskCancelledException.class)
				.isThrownBy(() -> task.result().get(10, TimeUnit.SECONDS));
			assertThat(task.state()).isEqualTo("cancelled");
		}
		assertThat(interrupted).hasSize(2);
		await().until(() -> this.counts.active() == 0);
		assertThat(this.tracker.root().hasChildren()).isFalse();
	}

	@Test
	void insideTopLevelWorkItsTasksScopeIsCurrentAgainAfterAnEnteredScopeAndANestedTaskEnd() throws Exception {
		TaskTracker here = callerRuns("here");
		TaskTracker elsewhere = callerRuns("elsewhere");
		List<TaskScope> seen = new CopyOnWriteArrayList<>();
		try {
			TrackedTask<Void> outer = here.submit("outer", () -> {
				seen.add(TaskScope.current());
				TaskScope step = TaskScope.current().child("step");
				try (TaskScope.Entered entered = step.enter()) {
					seen.add(TaskScope.current());
				}
				step.close();
				seen.add(TaskScope.current());
				// a top-level task run inside on the same thread, which must not take over the slot
				here.task("inner").parent(here.root()).submit(() -> {
					seen.add(TaskScope.current());
				});
				seen.add(TaskScope.current());
				// and one of another tracker's root, whose slot this thread also has
				elsewhere.task("other").parent(elsewhere.root()).submit(() -> {
					seen.add(TaskScope.current());
				});
				seen.add(TaskScope.current());
			});
			outer.result().get(10, TimeUnit.SECONDS);
			assertThat(seen).hasSize(7);
			TaskScope outerScope = outer.scope();
			assertThat(seen.get(0)).isSameAs(outerScope);
			assertThat(seen.get(1).path()).isEqualTo("here/outer/step");
			assertThat(seen.get(2)).isSameAs(outerScope);
			assertThat(seen.get(3).path()).isEqualTo("here/inner");
			assertThat(seen.get(4)).isSameAs(outerScope);
			assertThat(seen.get(5).path()).isEqualTo("elsewhere/other");
			assertThat(seen.get(6)).isSameAs(outerScope);
			assertThat(TaskScope.current()).isSameAs(TaskScope.background());
			assertThat(here.root().hasChildren()).isFalse();
			assertThat(elsewhere.root().hasChildren()).isFalse();
		}
		finally {
			here.close();
			elsewhere.close();
		}
	}

	@Test
	void slotsOfThreadsThatEndedAreDroppedSoThreadChurnCannotGrowTheRoot() throws Exception {
		// a thread per task, as SimpleAsyncTaskExecutor or a virtual-thread executor runs work
		TaskTracker perThread = new TaskTracker((work) -> new Thread(work, "per-task").start(), this.counts,
				new TaskTracker.Settings("per-thread", 100, true), Clock.systemUTC());
		try {
			int tasks = 2_000;
			CountDownLatch done = new CountDownLatch(tasks);
			for (int i = 0; i < tasks; i++) {
				perThread.submit("short", done::countDown);
			}
			assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
			await().until(() -> this.counts.active() == 0);
			assertThat(perThread.root().slotThreads()).as("slots kept for %d threads that ended", tasks)
				.isLessThanOrEqualTo(2 * 64);
			assertThat(perThread.running()).isEmpty();
			assertThat(perThread.root().hasChildren()).isFalse();
		}
		finally {
			perThread.close();
		}
	}

	@Test
	void aPoolThreadThatOutlivesATrackerDoesNotKeepItsRoot() throws Exception {
		// the application's executor lives on while contexts close and open around it
		TaskTracker closed = new TaskTracker(this.pool, this.counts, new TaskTracker.Settings("closed", 100, true),
				Clock.systemUTC());
		for (int i = 0; i < 100; i++) {
			closed.submit("short", () -> "done").result().get(10, TimeUnit.SECONDS);
		}
		java.lang.ref.WeakReference<ThreadSlots> slots = new java.lang.ref.WeakReference<>(closed.root().slots());
		closed.close();
		closed = null;
		// the pool's threads keep their last slot, but not the closed root's list of slots
		await().atMost(java.time.Duration.ofSeconds(20)).until(() -> {
			System.gc();
			return slots.get() == null;
		});
	}

	/**
	 * A tracker whose executor runs each task on the submitting thread, so tasks submitted
	 * from tracked work run inside it.
	 */
	private TaskTracker callerRuns(String rootName) {
		return new TaskTracker(Runnable::run, this.counts, new TaskTracker.Settings(rootName, 100, true),
				Clock.systemUTC());
	}

	private static Object takeForever() {
		try {
			return new LinkedBlockingQueue<>().take();
		}
		catch (InterruptedException ex) {
			throw new TaskCancelledException(TaskScope.current().path(), TaskOutcome.CANCELLED);
		}
	}

}
