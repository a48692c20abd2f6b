package io.github.threadleaks.detect;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.snapshot.ThreadTotals;

/**
 * What the detector concluded from its latest sample. Immutable; published by the
 * {@link LeakMonitor} for health, metrics and the endpoint, none of which walk the threads
 * themselves.
 *
 * @param computedAt when the sample behind it was taken
 * @param sampleNumber how many samples the monitor has completed
 * @param sampleDurationNanos what the sample and its analysis cost
 * @param totals the JVM's thread counters
 * @param threadsByPool live platform threads by pool and state
 * @param suspects groups that keep growing, largest growth first
 * @param stuck threads that made no progress for the stuck threshold, longest first
 * @param deadlocks cycles of threads waiting for each other's locks
 * @param failedSamples how many samples failed since the monitor started
 */
public record DetectionResult(Instant computedAt, long sampleNumber, long sampleDurationNanos, ThreadTotals totals,
		List<PoolCount> threadsByPool, List<Suspect> suspects, List<StuckThread> stuck, List<Deadlock> deadlocks,
		long failedSamples) {

	public DetectionResult {
		threadsByPool = List.copyOf(threadsByPool);
		suspects = List.copyOf(suspects);
		stuck = List.copyOf(stuck);
		deadlocks = List.copyOf(deadlocks);
	}

	/**
	 * Threads in suspect groups.
	 * @return the sum of the suspects' counts
	 */
	public int suspectThreads() {
		return this.suspects.stream().mapToInt(Suspect::count).sum();
	}

	/**
	 * Threads in deadlock cycles.
	 * @return how many
	 */
	public int deadlockedThreads() {
		return this.deadlocks.stream().mapToInt((deadlock) -> deadlock.threads().size()).sum();
	}

	/**
	 * The same result with what the whole sample cost and the failures so far.
	 * @param sampleDurationNanos the cost
	 * @param failedSamples the failure count
	 * @return the copy
	 */
	DetectionResult withCost(long sampleDurationNanos, long failedSamples) {
		return new DetectionResult(this.computedAt, this.sampleNumber, sampleDurationNanos, this.totals,
				this.threadsByPool, this.suspects, this.stuck, this.deadlocks, failedSamples);
	}

	/**
	 * Live threads of one pool in one state.
	 *
	 * @param pool the pool name
	 * @param state the state
	 * @param count how many
	 */
	public record PoolCount(String pool, Thread.State state, int count) {

	}

	/**
	 * Counts by pool, for callers that need a map.
	 * @return pool to total count
	 */
	public Map<String, Integer> countByPool() {
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		this.threadsByPool.forEach((count) -> counts.merge(count.pool(), count.count(), Integer::sum));
		return counts;
	}

}
