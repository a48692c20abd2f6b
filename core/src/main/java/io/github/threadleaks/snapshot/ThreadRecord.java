package io.github.threadleaks.snapshot;

import java.time.Instant;
import java.util.List;

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
 * @param firstSeen when the engine first saw this thread
 */
public record ThreadRecord(long id, String name, String pool, Thread.State state, boolean daemon,
		List<StackTraceElement> stack, boolean stackTruncated, String lockName, long lockOwnerId,
		String lockOwnerName, long cpuTimeNanos, long blockedCount, long waitedCount, Instant firstSeen) {

	/**
	 * The top frame of the stack, or {@code null} for a thread without Java frames.
	 * @return the top frame
	 */
	public StackTraceElement topFrame() {
		return this.stack.isEmpty() ? null : this.stack.get(0);
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
