package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.threadleaks.detect.DeadlockFinder;
import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.detect.IgnoreRules;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.snapshot.Sampler;

/**
 * The sampler's CPU per sample with 1,000 parked threads, and what that makes per hour at the
 * default 10 s interval. Target: under 0.5% of one core. Measured as the CPU time of the
 * thread that samples, not wall time.
 * <p>
 * {@code java ... SamplerCost [samples]}
 */
public final class SamplerCost {

	private SamplerCost() {
	}

	public static void main(String[] args) throws Exception {
		int samples = (args.length > 0) ? Integer.parseInt(args[0]) : 300;
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		try (ParkedThreads parked = ParkedThreads.start(1000, 20, 30)) {
			LeakDetector detector = new LeakDetector(LeakDetector.Settings.defaults());
			LeakMonitor monitor = new LeakMonitor(new Sampler(mx, 32, Clock.systemUTC()), new DeadlockFinder(mx, 32),
					detector, Duration.ofSeconds(10), Clock.systemUTC());
			for (int i = 0; i < Math.min(20, samples); i++) {
				monitor.sampleNow();
			}
			long[] cpu = new long[samples];
			for (int i = 0; i < samples; i++) {
				long start = mx.getCurrentThreadCpuTime();
				monitor.sampleNow();
				cpu[i] = mx.getCurrentThreadCpuTime() - start;
			}
			Arrays.sort(cpu);
			double medianMs = cpu[samples / 2] / 1e6;
			double p90Ms = cpu[(int) (samples * 0.9)] / 1e6;
			double perHourSeconds = medianMs * 360 / 1000;
			double percentOfCore = medianMs / 10_000 * 100;
			System.out.printf("sampler CPU per sample (1,000 threads): median %.2f ms, p90 %.2f ms over %d samples%n",
					medianMs, p90Ms, samples);
			System.out.printf("at the default 10 s interval: %.1f s of CPU per hour = %.3f%% of one core%n",
					perHourSeconds, percentOfCore);
		}
	}

}
