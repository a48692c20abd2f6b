package io.github.threadleaks.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * Over HTTP on loopback, with the given number of parked threads: the
 * {@code /actuator/threadleaks} summary (a fresh dump each time) against Boot's own
 * {@code /actuator/threaddump} (target: faster, since it aggregates), and the
 * {@code /actuator/health/liveness} round trip with {@code threadLeaks} in the group.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HttpBenchmark {

	@Param({ "5000" })
	public int threads;

	private ParkedThreads parked;

	private BenchApp app;

	@Setup(Level.Trial)
	public void start() throws InterruptedException {
		this.parked = ParkedThreads.start(this.threads, 20, 30);
		this.app = BenchApp.start();
	}

	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		this.app.close();
		this.parked.close();
	}

	@Benchmark
	public String threadleaksSummary() {
		return this.app.get("/actuator/threadleaks");
	}

	@Benchmark
	public String bootThreadDump() {
		return this.app.get("/actuator/threaddump");
	}

	@Benchmark
	public String livenessRoundTrip() {
		return this.app.get("/actuator/health/liveness");
	}

}
