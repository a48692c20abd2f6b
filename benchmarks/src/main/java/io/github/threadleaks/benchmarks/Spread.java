package io.github.threadleaks.benchmarks;

import java.util.Arrays;

/**
 * Median and range of a harness's per-round figures: on a 2-core machine single rounds
 * scatter widely, so harnesses report the median with its spread rather than a mean.
 */
final class Spread {

	private Spread() {
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	static double min(double[] values) {
		return Arrays.stream(values).min().orElse(0);
	}

	static double max(double[] values) {
		return Arrays.stream(values).max().orElse(0);
	}

	/** Each {@code on[i] / off[i]}. */
	static double[] ratios(double[] on, double[] off) {
		double[] ratios = new double[off.length];
		for (int i = 0; i < off.length; i++) {
			ratios[i] = on[i] / off[i];
		}
		return ratios;
	}

}
