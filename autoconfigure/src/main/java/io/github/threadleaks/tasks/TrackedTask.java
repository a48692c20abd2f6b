package io.github.threadleaks.tasks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The handle of a unit of tracked work: who it is, how it stands, and its result.
 *
 * @param <T> the result type
 */
public final class TrackedTask<T> {

	private final long id;

	private final String name;

	private final TaskScope scope;

	private final long submittedAtMillis;

	private final Result<T> result;

	private volatile Thread thread;

	private volatile long startedAtMillis = -1;

	private volatile TaskOutcome outcome;

	private static final VarHandle THREAD;

	private static final VarHandle STARTED_AT;

	private static final VarHandle OUTCOME;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			THREAD = lookup.findVarHandle(TrackedTask.class, "thread", Thread.class);
			STARTED_AT = lookup.findVarHandle(TrackedTask.class, "startedAtMillis", long.class);
			OUTCOME = lookup.findVarHandle(TrackedTask.class, "outcome", TaskOutcome.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	TrackedTask(long id, String name, TaskScope scope, long submittedAtMillis) {
		this.id = id;
		this.name = name;
		this.scope = scope;
		this.submittedAtMillis = submittedAtMillis;
		this.result = new Result<>(scope);
	}

	public long id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	/**
	 * The scope of the work: cancel it to cancel the work and everything it started.
	 * @return the scope
	 */
	public TaskScope scope() {
		return this.scope;
	}

	public Instant submittedAt() {
		return Instant.ofEpochMilli(this.submittedAtMillis);
	}

	/**
	 * When the work started running, or {@code null} while it waits in the executor's queue.
	 * @return the start time
	 */
	public Instant startedAt() {
		long started = this.startedAtMillis;
		return (started >= 0) ? Instant.ofEpochMilli(started) : null;
	}

	/**
	 * The thread running the work, or {@code null} while it is queued or after it ended.
	 * @return the thread
	 */
	public Thread thread() {
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
	public TaskOutcome outcome() {
		return this.outcome;
	}

	/**
	 * The result. Cancelling it cancels the task's scope. A cancelled or timed-out task
	 * completes it with a {@link TaskCancelledException}.
	 * @return the result
	 */
	public CompletableFuture<T> result() {
		return this.result;
	}

	/**
	 * Cancels the work and everything it started.
	 * @return whether this call cancelled it
	 */
	public boolean cancel() {
		return this.scope.cancel();
	}

	/*
	 * Ordered writes, not volatile ones: only the running thread writes these, and readers
	 * (listing, shutdown) need to see them in order, not at once.
	 */
	void started(Thread thread, long atMillis) {
		THREAD.setRelease(this, thread);
		STARTED_AT.setRelease(this, atMillis);
	}

	void ended(TaskOutcome outcome) {
		THREAD.setRelease(this, null);
		OUTCOME.setRelease(this, outcome);
	}

	@Override
	public String toString() {
		return "task #" + this.id + " '" + this.name + "' (" + state().toLowerCase(Locale.ROOT) + ")";
	}

	/**
	 * A future that cancels the scope when it is cancelled.
	 */
	private static final class Result<T> extends CompletableFuture<T> {

		private final TaskScope scope;

		Result(TaskScope scope) {
			this.scope = scope;
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			this.scope.cancel();
			return super.cancel(mayInterruptIfRunning);
		}

		@Override
		public <U> CompletableFuture<U> newIncompleteFuture() {
			return new CompletableFuture<>();
		}

	}

}
