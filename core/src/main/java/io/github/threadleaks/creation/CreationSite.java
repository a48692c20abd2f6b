package io.github.threadleaks.creation;

import java.util.List;

import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * Who started a thread, and from where: what a Go goroutine dump says as
 * {@code created by main.handler in goroutine 7}.
 *
 * @param creatorThread the name of the thread that called {@code Thread.start()}, or
 * {@code null} if the JVM did not say
 * @param stack the creator's stack at that call, top frame first (the code that started the
 * thread is the first frame)
 */
public record CreationSite(@Nullable String creatorThread, List<StackTraceElement> stack) {

	/**
	 * The frame that started the thread, or {@code null} for a stack the JVM did not record.
	 * @return the frame
	 */
	public @Nullable StackTraceElement startedAt() {
		return this.stack.isEmpty() ? null : this.stack.get(0);
	}

	/**
	 * The first frame of the creator's stack outside the JDK: the code that asked for the
	 * thread, through however many executor or timer frames. Where the whole recorded stack
	 * is JDK code, its top frame; {@code null} for an empty stack.
	 * @return the frame
	 */
	public @Nullable StackTraceElement origin() {
		for (StackTraceElement frame : this.stack) {
			if (!isJdk(frame.getClassName())) {
				return frame;
			}
		}
		return startedAt();
	}

	/**
	 * {@link #origin()} as reports and logs print a frame, or {@code null} for an empty stack.
	 * @return the text
	 */
	public @Nullable String originText() {
		StackTraceElement origin = origin();
		return (origin != null) ? StackFrames.format(origin) : null;
	}

	/**
	 * What makes two creation sites the same code: the application frames of the creator's
	 * stack (every frame outside the JDK), by class and method. Threads with the same key
	 * were started along the same code path, whatever pools they joined: an executor and a
	 * {@code Timer} started by one handler share a key, while two callers of a shared helper
	 * that starts threads do not. Line numbers are left out, so two starts in one method are
	 * one site. Where the whole recorded stack is JDK code, its frames make the key.
	 * @return the key, or {@code null} for an empty stack
	 */
	public @Nullable String originKey() {
		if (this.stack.isEmpty()) {
			return null;
		}
		StringBuilder key = new StringBuilder(256);
		for (StackTraceElement frame : this.stack) {
			if (!isJdk(frame.getClassName())) {
				appendFrame(key, frame);
			}
		}
		if (key.length() == 0) {
			this.stack.forEach((frame) -> appendFrame(key, frame));
		}
		return key.toString();
	}

	private static void appendFrame(StringBuilder key, StackTraceElement frame) {
		if (key.length() > 0) {
			key.append(" < ");
		}
		key.append(frame.getClassName()).append('.').append(frame.getMethodName());
	}

	private static boolean isJdk(String className) {
		return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
				|| className.startsWith("sun.") || className.startsWith("com.sun.");
	}

}
