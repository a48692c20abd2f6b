package io.github.threadleaks.proof;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The verdict on one waiting or blocked thread.
 *
 * @param threadId what {@link Thread#getId()} returns for it
 * @param name its name, as the application gave it
 * @param virtual whether it is a virtual thread
 * @param state its state at the dump
 * @param stack its frames at the dump, top first
 * @param waitingOn the class of what it waits on, or {@code null} when the heap does not show it
 * @param verdict the verdict
 * @param reason the verdict in one sentence
 * @param path for {@code reachable}: from which root, through which fields, what it waits on
 * is reached (at most 12 steps); empty otherwise
 */
public record ThreadProof(long threadId, String name, boolean virtual, Thread.State state,
		List<StackTraceElement> stack, @Nullable String waitingOn, Verdict verdict, String reason, List<String> path) {

	public ThreadProof {
		stack = List.copyOf(stack);
		path = List.copyOf(path);
	}

}
