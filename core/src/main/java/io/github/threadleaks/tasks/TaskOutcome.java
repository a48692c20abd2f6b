package io.github.threadleaks.tasks;

import java.util.Locale;

/**
 * How a tracked task ended, spelled the same in JSON and in the {@code outcome} tag of
 * {@code threadleaks_tasks_total}.
 */
public enum TaskOutcome {

	/** It returned normally. */
	SUCCEEDED,

	/** An exception escaped it. */
	FAILED,

	/** Its scope was cancelled. */
	CANCELLED,

	/** Its deadline passed. */
	TIMED_OUT;

	/**
	 * The lower-case spelling: {@code succeeded}, {@code failed}, {@code cancelled},
	 * {@code timed_out}.
	 * @return the spelling
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
