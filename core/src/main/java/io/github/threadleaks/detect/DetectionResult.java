package io.github.threadleaks.detect;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.snapshot.ThreadSnapshot;
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
 * @param suspects groups that keep growing, largest growth first; platform threads first, then
 * virtual threads (as of their latest sample)
 * @param stuck threads that made no progress for the stuck threshold, longest first
 * @param deadlocks cycles of threads waiting for each other's locks
 * @param failedSamples how many samples failed since the monitor started
 * @param virtualThreads the latest sample of virtual threads, or {@code null} where they are
 * not sampled (Java 17 to 20, or switched off) or before the first one
 */
public record DetectionResult(Instant computedAt, long sampleNumber, long sampleDurationNanos, ThreadTotals totals,
		List<PoolCount> threadsByPool, List<Suspect> suspects, List<StuckThread> stuck, List<Deadlock> deadlocks,
		long failedSamples, VirtualThreads virtualThreads) {

	public DetectionResult {
		threadsByPool = List.copyOf(threadsByPool);
		suspects = List.copyOf(suspects);
		stuck = List.copyOf(stuck);
		deadlocks = List.copyOf(deadlocks);
	}

	/**
	 * A result of platform threads only.
	 * @param computedAt when the sample was taken
	 * @param sampleNumber the sample's number
	 * @param sampleDurationNanos its cost
	 * @param totals the JVM's thread counters
	 * @param threadsByPool live platform threads by pool and state
	 * @param suspects growing groups
	 * @param stuck stuck threads
	 * @param deadlocks deadlock cycles
	 * @param failedSamples failures so far
	 */
	public DetectionResult(Instant computedAt, long sampleNumber, long sampleDurationNanos, ThreadTotals totals,
			List<PoolCount> threadsByPool, List<Suspect> suspects, List<StuckThread> stuck, List<Deadlock> deadlocks,
			long failedSamples) {
		this(computedAt, sampleNumber, sampleDurationNanos, totals, threadsByPool, suspects, stuck, deadlocks,
				failedSamples, null);
	}

	/**
	 * This platform result with the latest virtual-thread sample beside it, whose suspects
	 * join this result's.
	 * @param virtual the virtual-thread sample, or {@code null} for none
	 * @return the combined result
	 */
	DetectionResult withVirtualThreads(VirtualThreads virtual) {
		if (virtual == null) {
			return this;
		}
		List<Suspect> all = new java.util.ArrayList<>(this.suspects);
		all.addAll(virtual.suspects());
		return new DetectionResult(this.computedAt, this.sampleNumber, this.sampleDurationNanos, this.totals,
				this.threadsByPool, all, this.stuck, this.deadlocks, this.failedSamples, virtual);
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
				this.threadsByPool, this.suspects, this.stuck, this.deadlocks, failedSamples, this.virtualThreads);
	}

	/**
	 * Suspects grouped by the code that started their threads (the creation site's
	 * {@link CreationSite#originKey() origin}), so that two pools started by the same faulty
	 * code read as one problem. Suspects without a known site are left out; largest growth
	 * first.
	 * @return the suspects by creation site
	 */
	public List<SuspectsBySite> suspectsByCreationSite() {
		Map<String, List<Suspect>> bySite = new java.util.LinkedHashMap<>();
		for (Suspect suspect : this.suspects) {
			if (suspect.createdBy() != null && suspect.createdBy().originKey() != null) {
				bySite.computeIfAbsent(suspect.createdBy().originKey(), (key) -> new java.util.ArrayList<>())
					.add(suspect);
			}
		}
		return bySite.values()
			.stream()
			.map((suspects) -> new SuspectsBySite(suspects.get(0).createdBy(), suspects))
			.sorted(java.util.Comparator.comparingInt(SuspectsBySite::growth).reversed())
			.toList();
	}

	/**
	 * Suspects whose threads were started by the same code.
	 *
	 * @param site the creation site of the first (largest) suspect
	 * @param suspects the suspects, largest growth first
	 */
	public record SuspectsBySite(CreationSite site, List<Suspect> suspects) {

		public SuspectsBySite {
			suspects = List.copyOf(suspects);
		}

		/**
		 * Threads in all these suspects.
		 * @return the sum of their counts
		 */
		public int count() {
			return this.suspects.stream().mapToInt(Suspect::count).sum();
		}

		/**
		 * Growth of all these suspects.
		 * @return the sum of their growth
		 */
		public int growth() {
			return this.suspects.stream().mapToInt(Suspect::growth).sum();
		}

	}

	/**
	 * What the latest sample of virtual threads found. They are sampled on their own, longer
	 * interval, from the JVM's JSON thread dump.
	 *
	 * @param computedAt when that sample was taken
	 * @param live live virtual threads
	 * @param judged how many of them were grouped and judged (at most
	 * {@code threadleaks.sampling.max-virtual-threads})
	 * @param threadsByPool the judged ones by pool and state
	 * @param suspects their groups that keep growing, each marked {@link Suspect#virtual()}
	 * @param sampleDurationNanos what dumping, reading and judging them cost
	 * @param failedSamples how many virtual-thread samples failed
	 */
	public record VirtualThreads(Instant computedAt, int live, int judged, List<PoolCount> threadsByPool,
			List<Suspect> suspects, long sampleDurationNanos, long failedSamples) {

		public VirtualThreads {
			threadsByPool = List.copyOf(threadsByPool);
			suspects = List.copyOf(suspects);
		}

		/**
		 * Counts by state, every state present.
		 * @return the counts
		 */
		public Map<Thread.State, Integer> countByState() {
			Map<Thread.State, Integer> counts = ThreadSnapshot.zeroByState();
			this.threadsByPool.forEach((count) -> counts.merge(count.state(), count.count(), Integer::sum));
			return counts;
		}

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

}
