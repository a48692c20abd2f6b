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
	 * Started and finished are counted apart rather than in one "active" counter the
	 * submitting and the finishing threads would both write. The started count, which also
	 * numbers the tasks, sits alone on its cache line: adjacent to the finished counts it
	 * cost every task about 100 ns of cache-line traffic between the two threads.
	 */
	private final PaddedCounter startedCount = new PaddedCounter();

	private final Map<TaskOutcome, LongAdder> finished = new EnumMap<>(TaskOutcome.class);

	public TaskCounts() {
		for (TaskOutcome outcome : TaskOutcome.values()) {
			this.finished.put(outcome, new LongAdder());
		}
	}

	/**
	 * Counts a task in.
	 * @return the task's number, unique among the tasks these counts have seen
	 */
	public long started() {
		return this.startedCount.increment();
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
		return this.startedCount.get();
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
