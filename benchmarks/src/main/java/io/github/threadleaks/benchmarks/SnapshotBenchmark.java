package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroupSummary;
import io.github.threadleaks.snapshot.ThreadGroups;
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
 * Taking and grouping a snapshot against the JVM's own {@code dumpAllThreads(false, false)}
 * on the same parked threads (stack depth about 30). Target: at most 1.25x the anchor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SnapshotBenchmark {

	@Param({ "100", "1000", "5000" })
	public int threads;

	private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

	private final Sampler sampler = new Sampler(this.mx, 32, Clock.systemUTC());

	private final ThreadGroups grouping = new ThreadGroups(10, 10);

	private ParkedThreads parked;

	@Setup(Level.Trial)
	public void park() throws InterruptedException {
		this.parked = ParkedThreads.start(this.threads, 20, 30);
	}

	@TearDown(Level.Trial)
	public void release() throws InterruptedException {
		this.parked.close();
	}

	@Benchmark
	public ThreadInfo[] jvmDumpAllThreads() {
		return this.mx.dumpAllThreads(false, false);
	}

	@Benchmark
	public List<ThreadGroupSummary> threadleaksSnapshotAndGroup() {
		return this.grouping.group(this.sampler.take());
	}

}
