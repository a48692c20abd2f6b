package io.github.threadleaks.tasks;

import java.util.concurrent.CancellationException;

/**
 * Thrown by {@link TaskScope#throwIfCancelled()}, and the exception a cancelled task's
 * result completes with: the work's scope was cancelled, or its deadline passed.
 */
public class TaskCancelledException extends CancellationException {

	private final transient TaskOutcome reason;

	public TaskCancelledException(String scopePath, TaskOutcome reason) {
		super(((reason == TaskOutcome.TIMED_OUT) ? "Deadline passed for " : "Cancelled: ") + scopePath);
		this.reason = reason;
	}

	/**
	 * Why the work was cancelled.
	 * @return {@link TaskOutcome#CANCELLED} or {@link TaskOutcome#TIMED_OUT}
	 */
	public TaskOutcome reason() {
		return this.reason;
	}

}
