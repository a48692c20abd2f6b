package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.github.threadleaks.proof.LeakProver;
import io.github.threadleaks.proof.ThreadProof;
import io.github.threadleaks.proof.Verdict;

/**
 * What a leak proof costs, beside the JVM's own {@code dumpHeap} on the same heap. Two parts,
 * one JVM each, so that the analysis's smallest {@code -Xmx} can be found by running it alone:
 * <pre>
 * java -Xmx3g ... ProofCost dump objects 1000 /tmp/heap.hprof   # ~1 GB live (objects|arrays), 10 leaked threads;
 *                                                      # the dump's wall time and the pause it causes
 * java -Xmx1g ... ProofCost analyse /tmp/heap.hprof 2   # the analysis, twice: the first run is what a
 *                                                      # fresh child JVM would pay, the second a warm one
 * </pre>
 * The analysis exits with status 3 when it runs out of memory, so a script can bisect {@code -Xmx}.
 */
public final class ProofCost {

	private ProofCost() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("dump")) {
			dump(args[1], Integer.parseInt(args[2]), Path.of(args[3]));
		}
		else if (args.length > 0 && args[0].equals("analyse")) {
			analyse(Path.of(args[1]), (args.length > 2) ? Integer.parseInt(args[2]) : 1);
		}
		else {
			System.err.println("usage: ProofCost dump objects|arrays <live MB> <file.hprof> | analyse <file.hprof> [runs]");
		}
	}

	/** A small entity, as maps and lists of them are made of: 24 bytes with compressed oops. */
	static final class Item {

		final long id;

		Item next;

		Item(long id, Item next) {
			this.id = id;
			this.next = next;
		}

	}

	static volatile Object live;

	/**
	 * The heap shapes issue 17 names. Object-heavy: tens of millions of small instances linked
	 * in maps and lists, per entity a {@code HashMap} entry, its {@code Long} key, the item and
	 * a list slot, items chained in eights (about 90 bytes of heap and four objects each).
	 * Array-heavy: large primitive arrays of 64 KB to 4 MB, as caches and buffers hold them,
	 * beside a few thousand small objects.
	 */
	static Object build(String shape, int liveMegabytes) {
		long bytes = liveMegabytes * 1_000_000L;
		if (shape.equals("arrays")) {
			java.util.Random random = new java.util.Random(17);
			List<Object> arrays = new ArrayList<>();
			long filled = 0;
			while (filled < bytes) {
				int size = (64 << 10) << random.nextInt(7);
				Object array = switch (random.nextInt(3)) {
					case 0 -> new byte[size];
					case 1 -> new long[size / 8];
					default -> new int[size / 4];
				};
				arrays.add(array);
				arrays.add(new Item(filled, null));
				filled += size;
			}
			return arrays;
		}
		long entities = bytes / 90;
		List<Object> maps = new ArrayList<>();
		List<Item> list = new ArrayList<>();
		Item previous = null;
		java.util.Map<Long, Item> map = null;
		for (long i = 0; i < entities; i++) {
			if ((i & 1023) == 0) {
				map = new java.util.HashMap<>(2048);
				maps.add(map);
			}
			Item item = new Item(i, ((i & 7) == 0) ? null : previous);
			map.put(i, item);
			list.add(item);
			previous = item;
		}
		return List.of(maps, list);
	}

	static void dump(String shape, int liveMegabytes, Path file) throws Exception {
		live = build(shape, liveMegabytes);
		// only names are kept: a reference to a leaked thread would make it reachable
		leakThreads(10);
		System.gc();
		long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		// the application's pause: the longest gap a 1 ms ticker sees while the dump runs
		AtomicLong longestGap = new AtomicLong();
		AtomicLong ticks = new AtomicLong();
		CountDownLatch stop = new CountDownLatch(1);
		Thread ticker = new Thread(() -> {
			long last = System.nanoTime();
			try {
				while (!stop.await(1, java.util.concurrent.TimeUnit.MILLISECONDS)) {
					long now = System.nanoTime();
					longestGap.accumulateAndGet(now - last, Math::max);
					last = now;
					ticks.incrementAndGet();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "proof-cost-ticker");
		ticker.start();
		long gcStart = System.nanoTime();
		System.gc();
		long gcMillis = (System.nanoTime() - gcStart) / 1_000_000;
		// the ticker's next tick after the GC holds the GC's pause: wait for it (with a deadline)
		// before the longest gap is read and reset
		long seen = ticks.get();
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (ticks.get() < seen + 2 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		long gcPause = longestGap.getAndSet(0);
		long start = System.nanoTime();
		LeakProver.dumpHeap(file);
		long dumpMillis = (System.nanoTime() - start) / 1_000_000;
		stop.countDown();
		ticker.join();
		System.out.printf("java %s: %s heap, live %d MB, dumpHeap(live=true) %d ms wall, longest"
				+ " pause during it %d ms (a full GC alone just before: %d ms wall, %d ms pause), file %d MB%n",
				Runtime.version().feature(), shape, used >> 20, dumpMillis, longestGap.get() / 1_000_000, gcMillis,
				gcPause / 1_000_000, Files.size(file) >> 20);
		live = null;
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("proof-cost-leaked-")) {
				thread.interrupt();
				thread.join();
			}
		}
	}

	/** Threads that wait on latches only they hold: leaked, as the analysis must say. */
	private static void leakThreads(int count) {
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			CountDownLatch latch = new CountDownLatch(1);
			Thread thread = new Thread(() -> {
				try {
					latch.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "proof-cost-leaked-" + i);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			while (thread.getState() != Thread.State.WAITING) {
				Thread.onSpinWait();
			}
		}
		threads.clear();
	}

	static void analyse(Path file, int runs) throws Exception {
		try {
			for (int run = 1; run <= runs; run++) {
				long start = System.nanoTime();
				List<ThreadProof> proofs = LeakProver.analyseFile(file);
				long millis = (System.nanoTime() - start) / 1_000_000;
				Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
				proofs.forEach((proof) -> counts.merge(proof.verdict(), 1, Integer::sum));
				long leakedHere = proofs.stream()
					.filter((proof) -> proof.name().startsWith("proof-cost-leaked-") && proof.verdict() == Verdict.LEAKED)
					.count();
				System.out.printf("java %s -Xmx%d MB: analysis run %d of %d MB dump: %d ms; verdicts %s;"
						+ " planted leaks proven %d%n", Runtime.version().feature(),
						Runtime.getRuntime().maxMemory() >> 20, run, Files.size(file) >> 20, millis, counts, leakedHere);
			}
		}
		catch (OutOfMemoryError ex) {
			StackTraceElement[] where = ex.getStackTrace();
			System.out.println("out of memory at -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + " MB, in "
					+ ((where.length > 0) ? where[0] : "?"));
			System.exit(3);
		}
	}

}
