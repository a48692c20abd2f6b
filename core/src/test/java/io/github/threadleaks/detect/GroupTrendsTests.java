package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.threadleaks.detect.DetectionResult.PoolCount;
import io.github.threadleaks.snapshot.ThreadTotals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A group followed before it is named shows how it grew once it is a suspect, over the
 * horizon it grew in; the number of groups followed is bounded.
 */
class GroupTrendsTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final GroupTrends trends = new GroupTrends(List.of(Duration.ofMinutes(6), Duration.ofMinutes(24)), 2);

	@Test
	void aSuspectShowsItsGroupsCountsOverItsHorizonFromBeforeItWasNamed() {
		for (int minute = 0; minute <= 24; minute++) {
			this.trends.record(result(START.plusSeconds(minute * 60L), minute, List.of()));
		}
		Suspect named = new Suspect("leak-#", Thread.State.WAITING, List.of(), 24, 20, 1.0, START, List.of(), null,
				false, Duration.ofMinutes(24), Suspect.GroupedBy.POOL, 24, 0);
		Instant now = START.plusSeconds(24 * 60);
		this.trends.record(result(now, 24, List.of(named)));
		List<TrendPoint> points = this.trends.of(named, now);
		assertThat(points).extracting(TrendPoint::count).containsExactly(3, 7, 11, 15, 19, 23, 24);
		assertThat(points.get(points.size() - 1).at()).isEqualTo(now);
	}

	@Test
	void onlyTheLargestGroupsAreFollowed() {
		this.trends.record(new DetectionResult(START, 1, 0, new ThreadTotals(9, 9, 9, 9),
				List.of(new PoolCount("small-#", Thread.State.WAITING, 1), new PoolCount("big-#", Thread.State.WAITING, 5),
						new PoolCount("mid-#", Thread.State.WAITING, 3)),
				List.of(), List.of(), List.of(), 0, null));
		assertThat(this.trends.of(suspect("big-#"), START)).isNotEmpty();
		assertThat(this.trends.of(suspect("mid-#"), START)).isNotEmpty();
		assertThat(this.trends.of(suspect("small-#"), START)).isEmpty();
	}

	private static Suspect suspect(String pool) {
		return new Suspect(pool, Thread.State.WAITING, List.of(), 1, 1, 1.0, START, List.of(), null, false,
				Duration.ofMinutes(6), Suspect.GroupedBy.POOL, 1, 0);
	}

	private static DetectionResult result(Instant at, int leaked, List<Suspect> suspects) {
		return new DetectionResult(at, 1, 0, new ThreadTotals(leaked, leaked, leaked, leaked),
				List.of(new PoolCount("leak-#", Thread.State.WAITING, leaked)), suspects, List.of(), List.of(), 0, null);
	}

}
