package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskTracker;
import org.openjdk.jmh.infra.Blackhole;
import org.slf4j.MDC;

/**
 * The tracked-task target measured the way drift cannot fool: batches of empty tasks on one
 * raw {@link ThreadPoolExecutor} and the same batches tracked on it, alternated round by
 * round (raw first, then tracked first), each round's pair compared with itself. Reports the
 * median time per task of each, the median of the per-round differences (the time tracking
 * adds), and the median of the per-round throughput ratios, with their spread; the same for
 * process CPU. A second part runs the tasks on the calling thread, which leaves out the
 * hand-off between two threads: what tracking itself costs a task. A third part is the floor
 * any tracker with the documented MDC keys has: the raw task that only puts and removes
 * {@code taskId} and {@code taskName} in the MDC, against the raw task. A fourth part is what
 * users feel: a task doing about 10 µs of work ({@link TaskWork}, sized on the pool's own
 * thread by {@link #calibrateOnPool}), raw and tracked on the same 1-thread pool, whose
 * throughput ratio is the target (at least 0.97). A fifth part is that
 * work's floor: the raw task that also puts and removes the two MDC keys. A sixth,
 * {@code workmixed}, is the fourth in a JVM whose pool and tracker first ran three other kinds
 * of task ({@link #mixKinds}), as an application's pool and tracker do: the JIT then calls the
 * work as a method of its own on both sides. With a single kind it compiles the work into its
 * caller, the raw executor's loop on one side and the tracker's run on the other, and the
 * same work becomes two different pieces of machine code.
 * <p>
 * {@code java ... TaskTrackingCost [rounds] [tasksPerRound] [pool|here|mdc|work|workmdc|workmixed|all]}. Run the
 * parts in separate JVMs for figures: in one JVM the tracker's code is compiled for both executors and
 * the pool figure comes out slower ({@code all} leaves out {@code workmixed}, which needs a JVM of its own).
 */
public final class TaskTrackingCost {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	/** The 1-thread pool's worker. */
	private static Thread worker;

	/** Numbers the MDC floor's tasks, made by the submitter as the tracker makes its ids. */
	private static long ids = 1_000_000;

	private TaskTrackingCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 40;
		int perRound = (args.length > 1) ? Integer.parseInt(args[1]) : 200_000;
		String parts = (args.length > 2) ? args[2] : "all";
		boolean onPool = parts.equals("all") || parts.equals("pool");
		boolean onCaller = parts.equals("all") || parts.equals("here");
		boolean mdcFloor = parts.equals("all") || parts.equals("mdc");
		boolean mixed = parts.equals("workmixed");
		boolean working = parts.equals("all") || parts.equals("work") || mixed;
		boolean workFloor = parts.equals("all") || parts.equals("workmdc");
		// the work's size, read by every task: set once the pool's thread has run it (below)
		long[] tokens = { (working || workFloor) ? TaskWork.calibrate() : 0 };
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		pool.prestartAllCoreThreads();
		worker = CompletableFuture.supplyAsync(Thread::currentThread, pool).get();
		TaskTracker tracker = new TaskTracker(pool, new TaskCounts(), new TaskTracker.Settings("bench", 10_000, true),
				Clock.systemUTC());
		TaskTracker callerRuns = new TaskTracker(Runnable::run, new TaskCounts(),
				new TaskTracker.Settings("bench", 10_000, true), Clock.systemUTC());
		try {
			Runnable empty = () -> {
			};
			Batch raw = (done) -> pool.execute(done::countDown);
			Batch tracked = (done) -> tracker.submit("empty", done::countDown);
			Batch rawWithMdcKeys = (done) -> pool.execute(() -> {
				MDC.put("taskId", "1234567");
				MDC.put("taskName", "empty");
				done.countDown();
				MDC.remove("taskId");
				MDC.remove("taskName");
			});
			Batch rawHere = (done) -> {
				empty.run();
				done.countDown();
			};
			Batch trackedHere = (done) -> {
				callerRuns.submit("empty", empty);
				done.countDown();
			};
			Batch rawWork = (done) -> pool.execute(() -> {
				Blackhole.consumeCPU(tokens[0]);
				done.countDown();
			});
			Batch rawWorkWithMdcKeys = (done) -> {
				String id = Long.toString(ids++);
				pool.execute(() -> {
					MDC.put("taskId", id);
					MDC.put("taskName", "work");
					Blackhole.consumeCPU(tokens[0]);
					done.countDown();
					MDC.remove("taskId");
					MDC.remove("taskName");
				});
			};
			Batch trackedWork = (done) -> tracker.submit("work", () -> {
				Blackhole.consumeCPU(tokens[0]);
				done.countDown();
			});
			if (mixed) {
				mixKinds(pool, tracker);
			}
			if (working || workFloor) {
				calibrateOnPool(rawWork, tokens, os);
			}
			// warm-up: the JIT compiles both paths before anything counts
			for (int i = 0; i < 5; i++) {
				if (onPool) {
					pair(raw, tracked, perRound, os, i);
				}
				if (onCaller) {
					pair(rawHere, trackedHere, perRound, os, i);
				}
				if (mdcFloor) {
					pair(raw, rawWithMdcKeys, perRound, os, i);
				}
				if (working) {
					pair(rawWork, trackedWork, perRound, os, i);
				}
				if (workFloor) {
					pair(rawWork, rawWorkWithMdcKeys, perRound, os, i);
				}
			}
			double[][] pooled = new double[6][rounds];
			double[][] here = new double[6][rounds];
			double[][] mdc = new double[6][rounds];
			double[][] work = new double[6][rounds];
			double[][] workMdc = new double[6][rounds];
			for (int round = 0; round < rounds; round++) {
				if (onPool) {
					fill(pooled, round, pair(raw, tracked, perRound, os, round));
				}
				if (onCaller) {
					fill(here, round, pair(rawHere, trackedHere, perRound, os, round));
				}
				if (mdcFloor) {
					fill(mdc, round, pair(raw, rawWithMdcKeys, perRound, os, round));
				}
				if (working) {
					fill(work, round, pair(rawWork, trackedWork, perRound, os, round));
				}
				if (workFloor) {
					fill(workMdc, round, pair(rawWork, rawWorkWithMdcKeys, perRound, os, round));
				}
			}
			System.out.printf("tracked task vs raw ThreadPoolExecutor, %d alternated rounds of %d tasks (empty unless "
					+ "said), %s:%n", rounds, perRound, Runtime.version());
			if (onPool) {
				report("on a 1-thread pool, wall per task", pooled[0], pooled[1], true);
				report("on a 1-thread pool, process CPU per task", pooled[2], pooled[3], false);
			}
			if (onCaller) {
				report("on the calling thread, wall per task", here[0], here[1], false);
			}
			if (mdcFloor) {
				System.out.println("  the floor: a raw task that only puts and removes the two MDC keys (\"tracked\" below):");
				report("on a 1-thread pool, wall per task", mdc[0], mdc[1], true);
			}
			if (working) {
				System.out.printf("  a task doing about %d µs of work (Blackhole.consumeCPU(%d)), raw and tracked%s:%n",
						TaskWork.TARGET_NANOS / 1000, tokens[0],
						mixed ? ", after three other kinds of task ran on the pool and the tracker (the work called, "
								+ "not compiled into its caller)" : "");
				report("on a 1-thread pool, wall per task", work[0], work[1], true);
				report("on a 1-thread pool, process CPU per task", work[2], work[3], false);
				// the worker is the bottleneck: its CPU per task bounds the throughput, and other
				// processes on the machine stretch its wall time but not its CPU time
				report("on a 1-thread pool, the worker thread's CPU per task", work[4], work[5], true);
			}
			if (workFloor) {
				System.out.printf("  the floor of the documented MDC keys on that work: the raw task that also puts and removes "
						+ "taskId and taskName (\"tracked\" below), as any tracker of them pays:%n");
				report("on a 1-thread pool, wall per task", workMdc[0], workMdc[1], true);
				report("on a 1-thread pool, the worker thread's CPU per task", workMdc[4], workMdc[5], true);
			}
		}
		finally {
			tracker.close();
			callerRuns.close();
			pool.shutdownNow();
		}
	}

	/**
	 * Runs tasks of three other kinds, raw and tracked, before anything else: the pool's call
	 * of its task and the tracker's call of the work then have seen several classes, as in an
	 * application with more than one kind of task, and the JIT calls the work as a method of
	 * its own in both cases. With one kind it compiles the work into whichever method calls
	 * it: the raw executor's loop or the tracker's run, and the same work then runs as two
	 * different pieces of machine code.
	 */
	private static void mixKinds(ThreadPoolExecutor pool, TaskTracker tracker) throws InterruptedException {
		long[] sink = new long[1];
		for (int round = 0; round < 40; round++) {
			CountDownLatch done = new CountDownLatch(6 * 1000);
			Runnable first = done::countDown;
			Runnable second = () -> {
				sink[0]++;
				done.countDown();
			};
			Runnable third = () -> {
				sink[0] += 2;
				done.countDown();
			};
			for (int i = 0; i < 1000; i++) {
				pool.execute(first);
				pool.execute(second);
				pool.execute(third);
				tracker.submit("first", first);
				tracker.submit("second", second);
				tracker.submit("third", third);
			}
			done.await();
		}
	}

	/**
	 * Sizes the work so that it takes {@link TaskWork#TARGET_NANOS} of the pool thread's CPU
	 * as the raw task runs it there, compiled: a first guess timed on the calling thread can
	 * be off by a fifth (JIT tiers, one JVM to the next), and a shorter task makes any added
	 * cost a larger share. The work's time is the raw task's worker CPU with the work less
	 * the same task's with none, each the median of 5 batches; three corrections, then
	 * the size is timed once more and reported.
	 */
	private static void calibrateOnPool(Batch rawWork, long[] tokens, com.sun.management.OperatingSystemMXBean os)
			throws InterruptedException {
		double[] result = new double[6];
		int steps = 5;
		for (int step = 0; step < steps; step++) {
			long size = tokens[0];
			double[] without = new double[5];
			double[] with = new double[5];
			for (int i = 0; i < 5; i++) {
				tokens[0] = 0;
				run(rawWork, 2000, os, result, 0);
				without[i] = result[4];
				tokens[0] = size;
				run(rawWork, 2000, os, result, 0);
				with[i] = result[4];
			}
			double withoutNanos = Spread.median(without);
			double workNanos = Spread.median(with) - withoutNanos;
			if (step == steps - 1) {
				System.out.printf("the work sized on the pool's thread: Blackhole.consumeCPU(%d), %.0f ns of its CPU "
						+ "per task (the raw task without it: %.0f ns)%n", size, workNanos, withoutNanos);
			}
			else if (step > 0 && workNanos > 0) {
				// the first step only warms the pool's path up: its figures are the JIT's
				tokens[0] = Math.max(1, Math.round(size * TaskWork.TARGET_NANOS / workNanos));
			}
		}
	}

	private static void fill(double[][] into, int round, double[] pair) {
		for (int i = 0; i < pair.length; i++) {
			into[i][round] = pair[i];
		}
	}

	/**
	 * Raw wall, tracked wall, raw process CPU, tracked process CPU, raw and tracked CPU of the
	 * pool's worker thread, in ns per task; the order alternates.
	 */
	private static double[] pair(Batch raw, Batch tracked, int tasks, com.sun.management.OperatingSystemMXBean os,
			int round) throws InterruptedException {
		double[] result = new double[6];
		if (round % 2 == 0) {
			run(raw, tasks, os, result, 0);
			run(tracked, tasks, os, result, 1);
		}
		else {
			run(tracked, tasks, os, result, 1);
			run(raw, tasks, os, result, 0);
		}
		return result;
	}

	private static void run(Batch batch, int tasks, com.sun.management.OperatingSystemMXBean os, double[] into,
			int index) throws InterruptedException {
		long wall = System.nanoTime();
		long cpu = os.getProcessCpuTime();
		long workerCpu = threads.getThreadCpuTime(worker.getId());
		int chunk = 1000;
		for (int submitted = 0; submitted < tasks; submitted += chunk) {
			CountDownLatch done = new CountDownLatch(chunk);
			for (int i = 0; i < chunk; i++) {
				batch.submit(done);
			}
			done.await();
		}
		into[index] = (System.nanoTime() - wall) / (double) tasks;
		into[index + 2] = (os.getProcessCpuTime() - cpu) / (double) tasks;
		into[index + 4] = (threads.getThreadCpuTime(worker.getId()) - workerCpu) / (double) tasks;
	}

	private static void report(String what, double[] raw, double[] tracked, boolean throughput) {
		double[] added = new double[raw.length];
		for (int i = 0; i < raw.length; i++) {
			added[i] = tracked[i] - raw[i];
		}
		System.out.printf("  %s: raw %.0f ns, tracked %.0f ns; added median %.0f ns (spread %.0f to %.0f)%n", what,
				Spread.median(raw), Spread.median(tracked), Spread.median(added), Spread.min(added), Spread.max(added));
		if (throughput) {
			double[] ratio = Spread.ratios(raw, tracked);
			System.out.printf("  %s: tracked throughput / raw median %.1f%% (spread %.1f%%-%.1f%%)%n", what,
					100 * Spread.median(ratio), 100 * Spread.min(ratio), 100 * Spread.max(ratio));
		}
	}

	/** Submits one task that counts the latch down when it has run. */
	@FunctionalInterface
	private interface Batch {

		void submit(CountDownLatch done);

	}

}
