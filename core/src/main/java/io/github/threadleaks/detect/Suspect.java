package io.github.threadleaks.detect;

import java.time.Instant;
import java.util.List;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * A group of threads that keeps growing: new threads join it at sample after sample across
 * the detection window and the older ones do not end.
 *
 * @param pool the pool name
 * @param state the thread state
 * @param stack the group's stack from its blocking frame down (at most the grouping depth)
 * @param count threads in the group now
 * @param growth threads that joined the group within the window and are still in it, less
 * the group's threads that ended within the window
 * @param ratePerMinute how many threads a minute joined it, over the time it has been growing
 * @param since when the growth started, as far as the window shows
 * @param threadNames the newest threads of the group (a bounded sample)
 * @param createdBy who started the newest thread of the group whose creation site is known,
 * or {@code null} when creation sites are not recorded
 * @param virtual whether these are virtual threads
 */
public record Suspect(String pool, Thread.State state, List<StackTraceElement> stack, int count, int growth,
		double ratePerMinute, Instant since, List<String> threadNames, @Nullable CreationSite createdBy, boolean virtual) {

	/**
	 * A suspect whose creation site is not known.
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
				this.threadNames, this.createdBy, true);
	}

	/**
	 * The frame where the threads wait, or {@code null} for a group without Java frames.
	 * @return the blocking frame
	 */
	public @Nullable StackTraceElement blockingFrame() {
		return StackFrames.top(this.stack);
	}

}
