package io.github.threadleaks.proof;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One proof: which waiting and blocked threads nothing can ever wake, as a heap dump showed.
 *
 * @param takenAt when the dump was taken
 * @param dumpMillis how long the JVM took to write the dump (the application's pause)
 * @param analysisMillis how long reading and marking took
 * @param heapBytes heap in use just before the dump
 * @param counts threads per verdict (every verdict present, zero included)
 * @param groups the threads grouped by pool, state, stack and verdict; leaked first
 * @param threads every waiting or blocked thread with its verdict
 */
public record LeakProof(Instant takenAt, long dumpMillis, long analysisMillis, long heapBytes,
		Map<Verdict, Integer> counts, List<ProofGroup> groups, List<ThreadProof> threads) {

	/** Names listed per group at most. */
	public static final int MAX_NAMES_PER_GROUP = 20;

	public LeakProof {
		EnumMap<Verdict, Integer> all = new EnumMap<>(Verdict.class);
		for (Verdict verdict : Verdict.values()) {
			all.put(verdict, counts.getOrDefault(verdict, 0));
		}
		counts = java.util.Collections.unmodifiableMap(all);
		groups = List.copyOf(groups);
		threads = List.copyOf(threads);
	}

	/**
	 * Threads found leaked.
	 * @return their number
	 */
	public int leakedThreads() {
		return this.counts.get(Verdict.LEAKED);
	}

	/**
	 * The verdict on one thread.
	 * @param threadId what {@link Thread#getId()} returns
	 * @return its verdict, or empty when the proof did not see it waiting
	 */
	public Optional<ThreadProof> thread(long threadId) {
		return this.threads.stream().filter((thread) -> thread.threadId() == threadId).findFirst();
	}

	/**
	 * What this proof says of a set of threads, such as a suspect's.
	 * @param threadIds the threads' ids
	 * @return the counts per verdict among those the proof saw waiting, or empty when it saw none
	 */
	public Optional<SuspectProof> forThreads(Collection<Long> threadIds) {
		Set<Long> wanted = new HashSet<>(threadIds);
		int leaked = 0;
		int reachable = 0;
		int unknown = 0;
		String leakedOn = null;
		String otherOn = null;
		for (ThreadProof thread : this.threads) {
			if (!wanted.contains(thread.threadId())) {
				continue;
			}
			switch (thread.verdict()) {
				case LEAKED -> leaked++;
				case REACHABLE -> reachable++;
				default -> unknown++;
			}
			if (thread.verdict() == Verdict.LEAKED && leakedOn == null) {
				leakedOn = thread.waitingOn();
			}
			else if (otherOn == null) {
				otherOn = thread.waitingOn();
			}
		}
		if (leaked + reachable + unknown == 0) {
			return Optional.empty();
		}
		return Optional.of(new SuspectProof(this.takenAt, leaked, reachable, unknown,
				(leaked > 0) ? leakedOn : otherOn));
	}

}
