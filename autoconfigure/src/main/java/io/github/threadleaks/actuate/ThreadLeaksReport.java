package io.github.threadleaks.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code GET /actuator/threadleaks}.
 *
 * @param takenAt when the thread dump behind {@code threads} and {@code groups} was taken
 * @param threads the totals of platform threads
 * @param computedAt when the sample behind {@code suspects}, {@code stuck} and
 * {@code deadlocks} was taken ({@code null} before the first one, or when detection is off)
 * @param suspects groups that keep growing
 * @param suspectsByCreationSite the suspects grouped by the code that started their threads
 * (empty unless {@code threadleaks.creation-sites.enabled})
 * @param stuck threads that made no progress for the stuck threshold
 * @param deadlocks cycles of threads waiting for each other's locks
 * @param groupCount how many groups there are in all
 * @param groups the most populous groups, at most {@code threadleaks.endpoint.max-groups}
 * @param snapshots the snapshots stored for diffing
 * @param tasks counts of tracked work, or {@code null} without task tracking
 * @param virtualThreads the latest sample of virtual threads, or {@code null} where they are
 * not sampled (see {@code threadleaks.sampling.virtual-threads})
 */
public record ThreadLeaksReport(Instant takenAt, Threads threads, @Nullable Instant computedAt,
		List<Suspect> suspects, List<SuspectsBySite> suspectsByCreationSite, List<Stuck> stuck,
		List<Deadlock> deadlocks, int groupCount, List<Group> groups, List<Snapshot> snapshots,
		@Nullable TaskSummary tasks, @Nullable VirtualThreads virtualThreads)
		implements OperationResponseBody {

	/**
	 * Virtual threads, as their latest sample saw them (they are sampled on their own, longer
	 * interval, not dumped per request).
	 *
	 * @param takenAt when that sample was taken ({@code null} before the first)
	 * @param live live virtual threads
	 * @param judged how many were grouped and judged (at most
	 * {@code threadleaks.sampling.max-virtual-threads})
	 * @param states the judged ones by state
	 * @param sampleMillis what that sample cost the sampler thread
	 * @param groupCount how many groups they make
	 * @param groups the most populous groups
	 */
	public record VirtualThreads(@Nullable Instant takenAt, int live, int judged, Map<Thread.State, Integer> states,
			long sampleMillis, int groupCount, List<Group> groups) {

	}

	/**
	 * Thread totals.
	 *
	 * @param live live platform threads
	 * @param daemon live daemon threads
	 * @param peak peak live threads since the JVM started
	 * @param started threads started since the JVM started
	 * @param states live threads by state, as Java spells states
	 */
	public record Threads(int live, int daemon, int peak, long started, Map<Thread.State, Integer> states) {

	}

	/**
	 * A group of threads with the same pool, state and top frames.
	 *
	 * @param pool the pool name
	 * @param state the state
	 * @param count how many threads
	 * @param stack the stack of the oldest thread, top frame first
	 * @param stackTruncated whether that stack was cut at {@code max-stack-depth}
	 * @param threadNames a sample of thread names
	 * @param createdBy who started the group's oldest thread with a known site, and from
	 * where ({@code null} unless {@code threadleaks.creation-sites.enabled})
	 * @param blockedIn the frame the threads wait in, below the JDK's parking and locking
	 * machinery ({@code LinkedBlockingQueue.take} rather than {@code Unsafe.park}), or
	 * {@code null} for threads without Java frames
	 */
	public record Group(String pool, Thread.State state, int count, List<String> stack, boolean stackTruncated,
			List<String> threadNames, @Nullable CreatedBy createdBy, @Nullable String blockedIn) {

	}

	/**
	 * Where threads were started: Go's "created by".
	 *
	 * @param thread the name of the thread that started them
	 * @param at the first frame of that stack outside the JDK: the code that asked for the
	 * threads
	 * @param stack its stack at the start, the starting frame first
	 */
	public record CreatedBy(@Nullable String thread, @Nullable String at, List<String> stack) {

	}

	/**
	 * A group that keeps growing.
	 *
	 * @param pool the pool name
	 * @param state the state
	 * @param count threads in the group now
	 * @param growth net new threads over the detection window
	 * @param ratePerMinute new threads a minute while it grew
	 * @param since when the growth started, as far as the window shows
	 * @param stack the group's stack, the blocking frame first
	 * @param threadNames the newest threads' names
	 * @param createdBy who started its newest thread with a known site, and from where
	 * ({@code null} unless {@code threadleaks.creation-sites.enabled})
	 * @param virtual whether these are virtual threads
	 */
	public record Suspect(String pool, Thread.State state, int count, int growth, double ratePerMinute,
			Instant since, List<String> stack, List<String> threadNames, @Nullable CreatedBy createdBy,
			boolean virtual) {

	}

	/**
	 * Suspects whose threads were started by the same code: one problem, however many pools.
	 *
	 * @param createdAt the code that started them (the first frame outside the JDK)
	 * @param createdBy the creation site of the largest of them
	 * @param pools the suspects' pools, largest growth first
	 * @param count threads in those suspects
	 * @param growth their growth together
	 */
	public record SuspectsBySite(String createdAt, CreatedBy createdBy, List<String> pools, int count, int growth) {

	}

	/**
	 * A thread that made no progress for the stuck threshold.
	 *
	 * @param id the thread id
	 * @param name the thread name
	 * @param pool its pool
	 * @param state its state
	 * @param since when it last made progress
	 * @param stuckForSeconds for how long it has made none
	 * @param lockName what it waits for, if anything
	 * @param lockOwner who holds that, if anyone
	 * @param stack its stack, the blocking frame first
	 */
	public record Stuck(long id, String name, String pool, Thread.State state, Instant since, long stuckForSeconds,
			@Nullable String lockName, @Nullable String lockOwner, List<String> stack) {

	}

	/**
	 * A deadlock cycle.
	 *
	 * @param threads its threads, each waiting for a lock the next one holds
	 */
	public record Deadlock(List<DeadlockedThread> threads) {

	}

	/**
	 * A thread of a deadlock cycle.
	 *
	 * @param id the thread id
	 * @param name the thread name
	 * @param state its state
	 * @param waitingFor the lock it waits for
	 * @param heldBy the thread holding that lock
	 * @param holds the locks it holds
	 * @param stack its stack, top frame first
	 */
	public record DeadlockedThread(long id, String name, Thread.State state, String waitingFor, String heldBy,
			List<String> holds, List<String> stack) {

	}

	/**
	 * A stored snapshot.
	 *
	 * @param id its id, for {@code GET} and {@code DELETE /actuator/threadleaks/{id}}
	 * @param name its name, or {@code null}
	 * @param takenAt when it was taken
	 * @param threads how many threads it holds
	 */
	public record Snapshot(String id, @Nullable String name, Instant takenAt, int threads) {

	}

}
