package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.diff.SnapshotDiff;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.diff.StoredSnapshot;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The diff of two stored 5,000-thread snapshots (100 threads added between them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DiffBenchmark {

	@Param({ "5000" })
	public int threads;

	private final ThreadGroups grouping = new ThreadGroups(10, 10);

	private ParkedThreads parked;

	private StoredSnapshot before;

	private ThreadSnapshot after;

	@Setup(Level.Trial)
	public void snapshots() throws InterruptedException {
		Sampler sampler = new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC());
		this.parked = ParkedThreads.start(this.threads, 20, 30);
		this.before = new SnapshotStore(2).add("before", sampler.take());
		this.parked.add(100, 30);
		this.after = sampler.take();
	}

	@TearDown(Level.Trial)
	public void release() throws InterruptedException {
		this.parked.close();
	}

	@Benchmark
	public SnapshotDiff diff() {
		return SnapshotDiff.between(this.before, this.after, this.grouping, 100);
	}

}
