package io.github.threadleaks.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

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

	private static final ThreadLocal<TaskScope> CURRENT = new ThreadLocal<>();

	private static final TaskScope BACKGROUND = new TaskScope("background", null, null, null);

	private final String name;

	private final TaskScope parent;

	private final ScheduledExecutorService deadlines;

	private final Instant deadline;

	private final Set<TaskScope> children = ConcurrentHashMap.newKeySet();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	private final List<Callback> callbacks = new CopyOnWriteArrayList<>();

	private final AtomicReference<TaskOutcome> cancellation = new AtomicReference<>();

	private volatile boolean closed;

	private volatile ScheduledFuture<?> deadlineTimer;

	private TaskScope(String name, TaskScope parent, ScheduledExecutorService deadlines, Instant deadline) {
		this.name = name;
		this.parent = parent;
		this.deadlines = deadlines;
		this.deadline = deadline;
	}

	/**
	 * A new root scope: the top of one tree of work, such as an application's.
	 * @param name its name
	 * @param deadlines the scheduler that enforces its descendants' deadlines, or
	 * {@code null} if none may have one
	 * @return the scope
	 */
	public static TaskScope root(String name, ScheduledExecutorService deadlines) {
		return new TaskScope(name, null, deadlines, null);
	}

	/**
	 * The scope of the tracked work running on this thread, or {@link #background()}.
	 * @return the scope, never {@code null}
	 */
	public static TaskScope current() {
		TaskScope scope = CURRENT.get();
		return (scope != null) ? scope : BACKGROUND;
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
	public TaskScope child(String name, Duration timeout) {
		Instant childDeadline = this.deadline;
		if (timeout != null) {
			Instant own = Instant.now().plus(timeout);
			childDeadline = (childDeadline == null || own.isBefore(childDeadline)) ? own : childDeadline;
			if (this.deadlines == null) {
				throw new IllegalStateException("Scope '" + path() + "' has no deadline scheduler; "
						+ "create scopes with deadlines from a TaskTracker");
			}
		}
		TaskScope child = new TaskScope(name, (this == BACKGROUND) ? null : this, this.deadlines, childDeadline);
		if (this != BACKGROUND) {
			this.children.add(child);
		}
		TaskOutcome inherited = this.cancellation.get();
		if (inherited != null) {
			child.cancel(inherited);
		}
		else if (childDeadline != null && child.deadlines != null) {
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
	public Instant deadline() {
		return this.deadline;
	}

	public boolean isCancelled() {
		return this.cancellation.get() != null;
	}

	/**
	 * Why the scope was cancelled, or {@code null} if it was not.
	 * @return {@link TaskOutcome#CANCELLED}, {@link TaskOutcome#TIMED_OUT} or {@code null}
	 */
	public TaskOutcome cancellation() {
		return this.cancellation.get();
	}

	/**
	 * Throws if the scope was cancelled: the check long-running work puts in its loops.
	 * @throws TaskCancelledException if it was
	 */
	public void throwIfCancelled() {
		TaskOutcome reason = this.cancellation.get();
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
		if (this == BACKGROUND || !this.cancellation.compareAndSet(null, reason)) {
			return false;
		}
		ScheduledFuture<?> timer = this.deadlineTimer;
		if (timer != null) {
			timer.cancel(false);
		}
		for (TaskScope child : this.children) {
			child.cancel(reason);
		}
		for (Callback callback : this.callbacks) {
			callback.runOnce();
		}
		for (Thread thread : this.threads) {
			thread.interrupt();
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
		this.callbacks.add(once);
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
		TaskScope previous = CURRENT.get();
		CURRENT.set(this);
		this.threads.add(thread);
		if (isCancelled()) {
			thread.interrupt();
		}
		return () -> {
			this.threads.remove(thread);
			if (previous != null) {
				CURRENT.set(previous);
			}
			else {
				CURRENT.remove();
			}
		};
	}

	/**
	 * Marks the scope's own work finished. It leaves its parent's tree as soon as it has no
	 * live children either; a deadline no longer matters.
	 */
	public void close() {
		this.closed = true;
		ScheduledFuture<?> timer = this.deadlineTimer;
		if (timer != null) {
			timer.cancel(false);
		}
		leaveTreeIfDone();
	}

	boolean hasChildren() {
		return !this.children.isEmpty();
	}

	private void leaveTreeIfDone() {
		if (this.closed && this.children.isEmpty() && this.parent != null && this.parent.children.remove(this)) {
			this.parent.leaveTreeIfDone();
		}
	}

	@Override
	public String toString() {
		return "TaskScope " + path() + (isCancelled() ? " (" + this.cancellation.get().tagValue() + ")" : "");
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
