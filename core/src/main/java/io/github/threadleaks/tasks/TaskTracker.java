package io.github.threadleaks.tasks;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs named work with a {@link TaskScope}, an optional deadline, the task's identity in the
 * SLF4J MDC ({@code taskId}, {@code taskName}, plus the submitter's MDC), and keeps a bounded
 * registry of what is running, which it forgets as soon as the work ends.
 * <p>
 * Every task's scope is a child of the scope current where it was submitted (so work started
 * from tracked work, or from a request, is its child), or of the tracker's root scope.
 * Cancelling the root cancels everything, which is what shutdown does.
 */
public class TaskTracker implements AutoCloseable {

	/** The name of the thread that enforces deadlines. */
	public static final String DEADLINE_THREAD_NAME = "threadleaks-deadlines";

	private static final Logger logger = LoggerFactory.getLogger(TaskTracker.class);

	private static final AtomicLong ids = new AtomicLong();

	private static final String TASK_ID = "taskId";

	private static final String TASK_NAME = "taskName";

	private final Executor executor;

	private final TaskCounts counts;

	private final Settings settings;

	private final Clock clock;

	private final ScheduledThreadPoolExecutor deadlines;

	private volatile TaskScope root;

	private final AtomicBoolean overflowLogged = new AtomicBoolean();

	/** How many tasks had finished when the bound was last checked. */
	private volatile long finishedAtLastCheck;

	private volatile boolean refusing;

	private ExecutorService ownedExecutor;

	/**
	 * @param executor where work runs unless a task names another executor
	 * @param counts the counts behind the task meters
	 * @param settings bounds and switches
	 * @param clock the clock of start times
	 */
	public TaskTracker(Executor executor, TaskCounts counts, Settings settings, Clock clock) {
		this.executor = executor;
		this.counts = counts;
		this.settings = settings;
		this.clock = clock;
		this.deadlines = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, DEADLINE_THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		this.deadlines.setRemoveOnCancelPolicy(true);
		this.root = TaskScope.root(settings.rootName(), this.deadlines);
	}

	/**
	 * A tracker that runs work on a cached pool of its own ({@code threadleaks-task-#}
	 * threads), shut down when the tracker closes: for applications without an executor.
	 */
	public static TaskTracker withOwnExecutor(TaskCounts counts, Settings settings, Clock clock) {
		AtomicLong threads = new AtomicLong();
		ExecutorService pool = Executors.newCachedThreadPool((runnable) -> {
			Thread thread = new Thread(runnable, "threadleaks-task-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		TaskTracker tracker = new TaskTracker(pool, counts, settings, clock);
		tracker.ownedExecutor = pool;
		return tracker;
	}

	/**
	 * The scope every task descends from.
	 * @return the root scope
	 */
	public TaskScope root() {
		return this.root;
	}

	public <T> TrackedTask<T> submit(String name, Callable<T> work) {
		return start(name, null, null, this.executor, work, WorkKind.CALLABLE);
	}

	public TrackedTask<Void> submit(String name, Runnable work) {
		return start(name, null, null, this.executor, work, WorkKind.RUNNABLE);
	}

	/**
	 * Submits work that receives its scope, to poll for cancellation and start child work.
	 */
	public <T> TrackedTask<T> submit(String name, Function<TaskScope, T> work) {
		return start(name, null, null, this.executor, work, WorkKind.SCOPED);
	}

	/**
	 * Starts describing a task: {@code tracker.task("export").deadline(Duration.ofSeconds(30)).submit(...)}.
	 * @param name the task's name
	 * @return the description to complete
	 */
	public TaskBuilder task(String name) {
		return new TaskBuilder(name);
	}

	/**
	 * An executor service whose every task is tracked under a name, as Micrometer's
	 * {@code ExecutorServiceMetrics.monitor} wraps one for metrics. Shutting it down shuts
	 * down the delegate.
	 * @param delegate the executor the application built
	 * @param name the name of its tasks
	 * @return the tracking executor service
	 */
	public ExecutorService wrap(ExecutorService delegate, String name) {
		return new TrackingExecutorService(this, delegate, name);
	}

	/**
	 * Wraps a runnable so that it runs as tracked work on whatever thread runs it: what a
	 * {@code TaskDecorator} needs. Its scope is a child of the scope current now, on the
	 * submitting thread, and the submitter's MDC comes along.
	 * @param work the work
	 * @param name its name
	 * @return the tracked runnable (the work itself if it is already tracked)
	 */
	public Runnable decorate(Runnable work, String name) {
		if (work instanceof TrackedRunnable) {
			return work;
		}
		TaskScope parent = parentScope(null);
		Map<String, String> submitterMdc = submitterMdc();
		return (TrackedRunnable) () -> {
			// accepted by its executor before any shutdown began, so it may still start (and is
			// cancelled at once if the root scope already is)
			TrackedTask<Void> task = register(name, parent, null, true);
			run(task, work, WorkKind.RUNNABLE, submitterMdc, idText(task.id()));
		};
	}

	/**
	 * The tasks running now (at most {@link Settings#maxTracked()}), oldest first. Read from
	 * the scope tree, which cancellation needs anyway: tracking a task costs no registry of
	 * its own on the path of every task, and listing walks the running work instead.
	 * @return a new list
	 */
	public List<TrackedTask<?>> running() {
		List<TrackedTask<?>> tasks = new ArrayList<>();
		if (!this.settings.tracking()) {
			return tasks;
		}
		this.root.walk((scope) -> {
			TrackedTask<?> task = scope.task();
			if (task != null && task.outcome() == null) {
				tasks.add(task);
			}
			return tasks.size() < this.settings.maxTracked();
		});
		tasks.sort(Comparator.comparingLong(TrackedTask::id));
		return tasks;
	}

	public Optional<TrackedTask<?>> find(long id) {
		TrackedTask<?>[] found = new TrackedTask<?>[1];
		if (this.settings.tracking()) {
			this.root.walk((scope) -> {
				TrackedTask<?> task = scope.task();
				if (task != null && task.id() == id && task.outcome() == null) {
					found[0] = task;
					return false;
				}
				return true;
			});
		}
		return Optional.ofNullable(found[0]);
	}

	public TaskCounts counts() {
		return this.counts;
	}

	public boolean isTracking() {
		return this.settings.tracking();
	}

	/**
	 * From now on, submitting work throws {@link RejectedExecutionException}: the first step
	 * of a graceful shutdown.
	 */
	public void refuseNewWork() {
		this.refusing = true;
	}

	public boolean isRefusingNewWork() {
		return this.refusing;
	}

	/**
	 * Accepts new work again after {@link #refuseNewWork()} and a cancelled root, under a
	 * fresh root scope: for an application context whose lifecycle is stopped and started
	 * again (Spring's test context cache pauses contexts that way).
	 * @throws IllegalStateException if the tracker was closed
	 */
	public void reopen() {
		if (this.deadlines.isShutdown()) {
			throw new IllegalStateException("The tracker was closed and cannot be reopened");
		}
		if (this.root.isCancelled()) {
			this.root = TaskScope.root(this.settings.rootName(), this.deadlines);
		}
		this.refusing = false;
	}

	/**
	 * Stops the deadline thread. Running work is not touched: cancel {@link #root()} first.
	 */
	@Override
	public void close() {
		this.refusing = true;
		this.deadlines.shutdownNow();
		if (this.ownedExecutor != null) {
			this.ownedExecutor.shutdownNow();
		}
		try {
			// the starter's threads are gone when its context is closed, not a moment later
			this.deadlines.awaitTermination(5, TimeUnit.SECONDS);
			if (this.ownedExecutor != null) {
				this.ownedExecutor.awaitTermination(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private TaskScope parentScope(TaskScope requested) {
		if (requested != null) {
			return requested;
		}
		TaskScope current = TaskScope.current();
		return (current == TaskScope.background()) ? this.root : current;
	}

	private <T> TrackedTask<T> register(String name, TaskScope parent, Duration deadline, boolean accepted) {
		refuseIfShuttingDown(name, accepted);
		TaskScope scope = ownScope(parent, name, deadline);
		long id = nextId();
		return counted(new TrackedTask<>(id, name, parent, scope, this.clock.millis()));
	}

	/**
	 * A task to hand to an executor. What the pool's thread only passes on (the id's text,
	 * the submitter's MDC) is made before the task, so that the task and the executor's queue
	 * node lie next to each other: fewer cache lines for the pool's thread to fetch from the
	 * submitting core.
	 */
	private <T> TaskLaunch<T> launch(String name, TaskScope parent, Duration deadline, Object work, WorkKind kind) {
		refuseIfShuttingDown(name, false);
		// a scope with a deadline may be refused: made first, so nothing is counted then
		TaskScope scope = ownScope(parent, name, deadline);
		long id = nextId();
		boolean tracking = this.settings.tracking();
		String idText = idText(id);
		Map<String, String> carried = tracking ? submitterMdc() : null;
		return counted(
				new TaskLaunch<>(this, id, name, parent, scope, this.clock.millis(), work, kind, carried, idText));
	}

	/**
	 * The scope a new task starts with, or {@code null} when it can be made later: work
	 * directly under a root without a deadline gets its scope when something asks for it
	 * (the work itself, a cancel, a listing), which most work never does. Saving it is what
	 * a tracked task costs the pool's thread least: one object fewer made on the submitting
	 * core and fetched from there. Work under another scope needs its scope when it starts,
	 * to join that scope's tree, and a deadline's timer needs it at once.
	 */
	private static @Nullable TaskScope ownScope(TaskScope parent, String name, @Nullable Duration deadline) {
		return (deadline == null && parent.isRoot()) ? null : parent.detachedChild(name, deadline);
	}

	private void refuseIfShuttingDown(String name, boolean accepted) {
		if (this.refusing && !accepted) {
			throw new RejectedExecutionException(
					"Not starting task '" + name + "': the application is shutting down and refuses new work");
		}
	}

	/**
	 * A tracked task's id is its number in the counts: one shared increment, not two.
	 */
	private long nextId() {
		return this.settings.tracking() ? this.counts.started() : ids.incrementAndGet();
	}

	private <K extends TrackedTask<?>> K counted(K task) {
		// a task's scope knows its task: that is how the tree lists running work, and how the
		// scope counts as closed once the task ended (a scope made later is told when made)
		TaskScope scope = task.scopeIfMade();
		if (scope != null) {
			scope.task(task);
		}
		if (this.settings.tracking()) {
			warnOnceIfOverBound();
		}
		return task;
	}

	/**
	 * Warns once when more tasks run than are listed. Reading how many finished reads what
	 * every finishing thread writes, so it is read only when the tasks started since the last
	 * reading could exceed the bound: once per {@code maxTracked} tasks while all is well, and
	 * the warning still comes with the first task past the bound.
	 */
	private void warnOnceIfOverBound() {
		if (this.overflowLogged.get()) {
			return;
		}
		long started = this.counts.startedSoFar();
		if (started - this.finishedAtLastCheck <= this.settings.maxTracked()) {
			return;
		}
		long finished = this.counts.finishedSoFar();
		this.finishedAtLastCheck = finished;
		if (started - finished > this.settings.maxTracked() && this.overflowLogged.compareAndSet(false, true)) {
			logger.warn("More than {} tasks are running: tasks past that still run and are counted, "
					+ "but are not listed (threadleaks.tasks.max-tracked)", this.settings.maxTracked());
		}
	}

	private <T> TrackedTask<T> start(String name, TaskScope parent, Duration deadline, Executor on, Object work,
			WorkKind kind) {
		TaskLaunch<T> task = launch(name, parentScope(parent), deadline, work, kind);
		try {
			on.execute(task);
		}
		catch (RuntimeException ex) {
			finish(TaskOutcome.FAILED);
			TaskScope scope = task.scopeIfMade();
			if (scope != null) {
				scope.close();
			}
			task.ended(TaskOutcome.FAILED, null, ex);
			throw ex;
		}
		return task;
	}

	/** The id as the MDC carries it, when tracking. */
	private @Nullable String idText(long id) {
		return this.settings.tracking() ? Long.toString(id) : null;
	}

	/**
	 * Runs a task's work on the calling thread. The task was made by the submitting thread,
	 * so on a pool's worker its memory sits in the other core's cache, and the first write
	 * into it waits for that cache line to come over. Every fence (a volatile write, a
	 * compare-and-set, the GC's card marking) waits for earlier writes, so the run does its
	 * fenced steps first, only reading the submitter's memory: it registers its thread in its
	 * own slot in the root (or, nested, joins its parent's tree as its scope's owner), puts
	 * the MDC keys, and only then writes the task's start, whose cache line then comes over
	 * while the work runs. Work directly under a root runs without a scope of its own unless
	 * something asks for one; at the end the run writes into the task only.
	 */
	<T> void run(TrackedTask<T> task, Object work, WorkKind kind, @Nullable Map<String, String> submitterMdc,
			@Nullable String idText) {
		TaskScope.Here here = TaskScope.here();
		Thread thread = Thread.currentThread();
		boolean nested = here.inScope();
		ThreadSlots.Slot slot = nested ? null : TaskScope.takeSlot(here, task);
		TaskScope scope = null;
		TaskScope previousScope = null;
		if (slot == null) {
			scope = task.scope();
			previousScope = scope.enterForRun(here, thread);
		}
		boolean tracking = this.settings.tracking();
		Map<String, String> previousMdc = null;
		String previousTaskId = null;
		String previousTaskName = null;
		if (tracking) {
			if (submitterMdc != null) {
				previousMdc = MDC.getCopyOfContextMap();
				MDC.setContextMap(submitterMdc);
			}
			else if (nested) {
				// work run inside other work on this thread: only our two keys change, so
				// remember them rather than copy the whole map. Outside any scope the keys
				// are not ours to keep and are removed afterwards.
				previousTaskId = MDC.get(TASK_ID);
				previousTaskName = MDC.get(TASK_NAME);
			}
			MDC.put(TASK_ID, idText);
			MDC.put(TASK_NAME, task.name());
		}
		task.started(thread, this.clock.millis());
		boolean debug = logger.isDebugEnabled();
		long start = debug ? System.nanoTime() : 0;
		if (debug) {
			logger.debug("Task started: {}", task);
		}
		T value = null;
		Throwable failure = null;
		try {
			if (task.cancellation() != null) {
				task.scope().throwIfCancelled();
			}
			value = kind.call(work, task);
		}
		catch (Throwable ex) {
			failure = ex;
		}
		if (slot != null) {
			slot.free();
		}
		else {
			scope.exitRun(here, thread, previousScope);
		}
		TaskOutcome cancelled = task.cancellation();
		if (cancelled != null) {
			// the interrupt was for this work only: do not leave it to the pool's next task
			Thread.interrupted();
		}
		TaskOutcome outcome = (cancelled != null) ? cancelled
				: (failure != null) ? TaskOutcome.FAILED : TaskOutcome.SUCCEEDED;
		finish(outcome);
		// the outcome closes the scope: it leaves the tree after that, and last, whoever waits
		// on the result wakes to the counts and the tree already updated
		task.end(outcome, value, failure);
		TaskScope made = task.scopeIfMade();
		if (made != null) {
			made.endOfWork();
		}
		task.settleIfAsked();
		if (outcome == TaskOutcome.FAILED) {
			logger.warn("Task failed: {}", task, failure);
		}
		if (debug) {
			logger.debug("Task ended: {} after {} ms", task, (System.nanoTime() - start) / 1_000_000);
		}
		if (tracking) {
			if (submitterMdc != null) {
				restoreMdc(previousMdc);
			}
			else {
				restoreKey(TASK_ID, previousTaskId);
				restoreKey(TASK_NAME, previousTaskName);
			}
		}
	}

	/**
	 * The submitter's MDC to carry to the work, or {@code null} when it has none: a thread
	 * whose MDC was used once keeps an empty map, and carrying that would cost the work a
	 * whole map swap for nothing.
	 */
	private static @Nullable Map<String, String> submitterMdc() {
		Map<String, String> copy = MDC.getCopyOfContextMap();
		return (copy != null && !copy.isEmpty()) ? copy : null;
	}

	/**
	 * Puts the thread's MDC back as it was before the submitter's replaced it.
	 */
	private static void restoreMdc(Map<String, String> previous) {
		if (previous != null) {
			MDC.setContextMap(previous);
		}
		else {
			MDC.clear();
		}
	}

	/**
	 * Puts one key back as it was: a pool thread with an otherwise empty MDC keeps its
	 * (empty) map rather than dropping it, which spares the next task a new one.
	 */
	private static void restoreKey(String key, String previous) {
		if (previous != null) {
			MDC.put(key, previous);
		}
		else {
			MDC.remove(key);
		}
	}

	private void finish(TaskOutcome outcome) {
		if (this.settings.tracking()) {
			this.counts.finished(outcome);
		}
	}

	/**
	 * Marks work that already runs as a tracked task, so it is not tracked twice (a task
	 * the tracker submits to an executor whose decorator tracks again).
	 */
	interface TrackedRunnable extends Runnable {

	}

	/**
	 * What to run, where, and for how long.
	 */
	public final class TaskBuilder {

		private final String name;

		private Duration deadline;

		private Executor on = TaskTracker.this.executor;

		private TaskScope parent;

		TaskBuilder(String name) {
			this.name = name;
		}

		/**
		 * Cancels the work with reason {@code timed_out} when this much time has passed.
		 */
		public TaskBuilder deadline(Duration timeout) {
			this.deadline = timeout;
			return this;
		}

		/**
		 * Runs the work on this executor instead of the tracker's.
		 */
		public TaskBuilder executor(Executor executor) {
			this.on = executor;
			return this;
		}

		/**
		 * Makes the work a child of this scope instead of the current one.
		 */
		public TaskBuilder parent(TaskScope scope) {
			this.parent = scope;
			return this;
		}

		public <T> TrackedTask<T> submit(Callable<T> work) {
			return start(this.name, this.parent, this.deadline, this.on, work, WorkKind.CALLABLE);
		}

		public TrackedTask<Void> submit(Runnable work) {
			return start(this.name, this.parent, this.deadline, this.on, work, WorkKind.RUNNABLE);
		}

		public <T> TrackedTask<T> submit(Function<TaskScope, T> work) {
			return start(this.name, this.parent, this.deadline, this.on, work, WorkKind.SCOPED);
		}

	}

	/**
	 * Bounds and switches.
	 *
	 * @param rootName the root scope's name
	 * @param maxTracked how many running tasks the registry lists
	 * @param tracking whether to keep a registry, counts, MDC and logs (off when threadleaks
	 * is disabled: work still runs, with scopes)
	 */
	public record Settings(String rootName, int maxTracked, boolean tracking) {

	}

}
