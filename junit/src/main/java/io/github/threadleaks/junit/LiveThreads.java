package io.github.threadleaks.junit;

import java.util.Arrays;

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
	 * The ids of the threads alive now: the threads a check will not blame (goleak's
	 * {@code IgnoreCurrent}). Thread ids are never reused within a JVM.
	 * @return the baseline
	 */
	static Baseline baseline() {
		Thread[] threads = list();
		long[] ids = new long[threads.length];
		for (int i = 0; i < threads.length; i++) {
			ids[i] = idOf(threads[i]);
		}
		Arrays.sort(ids);
		return new Baseline(ids);
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

	/** The threads alive at one moment, by id. */
	static final class Baseline {

		private final long[] sortedIds;

		private Baseline(long[] sortedIds) {
			this.sortedIds = sortedIds;
		}

		boolean contains(Thread thread) {
			return Arrays.binarySearch(this.sortedIds, idOf(thread)) >= 0;
		}

		int size() {
			return this.sortedIds.length;
		}

	}

}
