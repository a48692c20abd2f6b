package io.github.threadleaks.benchmarks;

import java.lang.management.ManagementFactory;
import io.github.threadleaks.creation.CreationSites;

/**
 * What recording creation sites costs a service that starts and ends many threads: threads
 * started and joined in a loop (each from a call stack about 20 frames deep, as in a web
 * handler), with {@link CreationSites} off and on, alternated round by round so drift
 * cancels. Reports the median wall time and process CPU time per thread of each, and their
 * ratio. The default of {@code threadleaks.creation-sites.enabled} follows from it: on only
 * if both costs are under 5%.
 * <p>
 * {@code java ... ThreadChurnCost [rounds] [threadsPerRound]}
 */
public final class ThreadChurnCost {

	private static final int STACK_DEPTH = 20;

	private ThreadChurnCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		int perRound = (args.length > 1) ? Integer.parseInt(args[1]) : 20_000;
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		churn(Math.max(1, perRound / 4), os);
		double[] wallOff = new double[rounds];
		double[] wallOn = new double[rounds];
		double[] cpuOff = new double[rounds];
		double[] cpuOn = new double[rounds];
		for (int round = 0; round < rounds; round++) {
			double[] off = churn(perRound, os);
			wallOff[round] = off[0];
			cpuOff[round] = off[1];
			try (CreationSites sites = new CreationSites(10_000, 32)) {
				if (!sites.start()) {
					System.out.println("JFR is not available: nothing to measure");
					return;
				}
				double[] on = churn(perRound, os);
				wallOn[round] = on[0];
				cpuOn[round] = on[1];
			}
		}
		System.out.printf("thread churn, %d rounds of %d threads started and joined (creation sites off / on):%n",
				rounds, perRound);
		report("wall time per thread", wallOff, wallOn);
		report("process CPU per thread", cpuOff, cpuOn);
	}

	private static void report(String what, double[] off, double[] on) {
		double[] ratios = Spread.ratios(on, off);
		System.out.printf("  %s: off %.1f us, on %.1f us, on/off median %.3f (spread %.3f-%.3f)%n", what,
				Spread.median(off) / 1000, Spread.median(on) / 1000, Spread.median(ratios), Spread.min(ratios),
				Spread.max(ratios));
	}

	/** Wall and process CPU nanoseconds per thread started and joined. */
	private static double[] churn(int threads, com.sun.management.OperatingSystemMXBean os) throws Exception {
		long wall = System.nanoTime();
		long cpu = os.getProcessCpuTime();
		for (int i = 0; i < threads; i++) {
			startAndJoin(STACK_DEPTH);
		}
		return new double[] { (System.nanoTime() - wall) / (double) threads,
				(os.getProcessCpuTime() - cpu) / (double) threads };
	}

	private static void startAndJoin(int depth) throws InterruptedException {
		if (depth > 0) {
			startAndJoin(depth - 1);
			return;
		}
		Thread thread = new Thread(() -> {
		}, "churn");
		thread.start();
		thread.join();
	}

}
