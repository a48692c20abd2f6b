package io.github.threadleaks.snapshot;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The live platform threads of the JVM at one instant. Immutable.
 *
 * @param sequence a number that grows with every snapshot the sampler takes
 * @param takenAt when it was taken
 * @param totals the JVM's thread counters at that time
 * @param threads every live platform thread, by id
 * @param maxStackDepth the stack depth the snapshot was taken with
 */
public record ThreadSnapshot(long sequence, Instant takenAt, ThreadTotals totals, List<ThreadRecord> threads,
		int maxStackDepth) {

	public ThreadSnapshot {
		threads = List.copyOf(threads);
	}

	/**
	 * How many threads are in each state; every state is present, with zero where none is.
	 * @return the counts by state, in {@link Thread.State} order
	 */
	public Map<Thread.State, Integer> countByState() {
		Map<Thread.State, Integer> counts = zeroByState();
		for (ThreadRecord thread : this.threads) {
			counts.merge(thread.state(), 1, Integer::sum);
		}
		return counts;
	}

	/**
	 * A count for every state, all zero, in {@link Thread.State} order: what reports start
	 * from, so that a state with no threads still shows.
	 * @return a new mutable map
	 */
	public static Map<Thread.State, Integer> zeroByState() {
		Map<Thread.State, Integer> counts = new EnumMap<>(Thread.State.class);
		for (Thread.State state : Thread.State.values()) {
			counts.put(state, 0);
		}
		return counts;
	}

}
