package io.github.threadleaks.tasks;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of tracked work: how many tasks run now and how many ended, by outcome. Cheap to
 * update from any thread; read by the metrics.
 */
public final class TaskCounts {

	/*
	 * Started and finished are counted apart, in LongAdders, rather than one "active" counter
	 * the submitting and the finishing threads would both write: no shared cache line on the
	 * path of every task.
	 */
	private final LongAdder startedCount = new LongAdder();

	private final Map<TaskOutcome, LongAdder> finished = new EnumMap<>(TaskOutcome.class);

	public TaskCounts() {
		for (TaskOutcome outcome : TaskOutcome.values()) {
			this.finished.put(outcome, new LongAdder());
		}
	}

	public void started() {
		this.startedCount.increment();
	}

	public void finished(TaskOutcome outcome) {
		this.finished.get(outcome).increment();
	}

	/**
	 * Tasks started and not finished. Read while tasks start and end, it can be off by the
	 * few that are doing so; it is never negative.
	 * @return the count
	 */
	public long active() {
		long finishedSoFar = finishedSoFar();
		return Math.max(0, startedSoFar() - finishedSoFar);
	}

	long startedSoFar() {
		return this.startedCount.sum();
	}

	long finishedSoFar() {
		long sum = 0;
		for (LongAdder count : this.finished.values()) {
			sum += count.sum();
		}
		return sum;
	}

	public long count(TaskOutcome outcome) {
		return this.finished.get(outcome).sum();
	}

}
