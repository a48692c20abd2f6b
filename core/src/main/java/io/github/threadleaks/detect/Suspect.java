package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * A group of threads that keeps growing: new threads join it at sample after sample across
 * a horizon (the detection window or a multiple of it) and the older ones do not end.
 *
 * @param pool the pool name; for a group {@link GroupedBy#CODE by code}, the common
 * beginning of its threads' names followed by {@code *} ({@code fetch-*}, or {@code *})
 * @param state the thread state
 * @param stack the group's stack from its blocking frame down (at most the grouping depth)
 * @param count threads in the group now
 * @param growth threads that joined the group within the horizon and are still in it, less
 * the group's threads that ended within it; for idle pool workers, executors instead of
 * threads (see {@link LeakDetector})
 * @param ratePerMinute how many joined it a minute, over the time it has been growing
 * @param since when the growth started, as far as the horizon shows
 * @param threadNames the newest threads of the group (a bounded sample)
 * @param createdBy who started the newest thread of the group whose creation site is known,
 * or {@code null} when creation sites are not recorded
 * @param virtual whether these are virtual threads
 * @param horizon over how long it grew: the shortest horizon over which the rule holds
 * @param groupedBy whether its threads share a pool or only their code
 * @param distinctNames how many different thread names the group has
 * @param stuck how many of its threads are stuck (they are counted here, not listed again)
 */
public record Suspect(String pool, Thread.State state, List<StackTraceElement> stack, int count, int growth,
		double ratePerMinute, Instant since, List<String> threadNames, @Nullable CreationSite createdBy,
		boolean virtual, Duration horizon, GroupedBy groupedBy, int distinctNames, int stuck) {

	public Suspect {
		stack = List.copyOf(stack);
		threadNames = List.copyOf(threadNames);
	}

	/**
	 * A suspect grouped by pool, over a five-minute horizon, none of whose threads are stuck.
	 * @param pool the pool name
	 * @param state the thread state
	 * @param stack the group's stack from its blocking frame down
	 * @param count threads in the group now
	 * @param growth net growth over the window
	 * @param ratePerMinute arrivals a minute
	 * @param since when the growth started
	 * @param threadNames the newest threads of the group
	 * @param createdBy who started them, or {@code null}
	 * @param virtual whether these are virtual threads
	 */
	public Suspect(String pool, Thread.State state, List<StackTraceElement> stack, int count, int growth,
			double ratePerMinute, Instant since, List<String> threadNames, @Nullable CreationSite createdBy,
			boolean virtual) {
		this(pool, state, stack, count, growth, ratePerMinute, since, threadNames, createdBy, virtual,
				Duration.ofMinutes(5), GroupedBy.POOL, threadNames.size(), 0);
	}

	/**
	 * A suspect grouped by pool whose creation site is not known.
	 * @param pool the pool name
	 * @param state the thread state
	 * @param stack the group's stack from its blocking frame down
	 * @param count threads in the group now
	 * @param growth net growth over the window
	 * @param ratePerMinute arrivals a minute
	 * @param since when the growth started
	 * @param threadNames the newest threads of the group
	 */
	public Suspect(String pool, Thread.State state, List<StackTraceElement> stack, int count, int growth,
			double ratePerMinute, Instant since, List<String> threadNames) {
		this(pool, state, stack, count, growth, ratePerMinute, since, threadNames, null, false);
	}

	/**
	 * The same suspect, of virtual threads.
	 * @return the copy
	 */
	public Suspect asVirtual() {
		return new Suspect(this.pool, this.state, this.stack, this.count, this.growth, this.ratePerMinute, this.since,
				this.threadNames, this.createdBy, true, this.horizon, this.groupedBy, this.distinctNames, this.stuck);
	}

	/**
	 * The frame where the threads wait, or {@code null} for a group without Java frames.
	 * @return the blocking frame
	 */
	public @Nullable StackTraceElement blockingFrame() {
		return StackFrames.top(this.stack);
	}

	/**
	 * What makes a suspect's threads one group.
	 */
	public enum GroupedBy {

		/** The same pool (folded name), state and stack signature. */
		POOL,

		/**
		 * The same state and stack signature, whatever their names: threads named after their
		 * work ({@code fetch-alice}, {@code job-q7hx}) that fold into no common pool.
		 */
		CODE;

		/**
		 * The name the endpoint and the logs use: {@code pool} or {@code code}.
		 * @return the lower-case name
		 */
		public String text() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
