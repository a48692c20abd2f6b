package io.github.threadleaks.tasks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import io.github.threadleaks.snapshot.SafeText;
import org.jspecify.annotations.Nullable;

/**
 * The handle of a unit of tracked work: who it is, how it stands, and its result.
 * <p>
 * Sealed rather than final: work submitted to an executor is a launch (a subclass), the
 * handle and what the executor runs in one object.
 *
 * @param <T> the result type
 */
public sealed class TrackedTask<T> permits TaskLaunch {

	private final long id;

	private final String name;

	/** The scope the task's own scope is a child of. */
	private final TaskScope parent;

	/**
	 * The task's own scope. Work directly under a root gets it only when something asks for
	 * it (the work, a cancel, a listing): most work never does, and a scope made by the
	 * submitting thread is memory the pool's thread would fetch from the other core.
	 */
	private volatile @Nullable TaskScope scope;

	private final long submittedAtMillis;

	/** Made when first asked for: most work is submitted and forgotten (TaskDecorator, @Async). */
	private volatile Result<T> result;

	private T value;

	private Throwable failure;

	private volatile Thread thread;

	private volatile long startedAtMillis = -1;

	private volatile TaskOutcome outcome;

	private static final VarHandle THREAD;

	private static final VarHandle STARTED_AT;

	private static final VarHandle RESULT;

	private static final VarHandle SCOPE;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			THREAD = lookup.findVarHandle(TrackedTask.class, "thread", Thread.class);
			STARTED_AT = lookup.findVarHandle(TrackedTask.class, "startedAtMillis", long.class);
			RESULT = lookup.findVarHandle(TrackedTask.class, "result", Result.class);
			SCOPE = lookup.findVarHandle(TrackedTask.class, "scope", TaskScope.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/**
	 * @param parent the scope the task's scope is a child of
	 * @param scope the task's scope, or {@code null} to make it when first asked for (only
	 * for work directly under a root without a deadline: elsewhere the scope joins its
	 * parent's tree when the work starts, and a deadline's timer needs it at once)
	 */
	TrackedTask(long id, String name, TaskScope parent, @Nullable TaskScope scope, long submittedAtMillis) {
		this.id = id;
		this.name = name;
		this.parent = parent;
		this.scope = scope;
		this.submittedAtMillis = submittedAtMillis;
	}

	public long id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The scope of the work: cancel it to cancel the work and everything it started.
	 * @return the scope, the same one each time
	 */
	public TaskScope scope() {
		TaskScope made = this.scope;
		if (made != null) {
			return made;
		}
		TaskScope fresh = this.parent.detachedChild(this.name, null);
		fresh.task(this);
		if (!SCOPE.compareAndSet(this, null, fresh)) {
			return this.scope;
		}
		return fresh;
	}

	/**
	 * The task's scope if it was made, without making it.
	 */
	@Nullable TaskScope scopeIfMade() {
		return this.scope;
	}

	/**
	 * The scope the task's scope is a child of.
	 */
	TaskScope parent() {
		return this.parent;
	}

	/**
	 * Why the task's scope was cancelled (or an ancestor of it), or {@code null}: read
	 * without making the scope, whose parent chain it would ask anyway.
	 */
	@Nullable TaskOutcome cancellation() {
		TaskScope made = this.scope;
		return (made != null) ? made.cancellation() : this.parent.cancellation();
	}

	public Instant submittedAt() {
		return Instant.ofEpochMilli(this.submittedAtMillis);
	}

	/**
	 * When the work started running, or {@code null} while it waits in the executor's queue.
	 * @return the start time
	 */
	public @Nullable Instant startedAt() {
		long started = this.startedAtMillis;
		return (started >= 0) ? Instant.ofEpochMilli(started) : null;
	}

	/**
	 * The thread running the work, or {@code null} while it is queued or after it ended.
	 * @return the thread
	 */
	public @Nullable Thread thread() {
		return this.thread;
	}

	/**
	 * The state, spelled as in JSON and in the {@code outcome} tag: {@code running},
	 * {@code succeeded}, {@code failed}, {@code cancelled}, {@code timed_out}.
	 * @return the state
	 */
	public String state() {
		TaskOutcome ended = this.outcome;
		return (ended != null) ? ended.tagValue() : "running";
	}

	/**
	 * How the work ended, or {@code null} while it runs.
	 * @return the outcome
	 */
	public @Nullable TaskOutcome outcome() {
		return this.outcome;
	}

	/**
	 * The result. Cancelling it cancels the task's scope. A cancelled or timed-out task
	 * completes it with a {@link TaskCancelledException}.
	 * @return the result
	 */
	public CompletableFuture<T> result() {
		Result<T> made = this.result;
		if (made == null) {
			made = new Result<>(this);
			if (!RESULT.compareAndSet(this, null, made)) {
				made = this.result;
			}
			else if (this.outcome != null) {
				// ended before anyone asked: complete it now (the task's own thread may do
				// the same, which changes nothing, as the values are the same)
				settle(made);
			}
		}
		return made;
	}

	/**
	 * Cancels the work and everything it started.
	 * @return whether this call cancelled it
	 */
	public boolean cancel() {
		return scope().cancel();
	}

	/*
	 * Ordered writes, not volatile ones: only the running thread writes these, and readers
	 * (listing, shutdown) need to see them in order, not at once.
	 */
	void started(Thread thread, long atMillis) {
		THREAD.setRelease(this, thread);
		STARTED_AT.setRelease(this, atMillis);
	}

	/**
	 * Records how the work ended and completes the result if anyone asked for it.
	 * @param outcome how it ended
	 * @param value its value if it succeeded
	 * @param failure what it threw if it failed
	 */
	void ended(TaskOutcome outcome, T value, Throwable failure) {
		end(outcome, value, failure);
		settleIfAsked();
	}

	/**
	 * Records how the work ended: the first half of {@link #ended}, so that what must be
	 * updated before anyone waiting on the result wakes can be, in between.
	 */
	void end(TaskOutcome outcome, T value, Throwable failure) {
		this.value = value;
		this.failure = failure;
		THREAD.setRelease(this, null);
		this.outcome = outcome;
	}

	/**
	 * Completes the result if anyone asked for it: the second half of {@link #ended}.
	 */
	void settleIfAsked() {
		// the outcome's volatile write, then this volatile read: either the result made by
		// result() is seen here, or result() sees the outcome, or both
		Result<T> asked = this.result;
		if (asked != null) {
			settle(asked);
		}
	}

	private void settle(Result<T> made) {
		TaskOutcome ended = this.outcome;
		if (ended == TaskOutcome.SUCCEEDED) {
			made.complete(this.value);
		}
		else if (ended == TaskOutcome.FAILED) {
			made.completeExceptionally(this.failure);
		}
		else {
			made.completeExceptionally(new TaskCancelledException(scope().path(), ended));
		}
	}

	@Override
	public String toString() {
		return "task #" + this.id + " '" + SafeText.neutralize(this.name) + "' (" + state().toLowerCase(Locale.ROOT) + ")";
	}

	/**
	 * A future that cancels the task's scope when it is cancelled.
	 */
	private static final class Result<T> extends CompletableFuture<T> {

		private final TrackedTask<T> task;

		Result(TrackedTask<T> task) {
			this.task = task;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.task.cancel();
			return super.cancel(mayInterruptIfRunning);
		}

		@Override
		public <U> CompletableFuture<U> newIncompleteFuture() {
			return new CompletableFuture<>();
		}

	}

}
