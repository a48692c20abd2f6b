package io.github.threadleaks.tasks;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of tracked work: how many tasks run now and how many ended, by outcome. Cheap to
 * update from any thread; read by the metrics.
 */
public final class TaskCounts {

	private final AtomicLong active = new AtomicLong();

	private final Map<TaskOutcome, LongAdder> finished = new EnumMap<>(TaskOutcome.class);

	public TaskCounts() {
		for (TaskOutcome outcome : TaskOutcome.values()) {
			this.finished.put(outcome, new LongAdder());
		}
	}

	public void started() {
		this.active.incrementAndGet();
	}

	public void finished(TaskOutcome outcome) {
		this.active.decrementAndGet();
		this.finished.get(outcome).increment();
	}

	public long active() {
		return this.active.get();
	}

	public long count(TaskOutcome outcome) {
		return this.finished.get(outcome).sum();
	}

}
