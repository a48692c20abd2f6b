package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group's count in the horizons' buckets: the last count of each bucket, oldest first,
 * bounded whatever the number of samples.
 */
class CountHistoryTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final CountHistory history = new CountHistory(List.of(Duration.ofMinutes(6), Duration.ofMinutes(60)));

	@Test
	void eachBucketKeepsItsLastCountOldestFirst() {
		// every 10 s for 6 minutes, one thread more each minute
		for (int second = 0; second < 360; second += 10) {
			this.history.record(START.plusSeconds(second), second / 60);
		}
		Instant now = START.plusSeconds(350);
		List<TrendPoint> window = this.history.points(0, now);
		assertThat(window).extracting(TrendPoint::count).containsExactly(0, 1, 2, 3, 4, 5);
		assertThat(window).extracting(TrendPoint::at)
			.containsExactly(START.plusSeconds(60), START.plusSeconds(120), START.plusSeconds(180),
					START.plusSeconds(240), START.plusSeconds(300), now);
		assertThat(this.history.points(1, now)).extracting(TrendPoint::count).containsExactly(5);
	}

	@Test
	void bucketsOlderThanTheHorizonAreForgotten() {
		this.history.record(START, 1);
		this.history.record(START.plusSeconds(61), 2);
		Instant later = START.plusSeconds(60 * 12);
		this.history.record(later, 9);
		assertThat(this.history.points(0, later)).extracting(TrendPoint::count).containsExactly(9);
		assertThat(this.history.points(1, later)).extracting(TrendPoint::count).containsExactly(2, 9);
		assertThat(this.history.isRecent(later)).isTrue();
		assertThat(this.history.isRecent(START.plusSeconds(60 * 60 * 3))).isFalse();
	}

}
