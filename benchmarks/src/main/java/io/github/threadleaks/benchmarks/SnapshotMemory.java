package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.snapshot.Sampler;

/**
 * Retained heap of 16 stored 5,000-thread snapshots, against 16 raw
 * {@code dumpAllThreads(false, false)} results of the same threads. Target: frames shared, so
 * well under one copy of the raw dump per snapshot.
 * <p>
 * {@code java ... SnapshotMemory [threads]}
 */
public final class SnapshotMemory {

	private static final int SNAPSHOTS = 16;

	private SnapshotMemory() {
	}

	public static void main(String[] args) throws Exception {
		int threads = (args.length > 0) ? Integer.parseInt(args[0]) : 5000;
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		try (ParkedThreads parked = ParkedThreads.start(threads, 20, 30)) {
			Sampler sampler = new Sampler(mx, 32, Clock.systemUTC());
			sampler.take();
			long baseline = usedAfterGc(memory);
			SnapshotStore store = new SnapshotStore(SNAPSHOTS);
			for (int i = 0; i < SNAPSHOTS; i++) {
				store.add("s" + i, sampler.take());
			}
			long stored = usedAfterGc(memory) - baseline;
			List<ThreadInfo[]> raw = new ArrayList<>();
			long beforeRaw = usedAfterGc(memory);
			for (int i = 0; i < SNAPSHOTS; i++) {
				raw.add(mx.dumpAllThreads(false, false));
			}
			long rawBytes = usedAfterGc(memory) - beforeRaw;
			System.out.printf("%d stored snapshots of %d threads retain %.1f MB (%.2f MB each)%n", SNAPSHOTS, threads,
					stored / 1e6, stored / 1e6 / SNAPSHOTS);
			System.out.printf("%d raw dumpAllThreads(false, false) results retain %.1f MB (%.2f MB each)%n", SNAPSHOTS,
					rawBytes / 1e6, rawBytes / 1e6 / SNAPSHOTS);
			System.out.printf("ratio stored/raw: %.2f%n", (double) stored / rawBytes);
			if (store.list().size() != SNAPSHOTS || raw.size() != SNAPSHOTS) {
				throw new IllegalStateException("kept references lost");
			}
		}
	}

	private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
