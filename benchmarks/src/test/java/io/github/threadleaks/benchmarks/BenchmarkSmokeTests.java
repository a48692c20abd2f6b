package io.github.threadleaks.benchmarks;

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
		Options options = new OptionsBuilder().include("io\\.github\\.threadleaks\\.benchmarks\\..*Benchmark")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.param("threads", "100")
			.param("starterMeters", "true", "false")
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		assertThat(results).extracting((result) -> result.getParams().getBenchmark().replaceAll(".*\\.", ""))
			.contains("jvmDumpAllThreads", "threadleaksSnapshotAndGroup", "diff", "rawExecutor", "trackedTask", "rawCallerRuns", "trackedCallerRuns",
					"threadLeaksIndicator", "threadleaksSummary", "bootThreadDump", "livenessRoundTrip", "scrape");
	}

	/** What a harness prints to standard output while it runs. */
	private static String printed(Runnable harness) {
		java.io.PrintStream original = System.out;
		java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
		System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
		try {
			harness.run();
		}
		finally {
			System.setOut(original);
		}
		original.print(printed.toString(java.nio.charset.StandardCharsets.UTF_8));
		return printed.toString(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Test
	void theHarnessesRunOnce() throws Exception {
		SamplerCost.main(new String[] { "3" });
		SnapshotMemory.main(new String[] { "200" });
		ThreadChurnCost.main(new String[] { "1", "50" });
		TaskTrackingCost.main(new String[] { "1", "1000" });
		assertThat(printed(() -> DetectorCost.main(new String[] { "1", "2", "0", "5" }))).contains(
				"detector cost per sample (5,000 threads, 500 groups): today ", "retained after 0 simulated hours");
		// on Java 17 it says virtual threads cannot be sampled here, and returns
		VirtualThreadCost.main(new String[] { "100" });
	}

}
