package io.github.threadleaks.junit;

import java.util.List;

import io.github.threadleaks.detect.Globs;
import io.github.threadleaks.snapshot.StackFrames;

/**
 * Threads the JVM, the JDK and JUnit start on their own, whenever they first need them, and
 * keep: never a test's leak, whatever test happened to run when they started.
 */
final class JdkThreads {

	private static final Globs NAMES = Globs.of(List.of(
			// the JVM's own threads, started before main; listed for the end-of-run check of a
			// launcher started late, and for Attach Listener, which starts when a tool (jcmd,
			// a profiler, an IDE) attaches in the middle of a test
			"Reference Handler", "Finalizer", "Signal Dispatcher", "Attach Listener", "Notification Thread",
			"Service Thread", "Monitor Deflation Thread", "C? CompilerThread*", "Sweeper thread", "DestroyJavaVM",
			// the JDK's shared Cleaner, started by the first Cleaner use (NIO buffers, zip files)
			"Common-Cleaner",
			// JFR's threads: they start with any recording (the creation-site option's too) and
			// stay after it closes
			"JFR *", "JFR: *",
			// waits for child processes; pooled by the JDK and ends after being idle a while
			"process reaper*",
			// HttpURLConnection's keep-alive cache and its stream cleaner: they end by
			// themselves a few seconds after the last pooled connection expires
			"Keep-Alive-Timer", "Keep-Alive-SocketCleaner",
			// the pollers of virtual threads' blocking I/O (Java 21+), started on first use
			"Read-Poller", "Write-Poller", "VirtualThread-unparker",
			// JUnit Jupiter's @Timeout watchdog: one per run, closed when the run ends
			"junit-jupiter-timeout-watcher"));

	/** The class of the carrier threads that run virtual threads (Java 21+). */
	private static final String CARRIER_THREAD_CLASS = "jdk.internal.misc.CarrierThread";

	private static final String COMMON_POOL_WORKER = "ForkJoinPool.commonPool-worker-";

	private static final String AWAIT_WORK = "java.util.concurrent.ForkJoinPool.awaitWork";

	private JdkThreads() {
	}

	/**
	 * Whether the JVM, the JDK or JUnit owns a thread, judged by name and class alone.
	 * @param thread the thread
	 * @return whether to leave it out
	 */
	static boolean ownsByName(Thread thread) {
		return NAMES.matches(thread.getName()) || thread.getClass().getName().equals(CARRIER_THREAD_CLASS);
	}

	/**
	 * Whether a thread of the JDK's common pool waits for work. Its workers stay for a minute
	 * after their last task, whoever submitted it; one still running a task the test gave it is
	 * not idle, and is reported.
	 * @param thread the thread
	 * @param stack its stack
	 * @return whether it is an idle common-pool worker
	 */
	static boolean isIdleCommonPoolWorker(Thread thread, StackTraceElement[] stack) {
		if (!thread.getName().startsWith(COMMON_POOL_WORKER)) {
			return false;
		}
		for (StackTraceElement frame : stack) {
			if (StackFrames.methodName(frame).equals(AWAIT_WORK)) {
				return true;
			}
		}
		return false;
	}

	static boolean isCommonPoolWorker(Thread thread) {
		return thread.getName().startsWith(COMMON_POOL_WORKER);
	}

}
