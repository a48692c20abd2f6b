package io.github.threadleaks.snapshot;

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

}
