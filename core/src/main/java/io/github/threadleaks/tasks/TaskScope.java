package io.github.threadleaks.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM's {@code context.Context}: a node in a tree of work that can be cancelled, with an
 * optional deadline. Cancelling a scope cancels its children (never its siblings or parent);
 * cancellation sets a flag the work can poll ({@link #isCancelled()},
 * {@link #throwIfCancelled()}), runs the registered callbacks once, and interrupts the
 * threads running the scope's work, so that blocking calls ({@code take}, {@code sleep},
 * {@code get}, {@code lockInterruptibly}) return. A deadline cancels with reason
 * {@link TaskOutcome#TIMED_OUT}.
 * <p>
 * {@link #current()} is the scope of the work running on this thread, or the never-cancelled
 * {@link #background()} scope outside tracked work. A scope stays in its parent's tree while
 * it is open or has live children, and leaves it after that, so the tree holds no finished
 * work.
 */
public final class TaskScope {

	private static final Logger logger = LoggerFactory.getLogger(TaskScope.class);

	/** What a thread needs of scopes, in one thread-local so running a task looks it up once. */
	private static final ThreadLocal<Here> HERE = new ThreadLocal<>();

	private static final TaskScope BACKGROUND = new TaskScope("background", null, null, null, null);

	private static final AtomicReferenceFieldUpdater<TaskScope, Thread> OWNER = AtomicReferenceFieldUpdater
		.newUpdater(TaskScope.class, Thread.class, "owner");

	private final String name;

	private final TaskScope parent;

	private final ScheduledExecutorService deadlines;

	private final Instant deadline;

	/** A root's per-thread slots for its top-level running work; {@code null} below the root. */
	private final @Nullable ThreadSlots slots;

	/*
	 * Most scopes are one task's: one thread, no children, no callbacks. The collections are
	 * made on first use so that such a scope costs a few fields, not three concurrent maps.
	 */
	private volatile Set<TaskScope> children;

	private volatile Thread owner;

	private volatile Set<Thread> otherThreads;

	private volatile List<Callback> callbacks;

	private static final AtomicReferenceFieldUpdater<TaskScope, TaskOutcome> CANCELLATION = AtomicReferenceFieldUpdater
		.newUpdater(TaskScope.class, TaskOutcome.class, "cancellation");

	private volatile TaskOutcome cancellation;

	/** The tracked task whose scope this is, if it is one: how the tracker lists running work. */
	private volatile TrackedTask<?> task;

	private volatile boolean closed;

	/** Whether this scope is in its parent's set of children (a root always counts as in). */
	private volatile boolean joined;

	/** Scopes live in hash sets; an identity hash would cost every scope a header inflation. */
	private final int hash = ThreadLocalRandom.current().nextInt();

	private volatile ScheduledFuture<?> deadlineTimer;

	private TaskScope(String name, TaskScope parent, ScheduledExecutorService deadlines, Instant deadline,
			ThreadSlots slots) {
		this.name = name;
		this.parent = parent;
		this.deadlines = deadlines;
		this.deadline = deadline;
		this.slots = slots;
	}

	/**
	 * A new root scope: the top of one tree of work, such as an application's.
	 * @param name its name
	 * @param deadlines the scheduler that enforces its descendants' deadlines, or
	 * {@code null} if none may have one
	 * @return the scope
	 */
	public static TaskScope root(String name, ScheduledExecutorService deadlines) {
		return new TaskScope(name, null, deadlines, null, new ThreadSlots());
	}

	/**
	 * The scope of the tracked work running on this thread, or {@link #background()}.
	 * @return the scope, never {@code null}
	 */
	public static TaskScope current() {
		Here here = HERE.get();
		if (here == null) {
			return BACKGROUND;
		}
		TaskScope scope = here.current;
		if (scope != null) {
			return scope;
		}
		// top-level work is current by its slot, and its scope is made when first asked for
		TrackedTask<?> running = here.runningInSlot();
		return (running != null) ? running.scope() : BACKGROUND;
	}

	/**
	 * The scope of no work in particular: never cancelled, like Go's
	 * {@code context.Background()}.
	 * @return the background scope
	 */
	public static TaskScope background() {
		return BACKGROUND;
	}

	/**
	 * A child scope, cancelled with this one.
	 * @param name its name
	 * @return the child, already cancelled if this scope is
	 */
	public TaskScope child(String name) {
		return child(name, null);
	}

	/**
	 * A child scope that is also cancelled, with reason {@link TaskOutcome#TIMED_OUT}, when
	 * its timeout has passed (or this scope's deadline, if that comes first).
	 * @param name its name
	 * @param timeout the time it may take, or {@code null} for no more than this scope's
	 * @return the child
	 */
	public TaskScope child(String name, @Nullable Duration timeout) {
		TaskScope child = detachedChild(name, timeout);
		child.joinParent();
		return child;
	}

	/**
	 * A child not yet in this scope's tree: the tracker's queued work joins the tree only
	 * when it starts, on the thread that runs it, so submitting costs no shared structure.
	 * Until then it still sees this scope's cancellation through {@link #cancellation()}.
	 */
	TaskScope detachedChild(String name, Duration timeout) {
		Instant childDeadline = this.deadline;
		if (timeout != null) {
			Instant own = Instant.now().plus(timeout);
			childDeadline = (childDeadline == null || own.isBefore(childDeadline)) ? own : childDeadline;
			if (this.deadlines == null) {
				throw new IllegalStateException("Scope '" + path() + "' has no deadline scheduler; "
						+ "create scopes with deadlines from a TaskTracker");
			}
		}
		TaskScope child = new TaskScope(name, (this == BACKGROUND) ? null : this, this.deadlines, childDeadline,
				null);
		if (childDeadline != null && child.deadlines != null) {
			long delay = Math.max(0, Duration.between(Instant.now(), childDeadline).toNanos());
			child.deadlineTimer = child.deadlines.schedule(() -> child.cancel(TaskOutcome.TIMED_OUT), delay,
					TimeUnit.NANOSECONDS);
		}
		return child;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The names from the root down to this scope, joined by {@code /}.
	 * @return the path
	 */
	public String path() {
		return (this.parent != null) ? this.parent.path() + "/" + this.name : this.name;
	}

	/**
	 * When this scope times out, or {@code null} for never.
	 * @return the deadline
	 */
	public @Nullable Instant deadline() {
		return this.deadline;
	}

	public boolean isCancelled() {
		return cancellation() != null;
	}

	/**
	 * Why the scope was cancelled, or {@code null} if it was not.
	 * @return {@link TaskOutcome#CANCELLED}, {@link TaskOutcome#TIMED_OUT} or {@code null}
	 */
	public @Nullable TaskOutcome cancellation() {
		// a scope that has not joined its parent's tree yet (queued work) learns of the
		// parent's cancellation by asking up the chain
		for (TaskScope scope = this; scope != null; scope = scope.parent) {
			TaskOutcome reason = scope.cancellation;
			if (reason != null) {
				return reason;
			}
		}
		return null;
	}

	/**
	 * Throws if the scope was cancelled: the check long-running work puts in its loops.
	 * @throws TaskCancelledException if it was
	 */
	public void throwIfCancelled() {
		TaskOutcome reason = cancellation();
		if (reason != null) {
			throw new TaskCancelledException(path(), reason);
		}
	}

	/**
	 * Cancels this scope and its descendants.
	 * @return whether this call cancelled it (false if it already was)
	 */
	public boolean cancel() {
		return cancel(TaskOutcome.CANCELLED);
	}

	boolean cancel(TaskOutcome reason) {
		if (this == BACKGROUND || !CANCELLATION.compareAndSet(this, null, reason)) {
			return false;
		}
		ScheduledFuture<?> timer = this.deadlineTimer;
		if (timer != null) {
			timer.cancel(false);
		}
		Set<TaskScope> currentChildren = this.children;
		if (currentChildren != null) {
			for (TaskScope child : currentChildren) {
				child.cancel(reason);
			}
		}
		if (this.slots != null) {
			for (TrackedTask<?> running : this.slots.occupants()) {
				running.scope().cancel(reason);
			}
		}
		List<Callback> currentCallbacks = this.callbacks;
		if (currentCallbacks != null) {
			for (Callback callback : currentCallbacks) {
				callback.runOnce();
			}
		}
		Thread running = this.owner;
		if (running != null) {
			running.interrupt();
		}
		TrackedTask<?> own = this.task;
		if (own != null && this.parent != null && this.parent.slots != null) {
			// a task directly under a root registers its thread by its slot there, not as the
			// scope's owner; other scopes (a request's) never take a slot and skip the look
			this.parent.slots.interruptRunning(own);
		}
		Set<Thread> others = this.otherThreads;
		if (others != null) {
			others.forEach(Thread::interrupt);
		}
		return true;
	}

	/**
	 * Runs a callback once when the scope is cancelled, or now if it already is.
	 * @param callback the callback
	 */
	public void onCancel(Runnable callback) {
		if (this == BACKGROUND) {
			return;
		}
		Callback once = new Callback(callback);
		callbacks().add(once);
		joinParent();
		if (isCancelled()) {
			once.runOnce();
		}
	}

	/**
	 * Makes this the current scope of the calling thread, and lets cancellation interrupt
	 * it, until the returned handle is closed.
	 * @return the handle that restores the previous scope
	 */
	public Entered enter() {
		Thread thread = Thread.currentThread();
		Here here = here();
		TaskScope previous = enterRun(here);
		attach(thread);
		if (isCancelled()) {
			thread.interrupt();
		}
		return () -> exitRun(here, thread, previous);
	}

	/**
	 * Enters this scope for a tracked task's run that does not run in a root's slot
	 * ({@link #takeSlot}): makes it current, joins its parent's tree, and registers the
	 * thread for interrupts as its owner.
	 * @return the scope to restore with {@link #exitRun}
	 */
	TaskScope enterForRun(Here here, Thread thread) {
		TaskScope previous = enterRun(here);
		joinParent();
		attach(thread);
		return previous;
	}

	/**
	 * Makes this the thread's current scope, for {@link #enter()} and
	 * {@link #enterForRun}.
	 * @return the scope to restore with {@link #exitRun}
	 */
	private TaskScope enterRun(Here here) {
		TaskScope previous = here.current;
		here.current = this;
		return previous;
	}

	/**
	 * Ends what {@link #enter()} or {@link #enterForRun} began: detaches the thread and
	 * restores the previous scope.
	 */
	void exitRun(Here here, Thread thread, TaskScope previous) {
		detach(thread);
		here.current = previous;
	}

	/**
	 * The calling thread's scope state, made on its first use.
	 */
	static Here here() {
		Here here = HERE.get();
		if (here == null) {
			here = new Here();
			HERE.set(here);
		}
		return here;
	}

	/**
	 * Marks the scope's own work finished. It leaves its parent's tree as soon as it has no
	 * live children either; a deadline no longer matters.
	 */
	public void close() {
		this.closed = true;
		endOfWork();
	}

	/**
	 * What follows once the scope's own work is over: its deadline no longer matters, and it
	 * leaves the tree if nothing below it runs. {@link #close()} ends with it; a tracked
	 * task's run calls it once the task has an outcome, which counts as closed, so the pool's
	 * thread need not write into the scope, which the submitting thread made.
	 */
	void endOfWork() {
		ScheduledFuture<?> timer = this.deadlineTimer;
		if (timer != null) {
			timer.cancel(false);
		}
		leaveTreeIfDone();
	}

	/**
	 * Whether the scope's own work is finished: closed, or its task ended.
	 */
	private boolean isClosed() {
		if (this.closed) {
			return true;
		}
		TrackedTask<?> own = this.task;
		return own != null && own.outcome() != null;
	}

	/**
	 * Enters the parent's tree, so that cancelling the parent reaches this scope's
	 * callbacks, threads and children.
	 */
	void joinParent() {
		if (this.parent == null || this.joined) {
			return;
		}
		synchronized (this) {
			if (this.joined) {
				return;
			}
			this.parent.children().add(this);
			this.joined = true;
		}
		// a parent that was itself detached (queued work, a request) joins its own parent now,
		// so that cancelling from the top still reaches this scope
		this.parent.joinParent();
		TaskOutcome inherited = this.parent.cancellation();
		if (inherited != null) {
			cancel(inherited);
		}
	}

	/**
	 * Takes this thread's slot in the root for a task directly under it, when the task's
	 * scope (if it was made) has not joined the root's children: starting and ending the
	 * task then writes a field of the thread's own slot rather than an entry in the root's
	 * set of children shared by all threads, and the slot makes the task current
	 * ({@link #current()}) and interruptible by cancellation. Only for a thread that runs no
	 * other work ({@link Here#inScope()} is false: the caller has asked): a thread keeps one
	 * slot in view, that of the work it runs. Other work joins its parent's children instead
	 * ({@link #enterForRun}).
	 * @return the slot to {@link ThreadSlots.Slot#free() free} when the work ends, or
	 * {@code null}
	 */
	static ThreadSlots.@Nullable Slot takeSlot(Here here, TrackedTask<?> task) {
		TaskScope root = task.parent();
		if (root.slots == null) {
			return null;
		}
		TaskScope made = task.scopeIfMade();
		if (made != null && made.joined) {
			return null;
		}
		ThreadSlots.Slot slot = here.slotIn(root.slots);
		if (!slot.isFree()) {
			return null;
		}
		slot.take(task);
		TaskOutcome inherited = root.cancellation;
		if (inherited != null) {
			task.scope().cancel(inherited);
		}
		return slot;
	}

	/**
	 * A child of this scope that joins the tree lazily: only once it gets children or
	 * callbacks of its own, or its work starts (tracked tasks). Cheap for the many scopes
	 * that never need the tree, such as requests that start no work.
	 */
	public TaskScope lazyChild(String name) {
		return detachedChild(name, null);
	}

	void task(TrackedTask<?> task) {
		this.task = task;
	}

	/**
	 * Walks this scope's live descendants, depth first.
	 * @param visitor called with each; returns false to stop the walk
	 * @return false if the walk was stopped
	 */
	boolean walk(Predicate<TaskScope> visitor) {
		Set<TaskScope> current = this.children;
		if (current != null) {
			for (TaskScope child : current) {
				if (!visitor.test(child) || !child.walk(visitor)) {
					return false;
				}
			}
		}
		if (this.slots != null) {
			for (TrackedTask<?> task : this.slots.occupants()) {
				// one that also joined the children (it started work of its own) was visited
				TaskScope running = task.scope();
				if (!running.joined && (!visitor.test(running) || !running.walk(visitor))) {
					return false;
				}
			}
		}
		return true;
	}

	TrackedTask<?> task() {
		return this.task;
	}

	/**
	 * Whether any work below this scope is live: a child, or work in a root's slot.
	 */
	boolean hasChildren() {
		Set<TaskScope> current = this.children;
		return (current != null && !current.isEmpty()) || (this.slots != null && this.slots.anyOccupied());
	}

	/**
	 * How many threads hold a slot in this root: for tests of its bound.
	 */
	int slotThreads() {
		return (this.slots != null) ? this.slots.registered() : 0;
	}

	/**
	 * Whether this is a root ({@link #root}), whose top-level work runs in its slots.
	 */
	boolean isRoot() {
		return this.slots != null;
	}

	/**
	 * This root's slots, or {@code null} below the root: for tests of what they retain.
	 */
	@Nullable ThreadSlots slots() {
		return this.slots;
	}

	private void leaveTreeIfDone() {
		if (this.joined && this.parent != null && isClosed() && !hasChildren()
				&& this.parent.children().remove(this)) {
			this.joined = false;
			this.parent.leaveTreeIfDone();
		}
	}

	private void attach(Thread thread) {
		// most scopes run on one thread: taking the owner field is one compare-and-set, and
		// only a second thread entering the scope takes the lock
		if (OWNER.compareAndSet(this, null, thread)) {
			return;
		}
		synchronized (this) {
			if (this.otherThreads == null) {
				this.otherThreads = ConcurrentHashMap.newKeySet();
			}
			this.otherThreads.add(thread);
		}
	}

	private void detach(Thread thread) {
		if (this.owner == thread) {
			this.owner = null;
			return;
		}
		synchronized (this) {
			if (this.otherThreads != null) {
				this.otherThreads.remove(thread);
			}
		}
	}

	private Set<TaskScope> children() {
		Set<TaskScope> current = this.children;
		if (current == null) {
			synchronized (this) {
				current = this.children;
				if (current == null) {
					current = ConcurrentHashMap.newKeySet();
					this.children = current;
				}
			}
		}
		return current;
	}

	private List<Callback> callbacks() {
		List<Callback> current = this.callbacks;
		if (current == null) {
			synchronized (this) {
				current = this.callbacks;
				if (current == null) {
					current = new CopyOnWriteArrayList<>();
					this.callbacks = current;
				}
			}
		}
		return current;
	}

	@Override
	public boolean equals(Object other) {
		return this == other;
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	@Override
	public String toString() {
		return "TaskScope " + path() + (isCancelled() ? " (" + this.cancellation.tagValue() + ")" : "");
	}

	/**
	 * One thread's state: its current scope, and its slot in the root it last ran top-level
	 * work for. Only its own thread reads and writes it.
	 */
	static final class Here {

		private TaskScope current;

		private ThreadSlots.Slot slot;

		/**
		 * Whether the thread runs tracked work or is in an entered scope now.
		 */
		boolean inScope() {
			return this.current != null || runningInSlot() != null;
		}

		/**
		 * The top-level work this thread runs in its slot, or {@code null}.
		 */
		@Nullable TrackedTask<?> runningInSlot() {
			ThreadSlots.Slot mine = this.slot;
			return (mine != null) ? mine.task() : null;
		}

		ThreadSlots.Slot slotIn(ThreadSlots slots) {
			ThreadSlots.Slot mine = this.slot;
			if (mine == null || !mine.isIn(slots)) {
				mine = slots.mine();
				this.slot = mine;
			}
			return mine;
		}

	}

	/**
	 * Restores the previous scope of a thread.
	 */
	@FunctionalInterface
	public interface Entered extends AutoCloseable {

		@Override
		void close();

	}

	private static final class Callback {

		private final Runnable action;

		private final AtomicBoolean ran = new AtomicBoolean();

		Callback(Runnable action) {
			this.action = action;
		}

		void runOnce() {
			if (this.ran.compareAndSet(false, true)) {
				try {
					this.action.run();
				}
				catch (RuntimeException ex) {
					logger.warn("A cancellation callback failed", ex);
				}
			}
		}

	}

}
