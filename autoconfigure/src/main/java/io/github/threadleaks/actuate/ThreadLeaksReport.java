package io.github.threadleaks.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.detect.TrendPoint;
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
 * @param stuck groups of threads that made no progress for the stuck threshold, busy loops
 * first, then blocked, then waiting threads
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
	 * @param pool the pool name; for a group by code, the common beginning of its names
	 * followed by {@code *} ({@code fetch-*}, or {@code *})
	 * @param state the state
	 * @param count threads in the group now
	 * @param growth net new threads (for idle pool workers: executors) over {@code horizon}
	 * @param ratePerMinute new threads a minute while it grew
	 * @param horizon over how long it grew, as an ISO-8601 duration ({@code PT20M})
	 * @param since when the growth started, as far as the horizon shows
	 * @param stack the group's stack, the blocking frame first
	 * @param threadNames the newest threads' names
	 * @param createdBy who started its newest thread with a known site, and from where
	 * ({@code null} unless {@code threadleaks.creation-sites.enabled})
	 * @param virtual whether these are virtual threads
	 * @param groupedBy {@code pool} (same pool, state and stack) or {@code code} (same state and
	 * stack, whatever the names)
	 * @param distinctNames how many different thread names the group has
	 * @param stuck how many of its threads are stuck (counted here, not listed under stuck)
	 */
	public record Suspect(String pool, Thread.State state, int count, int growth, double ratePerMinute,
			String horizon, Instant since, List<String> stack, List<String> threadNames,
			@Nullable CreatedBy createdBy, boolean virtual, String groupedBy, int distinctNames, int stuck,
			@Nullable Proof proof, List<TrendPoint> history) {

	}

	/**
	 * What the latest heap proof said of a suspect's threads (those it saw waiting).
	 *
	 * @param at when that proof's dump was taken
	 * @param leaked threads nothing that can still run can ever wake
	 * @param reachable threads something can still wake
	 * @param unknown threads the heap cannot judge
	 * @param text the same in words, as the text report and the page write it
	 */
	public record Proof(Instant at, int leaked, int reachable, int unknown, String text) {

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
	 * Threads of one group (pool, state, stack) that made no progress for the stuck threshold
	 * and belong to no suspect.
	 *
	 * @param pool their pool
	 * @param state their state
	 * @param count how many
	 * @param since when the oldest of them last made progress
	 * @param stuckForSeconds for how long the longest stuck of them has made none
	 * @param cpuRising whether they are RUNNABLE with their CPU time still rising: a busy loop
	 * @param threadNames a few of their names, longest stuck first
	 * @param stack their stack, the blocking frame first
	 * @param lockName what the longest stuck of them waits for, if anything
	 * @param lockOwnerName who holds that, if anyone
	 */
	public record Stuck(String pool, Thread.State state, int count, Instant since, long stuckForSeconds,
			boolean cpuRising, List<String> threadNames, List<String> stack, @Nullable String lockName,
			@Nullable String lockOwnerName) {

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
