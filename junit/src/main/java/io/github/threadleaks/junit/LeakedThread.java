package io.github.threadleaks.junit;

import java.util.List;

import io.github.threadleaks.creation.CreationSite;
import org.jspecify.annotations.Nullable;

/**
 * A thread a test left behind, as it was when the check gave up waiting for it.
 *
 * @param name its name
 * @param id its id
 * @param daemon whether it is a daemon thread
 * @param state its state
 * @param stack its stack, top frame first
 * @param creationSite who started it, where creation sites are recorded and JFR told
 */
record LeakedThread(String name, long id, boolean daemon, Thread.State state, List<StackTraceElement> stack,
		@Nullable CreationSite creationSite) {

	LeakedThread {
		stack = List.copyOf(stack);
	}

}
