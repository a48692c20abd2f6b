package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A thread that has made no progress for at least the stuck threshold: the same code, no
 * new wait or block, and, when RUNNABLE, still burning CPU.
 *
 * @param id the thread id
 * @param name the thread name
 * @param pool its pool
 * @param state its state
 * @param stack its stack from the blocking frame down
 * @param since when it was last seen making progress
 * @param stuckFor how long it has made none
 * @param lockName what it waits for, or {@code null}
 * @param lockOwnerName who holds that, or {@code null}
 */
public record StuckThread(long id, String name, String pool, Thread.State state, List<StackTraceElement> stack,
		Instant since, Duration stuckFor, @Nullable String lockName, @Nullable String lockOwnerName) {

}
