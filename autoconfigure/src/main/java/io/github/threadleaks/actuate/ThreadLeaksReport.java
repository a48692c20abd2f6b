package io.github.threadleaks.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code GET /actuator/threadleaks}.
 *
 * @param takenAt when the thread dump behind this report was taken
 * @param threads the totals
 * @param groupCount how many groups there are in all
 * @param groups the most populous groups, at most {@code threadleaks.endpoint.max-groups}
 * @param suspects leak suspects (filled by leak detection)
 * @param snapshots the snapshots stored for diffing
 */
public record ThreadLeaksReport(Instant takenAt, Threads threads, int groupCount, List<Group> groups,
		List<Object> suspects, List<Snapshot> snapshots) implements OperationResponseBody {

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
	 */
	public record Group(String pool, Thread.State state, int count, List<String> stack, boolean stackTruncated,
			List<String> threadNames) {

	}

	/**
	 * A stored snapshot.
	 *
	 * @param id its id, for {@code GET} and {@code DELETE /actuator/threadleaks/{id}}
	 * @param name its name, or {@code null}
	 * @param takenAt when it was taken
	 * @param threads how many threads it holds
	 */
	public record Snapshot(String id, String name, Instant takenAt, int threads) {

	}

}
