package io.github.threadleaks.actuate;

import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskOutcome;

/**
 * Counts of tracked work, as the {@code threadleaks_tasks_*} meters show them: in the
 * {@code trackedtasks} endpoint's summary and in the {@code threadleaks} report.
 *
 * @param active running now
 * @param succeeded ended normally
 * @param failed ended with an exception
 * @param cancelled cancelled
 * @param timedOut past their deadline
 */
public record TaskSummary(long active, long succeeded, long failed, long cancelled, long timedOut) {

	/**
	 * The counts as they are now.
	 * @param counts the live counters
	 * @return their values
	 */
	public static TaskSummary of(TaskCounts counts) {
		return new TaskSummary(counts.active(), counts.count(TaskOutcome.SUCCEEDED), counts.count(TaskOutcome.FAILED),
				counts.count(TaskOutcome.CANCELLED), counts.count(TaskOutcome.TIMED_OUT));
	}

}
