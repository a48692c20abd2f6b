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
 * A scrape of {@code /actuator/prometheus} with 1,000 threads in 50 pools, with the
 * starter's meters and without them (the JVM's own {@code jvm_threads_*} meters are there in
 * both). Target: same order.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrometheusScrapeBenchmark {

	@Param({ "true", "false" })
	public boolean starterMeters;

	@Param({ "1000" })
	public int threads;

	private ParkedThreads parked;

	private BenchApp app;

	@Setup(Level.Trial)
	public void start() throws InterruptedException {
		this.parked = ParkedThreads.start(this.threads, 50, 30);
		this.app = BenchApp.start("--threadleaks.metrics.enabled=" + this.starterMeters,
				"--threadleaks.sampling.interval=1s");
		// the first sample fills threadleaks_threads
		this.app.get("/actuator/health/liveness");
	}

	@TearDown(Level.Trial)
	public void stop() throws InterruptedException {
		this.app.close();
		this.parked.close();
	}

	@Benchmark
	public String scrape() {
		return this.app.get("/actuator/prometheus", "text/plain");
	}

}
