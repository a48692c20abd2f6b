package io.github.threadleaks.benchmarks;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskTracker;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A task on a raw {@link ThreadPoolExecutor} against the same task tracked on the same
 * executor, in batches of 1,000 waited for with a latch. Targets: at most 300 ns added to an
 * empty task (what tracking costs); with a task doing about 10 µs of work ({@link TaskWork}),
 * what users feel, tracked throughput at least 97% of raw.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskTrackingBenchmark {

	private static final int BATCH = 1000;

	private ThreadPoolExecutor pool;

	private TaskTracker tracker;

	private TaskTracker untracked;

	private TaskTracker callerRuns;

	private final Runnable empty = () -> {
	};

	private long workTokens;

	@Setup(Level.Trial)
	public void start() {
		this.pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		this.pool.prestartAllCoreThreads();
		this.workTokens = TaskWork.calibrate();
		this.tracker = new TaskTracker(this.pool, new TaskCounts(), new TaskTracker.Settings("bench", 10_000, true),
				Clock.systemUTC());
		this.untracked = new TaskTracker(this.pool, new TaskCounts(), new TaskTracker.Settings("bench", 10_000, false),
				Clock.systemUTC());
		this.callerRuns = new TaskTracker(Runnable::run, new TaskCounts(), new TaskTracker.Settings("bench", 10_000, true),
				Clock.systemUTC());
	}

	@TearDown(Level.Trial)
	public void stop() {
		this.tracker.close();
		this.untracked.close();
		this.callerRuns.close();
		this.pool.shutdownNow();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void rawExecutor() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(BATCH);
		for (int i = 0; i < BATCH; i++) {
			this.pool.execute(done::countDown);
		}
		done.await();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void rawExecutorTenMicrosOfWork() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(BATCH);
		long tokens = this.workTokens;
		for (int i = 0; i < BATCH; i++) {
			this.pool.execute(() -> {
				Blackhole.consumeCPU(tokens);
				done.countDown();
			});
		}
		done.await();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void trackedTaskTenMicrosOfWork() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(BATCH);
		long tokens = this.workTokens;
		for (int i = 0; i < BATCH; i++) {
			this.tracker.submit("work", () -> {
				Blackhole.consumeCPU(tokens);
				done.countDown();
			});
		}
		done.await();
	}

	/** Scopes and futures only: what threadleaks.enabled=false leaves. */
	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void scopedUntracked() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(BATCH);
		for (int i = 0; i < BATCH; i++) {
			this.untracked.submit("empty", done::countDown);
		}
		done.await();
	}

	@Benchmark
	@OperationsPerInvocation(BATCH)
	public void trackedTask() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(BATCH);
		for (int i = 0; i < BATCH; i++) {
			this.tracker.submit("empty", done::countDown);
		}
		done.await();
	}

	/**
	 * The same empty task run on the calling thread, without and with tracking: what tracking
	 * itself costs a task, apart from the hand-off between two threads (whose timing on two
	 * cores moves by more than the cost being measured).
	 */
	@Benchmark
	public void rawCallerRuns() {
		this.empty.run();
	}

	@Benchmark
	public Object trackedCallerRuns() {
		return this.callerRuns.submit("empty", this.empty);
	}

}
