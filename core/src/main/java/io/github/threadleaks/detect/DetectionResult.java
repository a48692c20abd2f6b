package io.github.threadleaks.detect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.snapshot.ThreadTotals;
import org.jspecify.annotations.Nullable;

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
 * @param stuck groups of threads that made no progress for the stuck threshold and are in no
 * suspect: busy loops first, then blocked threads, then waiting ones
 * @param deadlocks cycles of threads waiting for each other's locks
 * @param failedSamples how many samples failed since the monitor started
 * @param virtualThreads the latest sample of virtual threads, or {@code null} where they are
 * not sampled (Java 17 to 20, or switched off) or before the first one
 */
public record DetectionResult(Instant computedAt, long sampleNumber, long sampleDurationNanos, ThreadTotals totals,
		List<PoolCount> threadsByPool, List<Suspect> suspects, List<StuckGroup> stuck, List<Deadlock> deadlocks,
		long failedSamples, @Nullable VirtualThreads virtualThreads) {

	public DetectionResult {
		threadsByPool = List.copyOf(threadsByPool);
		suspects = List.copyOf(suspects);
		stuck = List.copyOf(stuck);
		deadlocks = List.copyOf(deadlocks);
	}

	/**
	 * Puts one sample's parts together: what the detector found among the platform threads,
	 * the deadlocks, and the latest virtual-thread sample, whose suspects join the platform
	 * ones.
	 * @param snapshot the platform snapshot judged
	 * @param found what the detector found in it
	 * @param deadlocks the deadlocks found at the same time
	 * @param sampleNumber the sample's number
	 * @param sampleDurationNanos what taking and judging it cost
	 * @param failedSamples failures so far
	 * @param virtualThreads the latest virtual-thread sample, or {@code null} for none
	 * @return the result
	 */
	static DetectionResult of(ThreadSnapshot snapshot, Findings found, List<Deadlock> deadlocks, long sampleNumber,
			long sampleDurationNanos, long failedSamples, @Nullable VirtualThreads virtualThreads) {
		List<Suspect> suspects = found.suspects();
		if (virtualThreads != null && !virtualThreads.suspects().isEmpty()) {
			suspects = new ArrayList<>(found.suspects());
			suspects.addAll(virtualThreads.suspects());
		}
		return new DetectionResult(snapshot.takenAt(), sampleNumber, sampleDurationNanos, snapshot.totals(),
				found.threadsByPool(), suspects, found.stuck(), deadlocks, failedSamples, virtualThreads);
	}

	/**
	 * Threads in suspect groups.
	 * @return the sum of the suspects' counts
	 */
	public int suspectThreads() {
		return this.suspects.stream().mapToInt(Suspect::count).sum();
	}

	/**
	 * Stuck threads: those of the stuck groups listed and those counted in suspects.
	 * @return how many
	 */
	public int stuckThreads() {
		return this.stuck.stream().mapToInt(StuckGroup::count).sum()
				+ this.suspects.stream().mapToInt(Suspect::stuck).sum();
	}

	/**
	 * Threads in deadlock cycles.
	 * @return how many
	 */
	public int deadlockedThreads() {
		return this.deadlocks.stream().mapToInt((deadlock) -> deadlock.threads().size()).sum();
	}

	/**
	 * Suspects grouped by the code that started their threads (the creation site's
	 * {@link CreationSite#originKey() origin}), so that two pools started by the same faulty
	 * code read as one problem. Suspects without a known site are left out; largest growth
	 * first.
	 * @return the suspects by creation site
	 */
	public List<SuspectsBySite> suspectsByCreationSite() {
		return SuspectsBySite.of(this.suspects);
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
		 * Groups suspects by the code that started their threads; those without a known site
		 * are left out.
		 * @param suspects the suspects, largest growth first
		 * @return the groups, largest growth first
		 */
		public static List<SuspectsBySite> of(List<Suspect> suspects) {
			Map<String, List<Suspect>> bySite = new LinkedHashMap<>();
			for (Suspect suspect : suspects) {
				CreationSite site = suspect.createdBy();
				String origin = (site != null) ? site.originKey() : null;
				if (origin != null) {
					bySite.computeIfAbsent(origin, (key) -> new ArrayList<>()).add(suspect);
				}
			}
			return bySite.values()
				.stream()
				.map((same) -> new SuspectsBySite(Objects.requireNonNull(same.get(0).createdBy()), same))
				.sorted(Comparator.comparingInt(SuspectsBySite::growth).reversed())
				.toList();
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
	 * @param snapshot the judged virtual threads themselves, for a reader that groups them
	 * (the endpoint), so that counts and groups come from the same sample
	 */
	public record VirtualThreads(Instant computedAt, int live, int judged, List<PoolCount> threadsByPool,
			List<Suspect> suspects, long sampleDurationNanos, long failedSamples, ThreadSnapshot snapshot) {

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
