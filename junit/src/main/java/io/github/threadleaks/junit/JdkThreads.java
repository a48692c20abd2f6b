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
			// the pollers of virtual threads' blocking I/O (Java 21+) and the threads that unpark
			// and unblock them (Java 21+, 24+), started on first use
			"Read-Poller", "Write-Poller", "VirtualThread-unparker", "VirtualThread-unblocker",
			// JUnit Jupiter's @Timeout watchdog: one per run, closed when the run ends
			"junit-jupiter-timeout-watcher"));

	/** The class of the carrier threads that run virtual threads (Java 21+). */
	private static final String CARRIER_THREAD_CLASS = "jdk.internal.misc.CarrierThread";

	private static final String COMMON_POOL_WORKER = "ForkJoinPool.commonPool-worker-";

	private static final String DELAY_SCHEDULER_SUFFIX = "-delayScheduler";

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

	/**
	 * Whether a thread is the delay scheduler (Java 25+) of the pool that runs virtual threads:
	 * a {@code ForkJoinPool} starts one, named after the pool, for its timed work, and the
	 * virtual-thread scheduler's pool is the JDK's. A user's own pool's delay scheduler is not:
	 * it is told apart by the pool's workers, which are carrier threads only for the JDK's.
	 * @param thread the thread
	 * @param live the threads alive with it
	 * @return whether the JDK owns it
	 */
	static boolean isVirtualThreadSchedulerDelayThread(Thread thread, Thread[] live) {
		String name = thread.getName();
		if (!name.endsWith(DELAY_SCHEDULER_SUFFIX)) {
			return false;
		}
		String workerPrefix = name.substring(0, name.length() - DELAY_SCHEDULER_SUFFIX.length()) + "-worker-";
		for (Thread other : live) {
			if (other.getClass().getName().equals(CARRIER_THREAD_CLASS) && other.getName().startsWith(workerPrefix)) {
				return true;
			}
		}
		return false;
	}

	static boolean isCommonPoolWorker(Thread thread) {
		return thread.getName().startsWith(COMMON_POOL_WORKER);
	}

}
