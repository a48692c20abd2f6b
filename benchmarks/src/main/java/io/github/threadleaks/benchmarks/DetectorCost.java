package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakDetectorOnMain;
import io.github.threadleaks.snapshot.PoolNames;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.snapshot.ThreadTotals;

/**
 * What the detector costs per sample, today's (as it was on main, {@link LeakDetectorOnMain})
 * and the reworked one with horizons and grouping by code, side by side in one JVM: 5,000
 * threads in 500 groups (100 pools, 5 stacks each: idle workers in {@code getTask} and
 * threads in application code), one thread in a hundred replaced each sample, one group
 * leaking a thread a sample, a fifth of the threads stuck. Both judge the same snapshots,
 * 10 simulated seconds apart, in alternated order; after a warm-up of a simulated hour, each
 * round measures both over the same samples and the ratio of their medians is reported.
 * Then the heap each detector retains after six simulated hours (all horizons filled).
 * Target: the reworked detector costs at most 1.1 times today's.
 * <p>
 * {@code java ... DetectorCost [rounds] [samples-per-round] [simulated-hours-for-memory] [warm-up-samples]}
 */
public final class DetectorCost {

	private static final int POOLS = 100;

	private static final int STACKS_PER_POOL = 5;

	private static final int THREADS_PER_GROUP = 10;

	/** The group that leaks: pool 1, the stack its threads never leave. */
	private static final int LEAK_POOL = 1;

	private static final int LEAK_STACK = 4;

	private DetectorCost() {
	}

	public static void main(String[] args) {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 20;
		int samplesPerRound = (args.length > 1) ? Integer.parseInt(args[1]) : 30;
		int memoryHours = (args.length > 2) ? Integer.parseInt(args[2]) : 6;
		int warmUp = (args.length > 3) ? Integer.parseInt(args[3]) : 360;
		Workload workload = new Workload(42);
		LeakDetectorOnMain today = new LeakDetectorOnMain(LeakDetector.Settings.defaults());
		LeakDetector reworked = new LeakDetector(LeakDetector.Settings.defaults());
		int suspects = 0;
		for (int i = 0; i < warmUp; i++) {
			ThreadSnapshot snapshot = workload.next();
			today.analyze(snapshot);
			suspects = reworked.analyze(snapshot).suspects().size();
		}
		double[] ratios = new double[rounds];
		double[] todayMedians = new double[rounds];
		double[] reworkedMedians = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			long[] a = new long[samplesPerRound];
			long[] b = new long[samplesPerRound];
			for (int i = 0; i < samplesPerRound; i++) {
				ThreadSnapshot snapshot = workload.next();
				if ((round + i) % 2 == 0) {
					a[i] = timeToday(today, snapshot);
					b[i] = timeReworked(reworked, snapshot);
				}
				else {
					b[i] = timeReworked(reworked, snapshot);
					a[i] = timeToday(today, snapshot);
				}
			}
			todayMedians[round] = median(a) / 1e6;
			reworkedMedians[round] = median(b) / 1e6;
			ratios[round] = reworkedMedians[round] / todayMedians[round];
		}
		Arrays.sort(ratios);
		System.out.printf("detector cost per sample (5,000 threads, 500 groups): today %.2f ms, reworked %.2f ms, "
				+ "ratio %.3f (median of %d rounds of %d samples, spread %.3f-%.3f); reworked names %d suspect(s)%n",
				median(todayMedians), median(reworkedMedians), median(ratios), rounds, samplesPerRound, ratios[0],
				ratios[rounds - 1], suspects);
		memory(memoryHours);
	}

	/** The heap each detector keeps after some simulated hours, measured as what its release frees. */
	private static void memory(int hours) {
		Workload workload = new Workload(7);
		List<ThreadSnapshot> kept = new ArrayList<>();
		LeakDetectorOnMain today = new LeakDetectorOnMain(LeakDetector.Settings.defaults());
		LeakDetector reworked = new LeakDetector(LeakDetector.Settings.defaults());
		ThreadSnapshot last = null;
		for (int i = 0; i < Math.max(1, hours * 360); i++) {
			last = workload.next();
			today.analyze(last);
			reworked.analyze(last);
		}
		kept.add(last);
		long withBoth = usedAfterGc();
		today = null;
		long withReworked = usedAfterGc();
		reworked = null;
		long withNeither = usedAfterGc();
		long todayBytes = withBoth - withReworked;
		long reworkedBytes = withReworked - withNeither;
		System.out.printf("retained after %d simulated hours, 5,000 threads in 500 groups: today %.0f KB, reworked %.0f KB, "
				+ "%+.0f bytes per group (%d snapshot kept alive for both)%n", hours, todayBytes / 1024.0,
				reworkedBytes / 1024.0, (reworkedBytes - todayBytes) / 500.0, kept.size());
	}

	private static long usedAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 5; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	private static long timeToday(LeakDetectorOnMain detector, ThreadSnapshot snapshot) {
		long start = System.nanoTime();
		detector.analyze(snapshot);
		return System.nanoTime() - start;
	}

	private static long timeReworked(LeakDetector detector, ThreadSnapshot snapshot) {
		long start = System.nanoTime();
		detector.analyze(snapshot);
		return System.nanoTime() - start;
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/** A service's threads, sample after sample. */
	private static final class Workload {

		private final Random random;

		private final List<List<StackTraceElement>> stacks = new ArrayList<>();

		private final List<Member> members = new ArrayList<>();

		private long nextId = 1_000;

		private long sequence;

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		Workload(long seed) {
			this.random = new Random(seed);
			for (int pool = 0; pool < POOLS; pool++) {
				for (int stack = 0; stack < STACKS_PER_POOL; stack++) {
					this.stacks.add(stack(pool, stack));
					for (int i = 0; i < THREADS_PER_GROUP; i++) {
						this.members.add(new Member(this.nextId++, pool, stack));
					}
				}
			}
		}

		ThreadSnapshot next() {
			this.now = this.now.plus(Duration.ofSeconds(10));
			this.sequence++;
			// one thread in a hundred ends and another takes its place in the same group
			for (int i = 0; i < this.members.size() / 100; i++) {
				int index = this.random.nextInt(this.members.size());
				Member ended = this.members.get(index);
				if (ended.pool() != LEAK_POOL || ended.stack() != LEAK_STACK) {
					this.members.set(index, new Member(this.nextId++, ended.pool(), ended.stack()));
				}
			}
			// and one group leaks a thread a sample
			this.members.add(new Member(this.nextId++, LEAK_POOL, LEAK_STACK));
			List<ThreadRecord> threads = new ArrayList<>(this.members.size());
			for (Member member : this.members) {
				threads.add(member.record(this.stacks.get(member.group()), this.sequence));
			}
			return new ThreadSnapshot(this.sequence, this.now,
					new ThreadTotals(threads.size(), threads.size(), threads.size(), this.nextId), threads, 32);
		}

		private static List<StackTraceElement> stack(int pool, int variant) {
			List<StackTraceElement> frames = new ArrayList<>();
			frames.add(frame("jdk.internal.misc.Unsafe", "park"));
			frames.add(frame("java.util.concurrent.locks.LockSupport", "park"));
			if (variant == 0) {
				frames.add(frame("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "await"));
				frames.add(frame("java.util.concurrent.LinkedBlockingQueue", "take"));
				frames.add(frame("java.util.concurrent.ThreadPoolExecutor", "getTask"));
				frames.add(frame("java.util.concurrent.ThreadPoolExecutor", "runWorker"));
				frames.add(frame("java.util.concurrent.ThreadPoolExecutor$Worker", "run"));
			}
			else {
				frames.add(frame("java.util.concurrent.CompletableFuture$Signaller", "block"));
				frames.add(frame("java.util.concurrent.ForkJoinPool", "managedBlock"));
				frames.add(frame("java.util.concurrent.CompletableFuture", "waitingGet"));
				frames.add(frame("java.util.concurrent.CompletableFuture", "get"));
				for (int depth = 0; depth < 20; depth++) {
					frames.add(frame("com.example.service" + pool + ".Layer" + depth, "call" + variant));
				}
			}
			frames.add(frame("java.lang.Thread", "run"));
			return List.copyOf(frames);
		}

		private static StackTraceElement frame(String className, String method) {
			return new StackTraceElement(className, method, className.substring(className.lastIndexOf('.') + 1)
					+ ".java", 42);
		}

		/** One thread: a fifth of those in application code never move (stuck); the others wait again each sample. */
		private record Member(long id, int pool, int stack) {

			int group() {
				return this.pool * STACKS_PER_POOL + this.stack;
			}

			ThreadRecord record(List<StackTraceElement> frames, long sequence) {
				String name = "svc" + letters(this.pool) + "-worker-" + this.id;
				boolean idle = this.stack == 0;
				boolean stuck = this.stack == 4;
				String lock = idle ? "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@" + this.pool
						: "java.util.concurrent.CompletableFuture$Signaller@" + this.id;
				return new ThreadRecord(this.id, name, PoolNames.fold(name), Thread.State.WAITING, true, frames, false,
						lock, -1, null, 1_000, 0, stuck ? 1 : sequence);
			}

			private static String letters(int value) {
				return String.valueOf((char) ('a' + value / 26 % 26)) + (char) ('a' + value % 26);
			}

		}

	}

}
