package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.actuate.ThreadLeaksEndpoint;
import io.github.threadleaks.actuate.ThreadLeaksReport;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.snapshot.Sampler;
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
import tools.jackson.databind.json.JsonMapper;

/**
 * The report of one dump rendered as the page against the same report rendered as JSON
 * (assembled and written by Jackson, as the actuator does): target, the page at most 1.5×
 * the JSON. Both read the same cached dump (the dump interval is an hour), so the figures
 * are the rendering alone. Setup prints the page's size.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PageBenchmark {

	@Param({ "5000" })
	public int threads;

	@Param({ "500" })
	public int groups;

	private final JsonMapper json = JsonMapper.builder().build();

	private ParkedThreads parked;

	private ThreadLeaksEndpoint endpoint;

	@Setup(Level.Trial)
	public void dump() throws InterruptedException {
		this.parked = ParkedThreads.startInGroups(this.threads, this.groups, 30);
		this.endpoint = new ThreadLeaksEndpoint(new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()),
				new SnapshotStore(16), new ThreadGroups(10, 10), null, null, null,
				new ThreadLeaksEndpoint.Settings(50, Duration.ofHours(1), 100, 100));
		int bytes = page().length;
		System.out.printf("%nthe page of %d threads in %d groups: %,d bytes; the JSON: %,d bytes%n", this.threads,
				this.groups, bytes, json().length);
		ThreadLeaksReport report = (ThreadLeaksReport) this.endpoint.report("json").getBody();
		if (report.groupCount() < this.groups) {
			throw new IllegalStateException(report.groupCount() + " groups, not " + this.groups);
		}
	}

	@TearDown(Level.Trial)
	public void release() throws InterruptedException {
		this.parked.close();
	}

	@Benchmark
	public byte[] json() {
		return this.json.writeValueAsBytes(this.endpoint.report("json").getBody());
	}

	/** The page as the bytes the actuator sends, as the JSON's figure is: rendering and encoding. */
	@Benchmark
	public byte[] page() {
		return ((String) this.endpoint.report("html").getBody()).getBytes(StandardCharsets.UTF_8);
	}

}
