package io.github.threadleaks.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One minimal run of every benchmark and harness, so they cannot rot. These measure nothing:
 * the figures come from {@code benchmarks/run.sh} (see benchmarks/README.md).
 */
class BenchmarkSmokeTests {

	@Test
	void everyJmhBenchmarkRunsOnce() throws Exception {
		// JMH's lock keeps two measurements off one machine; this run measures nothing, and on a
		// shared machine another build's benchmark holding the lock must not fail it
		System.setProperty("jmh.ignoreLock", "true");
		Options options = new OptionsBuilder().include("io\\.github\\.threadleaks\\.benchmarks\\..*Benchmark")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.param("threads", "100")
			.param("groups", "10")
			.param("starterMeters", "true", "false")
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		assertThat(results).extracting((result) -> result.getParams().getBenchmark().replaceAll(".*\\.", ""))
			.contains("jvmDumpAllThreads", "threadleaksSnapshotAndGroup", "diff", "rawExecutor", "trackedTask",
					"rawExecutorTenMicrosOfWork", "trackedTaskTenMicrosOfWork", "rawCallerRuns", "trackedCallerRuns",
					"threadLeaksIndicator", "threadleaksSummary", "bootThreadDump", "livenessRoundTrip", "scrape", "json",
					"page");
	}

	@Test
	void theHarnessesRunOnceAndPrintTheirFigures() throws Exception {
		assertThat(printed(() -> SamplerCost.main(new String[] { "3" })))
			.containsPattern("sampler CPU per sample \\(1,000 threads\\): median [0-9.]+ ms");
		assertThat(printed(() -> SnapshotMemory.main(new String[] { "200" }))).containsPattern("ratio stored/raw: [0-9.]+");
		assertThat(printed(() -> ThreadChurnCost.main(new String[] { "1", "50" })))
			.containsPattern("on/off median [0-9.]+|JFR is not available");
		assertThat(printed(() -> TaskTrackingCost.main(new String[] { "1", "1000" })))
			.containsPattern("added median -?[0-9]+ ns")
			.contains("a task doing about 10 µs of work", "the floor of the documented MDC keys on that work")
			.containsPattern("the work sized on the pool's thread: Blackhole.consumeCPU\\([0-9]+\\), [0-9]+ ns");
		// benchmarks/task-throughput.sh reads the last two lines asserted here
		assertThat(printed(() -> TaskTrackingCost.main(new String[] { "1", "1000", "workmixed" })))
			.contains("after three other kinds of task ran on the pool and the tracker")
			.containsPattern("the worker thread's CPU per task: raw [0-9]+ ns, tracked [0-9]+ ns; added median -?[0-9]+ ns")
			.containsPattern("the worker thread's CPU per task: tracked throughput / raw median [0-9.]+%");
		assertThat(printed(() -> DetectorCost.main(new String[] { "1", "2", "0", "5" }))).contains(
				"detector cost per sample (5,000 threads, 500 groups): today ", "retained after 0 simulated hours");
		// on Java 17 it says virtual threads cannot be sampled here, and returns
		assertThat(printed(() -> VirtualThreadCost.main(new String[] { "100" })))
			.containsPattern("virtual threads \\([0-9,]+ judged\\): sample\\+judge median [0-9]+ ms|cannot be sampled here");
		Path dumps = Files.createTempDirectory("proof-cost");
		Path dump = dumps.resolve("smoke.hprof");
		Path arrays = dumps.resolve("arrays.hprof");
		try {
			assertThat(printed(() -> ProofCost.main(new String[] { "dump", "objects", "5", dump.toString() })))
				.containsPattern("objects heap, live [0-9]+ MB, dumpHeap\\(live=true\\) [0-9]+ ms wall");
			assertThat(printed(() -> ProofCost.main(new String[] { "analyse", dump.toString() })))
				.containsPattern("analysis run [0-9]+ of [0-9]+ MB dump: [0-9]+ ms; .* planted leaks proven 10");
			assertThat(printed(() -> SharkMarkingCost.main(new String[] { dump.toString() })))
				.containsPattern("Shark 2.14 on a [0-9]+ MB dump: index [0-9]+ ms, marking [0-9]+ ms");
			assertThat(printed(() -> ProofCost.main(new String[] { "dump", "arrays", "5", arrays.toString() })))
				.containsPattern("arrays heap, live [0-9]+ MB");
			assertThat(printed(() -> ProofCost.main(new String[] { "analyse", arrays.toString() })))
				.contains("planted leaks proven 10");
		}
		finally {
			Files.deleteIfExists(dump);
			Files.deleteIfExists(arrays);
			Files.delete(dumps);
		}
	}

	/**
	 * What a harness printed, still shown on the console as it runs.
	 */
	private static String printed(Harness harness) throws Exception {
		PrintStream console = System.out;
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		System.setOut(new PrintStream(new TeeOutputStream(console, captured), true, StandardCharsets.UTF_8));
		try {
			harness.run();
		}
		finally {
			System.out.flush();
			System.setOut(console);
		}
		return captured.toString(StandardCharsets.UTF_8);
	}

	@FunctionalInterface
	private interface Harness {

		void run() throws Exception;

	}

	private static final class TeeOutputStream extends OutputStream {

		private final OutputStream first;

		private final OutputStream second;

		TeeOutputStream(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			this.first.write(b);
			this.second.write(b);
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			this.first.write(bytes, offset, length);
			this.second.write(bytes, offset, length);
		}

	}

}
