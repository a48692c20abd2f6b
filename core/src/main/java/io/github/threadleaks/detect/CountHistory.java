package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A group's thread count over time, in the buckets the detector's horizons use: per horizon a
 * ring of a sixth of the horizon each, plus the bucket being filled, each holding the last
 * count seen in it. So a group costs the same few numbers whether its horizon is five minutes
 * or a day, and {@link #points(int)} gives the trend over the horizon a suspect grew in, oldest
 * first, for a sparkline. Used by one thread (the sampler's).
 */
final class CountHistory {

	/** Buckets a horizon is cut into, as the detector's ending counts are. */
	static final int BUCKETS = 6;

	private static final int SLOTS = BUCKETS + 1;

	private final long[] bucketMillis;

	/** Per horizon and slot: which bucket (its number since the epoch) the slot holds, or -1. */
	private final long[] buckets;

	private final int[] counts;

	/**
	 * @param horizons the detector's horizons, shortest first
	 */
	CountHistory(List<Duration> horizons) {
		this.bucketMillis = new long[horizons.size()];
		for (int h = 0; h < horizons.size(); h++) {
			this.bucketMillis[h] = Math.max(1, horizons.get(h).toMillis() / BUCKETS);
		}
		this.buckets = new long[horizons.size() * SLOTS];
		Arrays.fill(this.buckets, -1);
		this.counts = new int[horizons.size() * SLOTS];
	}

	/**
	 * Records the count seen now.
	 * @param now when it was seen, not before the last call's
	 * @param count how many threads
	 */
	void record(Instant now, int count) {
		long millis = now.toEpochMilli();
		for (int h = 0; h < this.bucketMillis.length; h++) {
			long bucket = millis / this.bucketMillis[h];
			int slot = h * SLOTS + (int) (bucket % SLOTS);
			this.buckets[slot] = bucket;
			this.counts[slot] = count;
		}
	}

	/**
	 * The trend over one horizon: the last count of each of its buckets that saw one, oldest
	 * first, each at the end of its bucket (the latest at the time it was seen, at most).
	 * @param horizon the horizon's index
	 * @param now the time of the latest record
	 * @return the points, at most {@value #BUCKETS} + 1
	 */
	List<TrendPoint> points(int horizon, Instant now) {
		long width = this.bucketMillis[horizon];
		long current = now.toEpochMilli() / width;
		List<TrendPoint> points = new ArrayList<>(SLOTS);
		for (long bucket = current - BUCKETS; bucket <= current; bucket++) {
			int slot = horizon * SLOTS + (int) (bucket % SLOTS);
			if (bucket >= 0 && this.buckets[slot] == bucket) {
				long end = Math.min((bucket + 1) * width, now.toEpochMilli());
				points.add(new TrendPoint(Instant.ofEpochMilli(end), this.counts[slot]));
			}
		}
		return points;
	}

	/** Whether any bucket still within the longest horizon saw a count. */
	boolean isRecent(Instant now) {
		int longest = this.bucketMillis.length - 1;
		return !points(longest, now).isEmpty();
	}

}
