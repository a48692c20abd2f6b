package io.github.threadleaks.snapshot;

import java.util.ArrayList;
import java.util.List;

/**
 * The top frames of a stack without line numbers: what makes two threads "do the same
 * thing" for grouping. Line numbers are left out so that one blocking call reached from
 * two lines of one method stays one group.
 *
 * @param frames {@code class.method} of the top frames, top first
 */
public record StackSignature(List<String> frames) {

	/**
	 * The signature of the top {@code depth} frames of a stack.
	 * @param stack the stack, top frame first
	 * @param depth how many frames count
	 * @return the signature
	 */
	public static StackSignature of(List<StackTraceElement> stack, int depth) {
		int size = Math.min(depth, stack.size());
		List<String> frames = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			frames.add(StackFrames.methodName(stack.get(i)));
		}
		return new StackSignature(List.copyOf(frames));
	}

}
