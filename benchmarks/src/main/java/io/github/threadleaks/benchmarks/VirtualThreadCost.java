package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;

import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.detect.IgnoreRules;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.virtual.ThreadDumper;
import io.github.threadleaks.virtual.VirtualThreadSampler;

/**
 * What one virtual-thread sample costs with 10,000 and 100,000 parked virtual threads
 * (Java 21+): wall time, CPU and allocation of the sampling thread for dump, read and
 * judgement, against the JVM's own JSON dump alone (the anchor, written to a file that is
 * then measured and deleted).
 * <p>
 * {@code java ... VirtualThreadCost [threads ...]}
 */
public final class VirtualThreadCost {

	private VirtualThreadCost() {
	}

	public static void main(String[] args) throws Exception {
		ThreadDumper.Availability availability = ThreadDumper.find();
		if (!availability.available()) {
			System.out.println("virtual threads cannot be sampled here: " + availability.unavailableBecause());
			return;
		}
		int[] counts = (args.length > 0) ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray()
				: new int[] { 10_000, 100_000 };
		int rounds = (args.length > 0 && counts[0] < 1000) ? 1 : 3;
		com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
		ThreadFactory factory = (ThreadFactory) Class.forName("java.lang.Thread$Builder")
			.getMethod("factory")
			.invoke(builder);
		for (int count : counts) {
			CountDownLatch release = new CountDownLatch(1);
			List<Thread> threads = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				Thread thread = factory.newThread(() -> parkUntil(release, 20));
				thread.start();
				threads.add(thread);
			}
			Path directory = Files.createTempDirectory("threadleaks-cost-");
			VirtualThreadSampler sampler = new VirtualThreadSampler(availability.dumper(), 32, 100_000,
					Clock.systemUTC(), directory);
			LeakDetector detector = new LeakDetector(LeakDetector.Settings.defaults().withMaxThreadNames(5));
			detector.analyze(sampler.take());
			long[] wall = new long[rounds];
			long[] cpu = new long[rounds];
			long[] allocated = new long[rounds];
			int judged = 0;
			for (int round = 0; round < rounds; round++) {
				long wallStart = System.nanoTime();
				long cpuStart = mx.getCurrentThreadCpuTime();
				long allocatedStart = mx.getCurrentThreadAllocatedBytes();
				ThreadSnapshot snapshot = sampler.take();
				detector.analyze(snapshot);
				wall[round] = System.nanoTime() - wallStart;
				cpu[round] = mx.getCurrentThreadCpuTime() - cpuStart;
				allocated[round] = mx.getCurrentThreadAllocatedBytes() - allocatedStart;
				judged = snapshot.threads().size();
			}
			long anchorStart = System.nanoTime();
			Path raw = directory.resolve("raw.json");
			availability.dumper().dump(raw);
			long anchor = System.nanoTime() - anchorStart;
			long size = Files.size(raw);
			Files.delete(raw);
			Files.delete(directory);
			Arrays.sort(wall);
			Arrays.sort(cpu);
			Arrays.sort(allocated);
			System.out.printf("%,d virtual threads (%,d judged): sample+judge median %.0f ms wall, %.0f ms CPU, "
					+ "%.0f MB allocated; JSON dump alone %.0f ms, %.0f MB on disk; ratio %.2f%n", count, judged,
					wall[rounds / 2] / 1e6, cpu[rounds / 2] / 1e6, allocated[rounds / 2] / 1e6, anchor / 1e6,
					size / 1e6, wall[rounds / 2] / (double) anchor);
			release.countDown();
			for (Thread thread : threads) {
				thread.join();
			}
		}
	}

	/** A stack about {@code depth} frames deep, parked until released. */
	private static void parkUntil(CountDownLatch release, int depth) {
		if (depth > 0) {
			parkUntil(release, depth - 1);
			return;
		}
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
