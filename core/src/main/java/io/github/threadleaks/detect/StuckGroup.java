package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Stuck threads of one group (pool, state and stack signature, as suspects are grouped):
 * each has made no progress for at least the stuck threshold. A leak that parked hundreds
 * of threads in one place is one entry, so that a single busy loop beside it is not lost.
 *
 * @param pool the pool
 * @param state the state
 * @param stack the group's stack from the blocking frame down
 * @param count how many threads
 * @param since when the oldest of them last made progress
 * @param stuckFor how long the longest stuck of them has made none
 * @param cpuRising whether they are RUNNABLE with their CPU time still rising: a busy loop
 * @param threadNames a few of their names, longest stuck first
 * @param threadIds their ids, longest stuck first
 * @param lockName what the longest stuck of them waits for, or {@code null}
 * @param lockOwnerName who holds that, or {@code null}
 */
public record StuckGroup(String pool, Thread.State state, List<StackTraceElement> stack, int count, Instant since,
		Duration stuckFor, boolean cpuRising, List<String> threadNames, List<Long> threadIds,
		@Nullable String lockName, @Nullable String lockOwnerName) {

	public StuckGroup {
		stack = List.copyOf(stack);
		threadNames = List.copyOf(threadNames);
		threadIds = List.copyOf(threadIds);
	}

	/**
	 * Where the group ranks: busy loops first (the thread burning a core is the finding an
	 * operator needs most), then threads blocked on a monitor, then waiting ones.
	 * @return 0, 1 or 2
	 */
	int rank() {
		if (this.cpuRising) {
			return 0;
		}
		return (this.state == Thread.State.BLOCKED) ? 1 : 2;
	}

}
