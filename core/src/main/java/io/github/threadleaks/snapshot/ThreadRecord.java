package io.github.threadleaks.snapshot;

import java.lang.management.ThreadInfo;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One live thread as a snapshot saw it: a platform thread, or a virtual thread read from the
 * JVM's JSON thread dump (whose CPU time and wait counters are unknown, {@code -1}).
 *
 * @param id the thread id (never reused by the JVM while it runs)
 * @param name the thread name
 * @param pool the folded pool name (see {@link PoolNames})
 * @param state the thread state
 * @param daemon whether it is a daemon thread
 * @param stack its stack, top frame first, at most the configured depth; shared between
 * threads with the same stack
 * @param stackTruncated whether the stack reached the depth limit, so that deeper frames
 * may be missing
 * @param lockName the monitor or synchronizer it is blocked on or waiting for, or
 * {@code null}
 * @param lockOwnerId the id of the thread that owns that lock, or {@code -1}
 * @param lockOwnerName the name of the thread that owns that lock, or {@code null}
 * @param cpuTimeNanos the CPU time the thread has used, or {@code -1} where the JVM does not
 * measure it
 * @param blockedCount how many times the thread has blocked to enter a monitor, or {@code -1}
 * where unknown
 * @param waitedCount how many times the thread has waited, parked or slept, or {@code -1}
 * where unknown
 */
public record ThreadRecord(long id, String name, String pool, Thread.State state, boolean daemon,
		List<StackTraceElement> stack, boolean stackTruncated, @Nullable String lockName, long lockOwnerId,
		@Nullable String lockOwnerName, long cpuTimeNanos, long blockedCount, long waitedCount) {

	/** What a field the JVM does not report for a thread holds. */
	private static final long UNKNOWN = -1;

	/**
	 * A platform thread as the {@link java.lang.management.ThreadMXBean} saw it.
	 * @param info what the bean reported
	 * @param stack its stack, interned
	 * @param stackTruncated whether the stack reached the depth limit
	 * @param cpuTimeNanos its CPU time, or {@code -1} where not measured
	 * @return the record, its pool folded from its name
	 */
	public static ThreadRecord platform(ThreadInfo info, List<StackTraceElement> stack, boolean stackTruncated,
			long cpuTimeNanos) {
		return new ThreadRecord(info.getThreadId(), info.getThreadName(), PoolNames.fold(info.getThreadName()),
				info.getThreadState(), info.isDaemon(), stack, stackTruncated, info.getLockName(),
				info.getLockOwnerId(), info.getLockOwnerName(), cpuTimeNanos, info.getBlockedCount(),
				info.getWaitedCount());
	}

	/**
	 * A virtual thread read from the JVM's JSON thread dump, which tells no lock owner, CPU
	 * time or wait counters (so a virtual thread is never judged stuck). Virtual threads are
	 * always daemons.
	 * @param id its thread id
	 * @param name its name as shown
	 * @param pool its pool
	 * @param state its state
	 * @param stack its stack, interned
	 * @param stackTruncated whether the stack reached the depth limit
	 * @param lockName what it is blocked on or parked for, or {@code null}
	 * @return the record
	 */
	public static ThreadRecord virtual(long id, String name, String pool, Thread.State state,
			List<StackTraceElement> stack, boolean stackTruncated, @Nullable String lockName) {
		return new ThreadRecord(id, name, pool, state, true, stack, stackTruncated, lockName, UNKNOWN, null, UNKNOWN,
				UNKNOWN, UNKNOWN);
	}

	/**
	 * The top frame of the stack, or {@code null} for a thread without Java frames.
	 * @return the top frame
	 */
	public @Nullable StackTraceElement topFrame() {
		return StackFrames.top(this.stack);
	}

	/**
	 * How many times the thread has blocked, waited, parked or slept: a counter that moves
	 * whenever the thread leaves one wait and enters another, so a thread whose counter
	 * stands still has been in one wait (or none) the whole time.
	 * @return the sum of the blocked and waited counts
	 */
	public long waitTransitions() {
		return this.blockedCount + this.waitedCount;
	}

	/**
	 * Whether the JVM counts this thread's waits, which is what tells a thread that waits
	 * forever from one that waits again and again in the same place. Virtual threads have no
	 * such counters, so they are never judged stuck.
	 * @return whether both counters are known
	 */
	public boolean progressKnown() {
		return this.blockedCount >= 0 && this.waitedCount >= 0;
	}

}
