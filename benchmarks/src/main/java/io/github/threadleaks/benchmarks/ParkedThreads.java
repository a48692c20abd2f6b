package io.github.threadleaks.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Daemon threads parked on a latch at a given stack depth, spread over a number of pools:
 * the population the benchmarks measure against.
 */
public final class ParkedThreads implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	private ParkedThreads() {
	}

	/**
	 * Starts {@code count} threads named {@code bench-pool-P-worker-N} over {@code pools}
	 * pools, each parked about {@code depth} frames deep, and waits until all are parked.
	 */
	public static ParkedThreads start(int count, int pools, int depth) throws InterruptedException {
		return start(count, depth, (i) -> "bench-pool-" + (i % pools) + "-worker-" + i);
	}

	/**
	 * Starts {@code count} threads in {@code groups} groups that stay apart once pool names
	 * are folded: each pool is named by letters ({@code bench-bcd-worker-N}), not by a
	 * number that folds into one pool.
	 */
	public static ParkedThreads startInGroups(int count, int groups, int depth) throws InterruptedException {
		return start(count, depth, (i) -> "bench-" + letters(i % groups) + "-worker-" + i);
	}

	private static ParkedThreads start(int count, int depth, IntFunction<String> name) throws InterruptedException {
		ParkedThreads parked = new ParkedThreads();
		CountDownLatch allParked = new CountDownLatch(count);
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> parked.descend(depth, allParked), name.apply(i));
			thread.setDaemon(true);
			parked.threads.add(thread);
			thread.start();
		}
		if (!allParked.await(120, TimeUnit.SECONDS)) {
			throw new IllegalStateException("threads did not park in time");
		}
		return parked;
	}

	private static String letters(int number) {
		StringBuilder name = new StringBuilder();
		int rest = number;
		do {
			name.append((char) ('a' + rest % 26));
			rest /= 26;
		}
		while (rest > 0);
		return name.append('x').toString();
	}

	/**
	 * Starts more threads into the same population (for diffs).
	 */
	public void add(int count, int depth) throws InterruptedException {
		CountDownLatch allParked = new CountDownLatch(count);
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> descend(depth, allParked), "bench-added-" + i);
			thread.setDaemon(true);
			this.threads.add(thread);
			thread.start();
		}
		allParked.await(60, TimeUnit.SECONDS);
	}

	private void descend(int depth, CountDownLatch parked) {
		if (depth > 1) {
			descend(depth - 1, parked);
			return;
		}
		parked.countDown();
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.release.countDown();
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

}
