package io.github.threadleaks.creation;

import java.util.List;

/**
 * Who started a thread, and from where: what a Go goroutine dump says as
 * {@code created by main.handler in goroutine 7}.
 *
 * @param creatorThread the name of the thread that called {@code Thread.start()}, or
 * {@code null} if the JVM did not say
 * @param stack the creator's stack at that call, top frame first (the code that started the
 * thread is the first frame)
 */
public record CreationSite(String creatorThread, List<StackTraceElement> stack) {

	/**
	 * The frame that started the thread, or {@code null} for a stack the JVM did not record.
	 * @return the frame
	 */
	public StackTraceElement startedAt() {
		return this.stack.isEmpty() ? null : this.stack.get(0);
	}

}
