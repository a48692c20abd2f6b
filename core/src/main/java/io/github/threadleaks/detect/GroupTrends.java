package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.detect.DetectionResult.PoolCount;

/**
 * The recent thread counts of the largest groups (by pool and state) and of every suspect, in
 * the buckets the detector's horizons use, so that a suspect can show how it grew over the
 * horizon it grew in. Bounded: at most {@code maxGroups} groups are followed (the largest, and
 * suspects first), and a group is forgotten once nothing within the longest horizon recorded
 * it. Recorded on the sampler thread, read by whoever asks.
 */
final class GroupTrends {

	private final List<Duration> horizons;

	private final int maxGroups;

	private final Map<String, CountHistory> histories = new HashMap<>();

	/**
	 * @param horizons the detector's horizons, shortest first
	 * @param maxGroups how many groups to follow at most
	 */
	GroupTrends(List<Duration> horizons, int maxGroups) {
		if (maxGroups < 1) {
			throw new IllegalArgumentException("maxGroups must be at least 1, was " + maxGroups);
		}
		this.horizons = List.copyOf(horizons);
		this.maxGroups = maxGroups;
	}

	/**
	 * Records the counts of one published result.
	 * @param result the result
	 */
	synchronized void record(DetectionResult result) {
		Map<String, Integer> counts = new LinkedHashMap<>();
		for (Suspect suspect : result.suspects()) {
			counts.merge(key(suspect.pool(), suspect.state(), suspect.virtual()), suspect.count(), Integer::sum);
		}
		result.threadsByPool()
			.stream()
			.sorted(Comparator.comparingInt(PoolCount::count).reversed())
			.forEach((row) -> counts.putIfAbsent(key(row.pool(), row.state(), false), row.count()));
		Instant now = result.computedAt();
		int followed = 0;
		for (Map.Entry<String, Integer> count : counts.entrySet()) {
			if (followed++ >= this.maxGroups) {
				break;
			}
			this.histories.computeIfAbsent(count.getKey(), (key) -> new CountHistory(this.horizons))
				.record(now, count.getValue());
		}
		this.histories.values().removeIf((history) -> !history.isRecent(now));
	}

	/**
	 * How a suspect's count went over the horizon it grew in, oldest first.
	 * @param suspect the suspect
	 * @param now the time of the latest result
	 * @return the points, empty when the group was not followed
	 */
	synchronized List<TrendPoint> of(Suspect suspect, Instant now) {
		CountHistory history = this.histories.get(key(suspect.pool(), suspect.state(), suspect.virtual()));
		if (history == null) {
			return List.of();
		}
		int horizon = this.horizons.size() - 1;
		for (int h = 0; h < this.horizons.size(); h++) {
			if (this.horizons.get(h).compareTo(suspect.horizon()) >= 0) {
				horizon = h;
				break;
			}
		}
		return history.points(horizon, now);
	}

	private static String key(String pool, Thread.State state, boolean virtual) {
		return (virtual ? "virtual|" : "platform|") + state + "|" + pool;
	}

}
