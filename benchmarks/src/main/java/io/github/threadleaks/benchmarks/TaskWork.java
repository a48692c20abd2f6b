package io.github.threadleaks.benchmarks;

import java.util.Arrays;

import org.openjdk.jmh.infra.Blackhole;

/**
 * About 10 µs of CPU work per task, what users' small tasks cost (a JSON document parsed, a
 * template rendered, a few hashes), so that a throughput ratio measures what tracking costs
 * real work rather than a bare hand-off between two threads. The work is JMH's
 * {@link Blackhole#consumeCPU(long)}, calibrated once per JVM on the calling thread; raw and
 * tracked tasks in one run do the same number of tokens. That first guess can be a fifth off
 * on a pool's thread, where the work runs compiled into another caller: {@link TaskTrackingCost}
 * sizes it again there.
 */
final class TaskWork {

	static final long TARGET_NANOS = 10_000;

	private TaskWork() {
	}

	/**
	 * The tokens of {@link Blackhole#consumeCPU(long)} that take about {@link #TARGET_NANOS}
	 * here, measured after the JIT has compiled it: the median of 15 timings of a 2 ms run.
	 * @return the tokens per task
	 */
	static long calibrate() {
		long probe = 100_000;
		for (int i = 0; i < 20; i++) {
			Blackhole.consumeCPU(probe);
		}
		double[] nanosPerToken = new double[15];
		for (int i = 0; i < nanosPerToken.length; i++) {
			long start = System.nanoTime();
			Blackhole.consumeCPU(probe);
			nanosPerToken[i] = (System.nanoTime() - start) / (double) probe;
		}
		Arrays.sort(nanosPerToken);
		return Math.max(1, Math.round(TARGET_NANOS / nanosPerToken[nanosPerToken.length / 2]));
	}

}
