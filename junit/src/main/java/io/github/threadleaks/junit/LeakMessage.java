package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.List;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * Puts leaked threads into words, as goleak does: which thread, where it is, how it got there
 * and who started it. Every reader (the per-test failure, the end-of-run failure) uses this.
 */
final class LeakMessage {

	/** Threads shown with their stacks; the rest are named on one line each. */
	private static final int MAX_THREADS_IN_FULL = 20;

	private static final int MAX_THREADS_NAMED = 200;

	/** Frames shown below the code that started a thread: enough to reach the test. */
	private static final int MAX_CREATION_CALLERS = 6;

	private LeakMessage() {
	}

	/**
	 * The failure message.
	 * @param subject what left the threads, as {@code test Foo.bar()} or {@code the test run}
	 * @param leaks the threads
	 * @param waited how long the check waited for them to end
	 * @param maxFrames how many frames of each stack to show
	 * @param creationSitesOption the option that records creation sites, for the hint when they
	 * are not recorded, or {@code null} when they are
	 * @return the message
	 */
	static String of(String subject, List<LeakedThread> leaks, Duration waited, int maxFrames,
			@Nullable String creationSitesOption) {
		StringBuilder text = new StringBuilder(1024);
		text.append("found ").append(leaks.size()).append((leaks.size() == 1) ? " unexpected thread" : " unexpected threads")
			.append(" after ").append(subject).append(", still alive ").append(waited.toMillis())
			.append(" ms after it ended:\n");
		for (int i = 0; i < leaks.size(); i++) {
			LeakedThread leak = leaks.get(i);
			if (i == MAX_THREADS_NAMED) {
				text.append("\n... and ").append(leaks.size() - i).append(" more threads\n");
				break;
			}
			text.append('\n');
			appendHeadline(text, leak);
			if (i < MAX_THREADS_IN_FULL) {
				appendStack(text, leak.stack(), maxFrames);
				appendCreationSite(text, leak.creationSite());
			}
		}
		if (creationSitesOption != null) {
			text.append("\n(who started each thread is not known: ").append(creationSitesOption).append(" records it)\n");
		}
		return text.toString();
	}

	private static void appendHeadline(StringBuilder text, LeakedThread leak) {
		text.append("thread \"").append(PrintableText.of(leak.name())).append("\" #").append(leak.id())
			.append(leak.daemon() ? ", daemon, " : ", non-daemon, ").append(leak.state());
		if (!leak.stack().isEmpty()) {
			StackTraceElement frame = leak.stack().get(IdleFrames.blockingFrameIndex(leak.stack()));
			text.append((leak.state() == Thread.State.RUNNABLE) ? ", at " : ", blocks in ")
				.append(PrintableText.of(StackFrames.format(frame)));
		}
		text.append('\n');
	}

	private static void appendStack(StringBuilder text, List<StackTraceElement> stack, int maxFrames) {
		int shown = Math.min(stack.size(), maxFrames);
		for (int i = 0; i < shown; i++) {
			text.append("\tat ").append(PrintableText.of(StackFrames.format(stack.get(i)))).append('\n');
		}
		if (stack.size() > shown) {
			text.append("\t... ").append(stack.size() - shown).append(" more frames\n");
		}
	}

	private static void appendCreationSite(StringBuilder text, @Nullable CreationSite site) {
		if (site == null) {
			return;
		}
		text.append("\tstarted by ");
		if (site.creatorThread() != null) {
			text.append("thread \"").append(PrintableText.of(site.creatorThread())).append("\" ");
		}
		StackTraceElement origin = site.origin();
		if (origin == null) {
			text.append("from an unrecorded stack\n");
			return;
		}
		text.append("at ").append(PrintableText.of(StackFrames.format(origin))).append('\n');
		// the application code below it, up to the test framework: the path from the test to the start
		int shown = 0;
		for (StackTraceElement frame : site.stack().subList(site.stack().indexOf(origin) + 1, site.stack().size())) {
			String className = frame.getClassName();
			if (className.startsWith("org.junit.") || shown == MAX_CREATION_CALLERS) {
				break;
			}
			if (!isJdk(className)) {
				text.append("\t\tfrom ").append(PrintableText.of(StackFrames.format(frame))).append('\n');
				shown++;
			}
		}
	}

	private static boolean isJdk(String className) {
		return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
				|| className.startsWith("javax.") || className.startsWith("com.sun.");
	}

}
