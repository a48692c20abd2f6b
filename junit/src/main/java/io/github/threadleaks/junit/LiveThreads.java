package io.github.threadleaks.junit;

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * The live platform threads, listed without their stacks: walking the root thread group is a
 * few microseconds where {@code Thread.getAllStackTraces()} stops every thread at a safepoint,
 * and the check lists the threads twice per test.
 */
final class LiveThreads {

	private static final ThreadGroup ROOT = rootGroup();

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
		return new Baseline(list());
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

		private volatile long @Nullable [] sortedIds;

		private Baseline(Thread[] threads) {
			this.threads = threads;
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
