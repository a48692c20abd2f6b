package io.github.threadleaks.snapshot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shares identical frames and identical stacks between the threads of one snapshot and
 * across snapshots, so that a stored snapshot of thousands of threads parked in the same
 * code holds that code once. Bounded: past {@code maxStacks} distinct stacks it starts
 * afresh. Not thread-safe: each sampler uses its own under its lock.
 */
public final class FrameInterner {

	/** The distinct stacks an interner holds before it starts afresh, unless told otherwise. */
	public static final int MAX_STACKS = 50_000;

	private final int maxStacks;

	private final Map<StackTraceElement, StackTraceElement> frames = new HashMap<>();

	private final Map<StackKey, List<StackTraceElement>> stacks = new HashMap<>();

	/**
	 * An interner bounded at {@value #MAX_STACKS} distinct stacks.
	 */
	public FrameInterner() {
		this(MAX_STACKS);
	}

	public FrameInterner(int maxStacks) {
		this.maxStacks = maxStacks;
	}

	/**
	 * The shared copy of a stack.
	 * @param stack the stack, top frame first
	 * @return an immutable list equal to it, shared with every equal stack seen before
	 */
	public List<StackTraceElement> intern(StackTraceElement[] stack) {
		StackKey key = new StackKey(stack);
		List<StackTraceElement> shared = this.stacks.get(key);
		if (shared != null) {
			return shared;
		}
		if (this.stacks.size() >= this.maxStacks) {
			// What is already stored keeps its shared frames; only new stacks start afresh.
			this.stacks.clear();
			this.frames.clear();
		}
		StackTraceElement[] interned = new StackTraceElement[stack.length];
		for (int i = 0; i < stack.length; i++) {
			interned[i] = this.frames.computeIfAbsent(stack[i], (frame) -> frame);
		}
		shared = List.of(interned);
		this.stacks.put(new StackKey(interned), shared);
		return shared;
	}

	int stackCount() {
		return this.stacks.size();
	}

	private static final class StackKey {

		private final StackTraceElement[] frames;

		private final int hash;

		StackKey(StackTraceElement[] frames) {
			this.frames = frames;
			this.hash = Arrays.hashCode(frames);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof StackKey key && this.hash == key.hash && Arrays.equals(this.frames, key.frames);
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
