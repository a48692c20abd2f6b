package io.github.threadleaks.detect;

import java.util.Arrays;

/**
 * How many of one group's threads (or, for idle workers, executors) ended within each
 * horizon: per horizon a ring of {@value #BUCKETS} buckets of a sixth of the horizon each,
 * plus the bucket being filled, so a group costs the same few counters whether the horizon
 * is five minutes or a day and however many samples it spans. A horizon's count covers at
 * least the horizon and at most a sixth more: endings are never undercounted, so a group
 * that sheds threads never looks as if it grew.
 */
final class EndingCounts {

	/** Buckets a horizon is cut into. */
	static final int BUCKETS = 6;

	private static final int SLOTS = BUCKETS + 1;

	private final long[] bucketNanos;

	private final int[] counts;

	private long lastNanos;

	/**
	 * @param horizonNanos the horizons, in nanoseconds
	 * @param nowNanos the time of the first count
	 */
	EndingCounts(long[] horizonNanos, long nowNanos) {
		this.bucketNanos = new long[horizonNanos.length];
		for (int h = 0; h < horizonNanos.length; h++) {
			this.bucketNanos[h] = Math.max(1, horizonNanos[h] / BUCKETS);
		}
		this.counts = new int[horizonNanos.length * SLOTS];
		this.lastNanos = nowNanos;
	}

	/**
	 * Counts endings now.
	 * @param nowNanos the time, not before the previous call's
	 * @param endings how many
	 */
	void add(long nowNanos, int endings) {
		advance(nowNanos);
		for (int h = 0; h < this.bucketNanos.length; h++) {
			this.counts[h * SLOTS + slot(h, nowNanos)] += endings;
		}
	}

	/**
	 * Endings within a horizon (and up to a sixth of it before).
	 * @param horizon the horizon's index
	 * @param nowNanos the time, not before the previous call's
	 * @return the count
	 */
	int within(int horizon, long nowNanos) {
		advance(nowNanos);
		int sum = 0;
		for (int i = horizon * SLOTS; i < (horizon + 1) * SLOTS; i++) {
			sum += this.counts[i];
		}
		return sum;
	}

	/**
	 * Whether nothing ended within the longest horizon, so the counts can be dropped.
	 * @param nowNanos the time, not before the previous call's
	 * @return whether all counts are zero
	 */
	boolean isEmpty(long nowNanos) {
		advance(nowNanos);
		for (int count : this.counts) {
			if (count != 0) {
				return false;
			}
		}
		return true;
	}

	/** Empties the buckets that time has left behind since the last call. */
	private void advance(long nowNanos) {
		if (nowNanos <= this.lastNanos) {
			return;
		}
		for (int h = 0; h < this.bucketNanos.length; h++) {
			long last = Math.floorDiv(this.lastNanos, this.bucketNanos[h]);
			long now = Math.floorDiv(nowNanos, this.bucketNanos[h]);
			if (now - last >= SLOTS) {
				Arrays.fill(this.counts, h * SLOTS, (h + 1) * SLOTS, 0);
			}
			else {
				for (long bucket = last + 1; bucket <= now; bucket++) {
					this.counts[h * SLOTS + (int) Math.floorMod(bucket, (long) SLOTS)] = 0;
				}
			}
		}
		this.lastNanos = nowNanos;
	}

	private int slot(int horizon, long nowNanos) {
		return (int) Math.floorMod(Math.floorDiv(nowNanos, this.bucketNanos[horizon]), (long) SLOTS);
	}

}
