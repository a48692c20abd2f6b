package io.github.threadleaks.snapshot;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Writes stack frames the way {@code jstack} readers expect, without the module and class
 * loader prefixes of {@link StackTraceElement#toString()}.
 */
public final class StackFrames {

	private StackFrames() {
	}

	/**
	 * A frame's method as {@code com.example.Worker.run}: what grouping, idle frames and
	 * ignore rules compare, line numbers left out.
	 * @param frame the frame
	 * @return its class and method
	 */
	public static String methodName(StackTraceElement frame) {
		return frame.getClassName() + "." + frame.getMethodName();
	}

	/**
	 * A frame as {@code com.example.Worker.run(Worker.java:42)}, or
	 * {@code com.example.Worker.run(line 42)} where only the line is known.
	 * @param frame the frame
	 * @return its text
	 */
	public static String format(StackTraceElement frame) {
		StringBuilder text = new StringBuilder(96);
		text.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
		if (frame.isNativeMethod()) {
			text.append("Native Method");
		}
		else if (frame.getFileName() == null) {
			// JFR's frames carry a line but no file name
			text.append((frame.getLineNumber() >= 0) ? "line " + frame.getLineNumber() : "Unknown Source");
		}
		else {
			text.append(frame.getFileName());
			if (frame.getLineNumber() >= 0) {
				text.append(':').append(frame.getLineNumber());
			}
		}
		return text.append(')').toString();
	}

	/**
	 * A frame's text, or {@code null} for no frame (a thread without Java frames).
	 * @param frame the frame, or {@code null}
	 * @return its text, or {@code null}
	 */
	public static @Nullable String formatOrNull(@Nullable StackTraceElement frame) {
		return (frame != null) ? format(frame) : null;
	}

	/**
	 * The top frame of a stack, or {@code null} for an empty stack.
	 * @param stack the stack, top frame first
	 * @return its first frame, or {@code null}
	 */
	public static @Nullable StackTraceElement top(List<StackTraceElement> stack) {
		return stack.isEmpty() ? null : stack.get(0);
	}

}
