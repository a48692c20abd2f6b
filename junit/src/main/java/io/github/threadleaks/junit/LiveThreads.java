package io.github.threadleaks.junit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The live platform threads, listed without their stacks: walking the root thread group is a
 * few microseconds where {@code Thread.getAllStackTraces()} stops every thread at a safepoint.
 * <p>
 * Most tests start no thread at all, and the JVM counts the threads it starts: while that count
 * stays the same, no thread can be new, so the check neither lists the threads after such a
 * test nor before the next one (the last listing still holds: threads may only have ended).
 */
final class LiveThreads {

	private static final ThreadGroup ROOT = rootGroup();

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private static volatile @Nullable Baseline last;

	private LiveThreads() {
	}

	static Thread[] list() {
		Thread[] threads = new Thread[ROOT.activeCount() + 16];
		int count = ROOT.enumerate(threads, true);
		while (count == threads.length) {
			// more threads started between the count and the walk: ask again with room to spare
			threads = new Thread[threads.length * 2];
			count = ROOT.enumerate(threads, true);
		}
		return Arrays.copyOf(threads, count);
	}

	/**
	 * The threads alive now: the threads a check will not blame (goleak's
	 * {@code IgnoreCurrent}).
	 * @return the baseline
	 */
	static Baseline baseline() {
		// the count first: a thread started while the threads are listed is then in the listing
		// and makes the count differ, so it is never taken for one that started later
		long started = startedCount();
		Baseline previous = last;
		if (previous != null && previous.startedCount == started) {
			return previous;
		}
		Baseline baseline = new Baseline(list(), started);
		last = baseline;
		return baseline;
	}

	/** How many platform threads the JVM has started so far: a thread start, counted before it returns. */
	static long startedCount() {
		return THREADS.getTotalStartedThreadCount();
	}

	@SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() returns the same id
	static long idOf(Thread thread) {
		return thread.getId();
	}

	private static ThreadGroup rootGroup() {
		ThreadGroup group = Thread.currentThread().getThreadGroup();
		while (group.getParent() != null) {
			group = group.getParent();
		}
		return group;
	}

	/** The threads alive at one moment. */
	static final class Baseline {

		private final Thread[] threads;

		private final long startedCount;

		private volatile long @Nullable [] sortedIds;

		private Baseline(Thread[] threads, long startedCount) {
			this.threads = threads;
			this.startedCount = startedCount;
		}

		/** Whether the JVM started no thread since this listing: then none can be new. */
		boolean noThreadStartedSince() {
			return startedCount() == this.startedCount;
		}

		/**
		 * Whether every thread of a later listing was already alive, told cheaply: the JVM lists
		 * threads in the order they started and drops those that ended, so a later listing with
		 * nothing new is a subsequence of this one. Answers {@code false} when in doubt; then
		 * {@link #contains(Thread)} decides thread by thread.
		 * @param later a later listing
		 * @return whether nothing in it is new
		 */
		boolean coversAll(Thread[] later) {
			int j = 0;
			for (Thread thread : later) {
				while (j < this.threads.length && this.threads[j] != thread) {
					j++;
				}
				if (j == this.threads.length) {
					return false;
				}
				j++;
			}
			return true;
		}

		boolean contains(Thread thread) {
			long[] ids = this.sortedIds;
			if (ids == null) {
				ids = new long[this.threads.length];
				for (int i = 0; i < ids.length; i++) {
					ids[i] = idOf(this.threads[i]);
				}
				Arrays.sort(ids);
				this.sortedIds = ids;
			}
			return Arrays.binarySearch(ids, idOf(thread)) >= 0;
		}

	}

}
