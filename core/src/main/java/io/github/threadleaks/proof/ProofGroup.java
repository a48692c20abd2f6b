package io.github.threadleaks.proof;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Waiting or blocked threads that share pool, state, stack and verdict. The verdict is part
 * of the key: idle workers of a leaked per-call executor and of a live pool share one stack.
 *
 * @param pool the pool name (digit runs folded)
 * @param state the threads' state
 * @param count how many threads
 * @param stack the shared frames, top first
 * @param threadNames the threads' names (at most {@link LeakProof#MAX_NAMES_PER_GROUP})
 * @param waitingOn the class of what they wait on, or {@code null} when the heap does not show it
 * @param verdict the verdict
 * @param reason the verdict in one sentence (of the group's first thread)
 * @param path for {@code reachable}: how its first thread's waker is reached, at most 12 steps
 * @param virtual whether these are virtual threads
 */
public record ProofGroup(String pool, Thread.State state, int count, List<String> stack, List<String> threadNames,
		@Nullable String waitingOn, Verdict verdict, String reason, List<String> path, boolean virtual) {

	public ProofGroup {
		stack = List.copyOf(stack);
		threadNames = List.copyOf(threadNames);
		path = List.copyOf(path);
	}

}
