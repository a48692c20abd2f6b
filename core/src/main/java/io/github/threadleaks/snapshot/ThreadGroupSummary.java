package io.github.threadleaks.snapshot;

import java.util.List;

/**
 * Threads of one pool, in one state, running the same top frames: the unit a person reads,
 * the detector tracks and the metrics tag, as a goroutine profile groups goroutines.
 *
 * @param key what the threads share
 * @param count how many threads
 * @param stack the stack of one of them (the oldest), top frame first
 * @param stackTruncated whether that stack reached the depth limit
 * @param threadIds the ids of every thread in the group, ascending
 * @param threadNames the names of the first threads (a bounded sample)
 */
public record ThreadGroupSummary(GroupKey key, int count, List<StackTraceElement> stack, boolean stackTruncated,
		List<Long> threadIds, List<String> threadNames) {

	public String pool() {
		return this.key.pool();
	}

	public Thread.State state() {
		return this.key.state();
	}

	/**
	 * What the threads of a group share.
	 *
	 * @param pool the folded pool name
	 * @param state the thread state
	 * @param signature the top frames
	 */
	public record GroupKey(String pool, Thread.State state, StackSignature signature) {

	}

}
