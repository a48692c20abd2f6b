package io.github.threadleaks.detect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Endings per horizon bucket: a horizon's count covers the horizon and at most a sixth more,
 * never less.
 */
class EndingCountsTests {

	private static final long MINUTE = 60_000_000_000L;

	private static final long[] HORIZONS = { 6 * MINUTE, 24 * MINUTE };

	@Test
	void anEndingCountsWithinEveryHorizonUntilItIsOlderThanTheHorizonAndOneBucket() {
		EndingCounts counts = new EndingCounts(HORIZONS, 0);
		counts.add(30_000_000_000L, 2);
		counts.add(90_000_000_000L, 1);
		assertThat(counts.within(0, 90_000_000_000L)).isEqualTo(3);
		assertThat(counts.within(1, 90_000_000_000L)).isEqualTo(3);
		// six minutes after the first ending it is still counted (within the horizon)
		assertThat(counts.within(0, 6 * MINUTE + 30_000_000_000L)).isEqualTo(3);
		// seven minutes after its bucket began, the first bucket has left the six-minute horizon
		assertThat(counts.within(0, 7 * MINUTE)).isEqualTo(1);
		assertThat(counts.within(0, 8 * MINUTE)).isZero();
		assertThat(counts.within(1, 8 * MINUTE)).as("the longer horizon still holds both").isEqualTo(3);
		assertThat(counts.isEmpty(8 * MINUTE)).isFalse();
		assertThat(counts.within(1, 28 * MINUTE + 1)).isZero();
		assertThat(counts.isEmpty(28 * MINUTE + 1)).isTrue();
	}

	@Test
	void countsAskedOnlyWhetherTheyAreEmptyLetTimeEmptyThemFirst() {
		EndingCounts counts = new EndingCounts(HORIZONS, 0);
		counts.add(MINUTE, 4);
		assertThat(counts.isEmpty(2 * MINUTE)).isFalse();
		assertThat(counts.isEmpty(60 * MINUTE)).as("an hour later, past every horizon").isTrue();
	}

	@Test
	void aLongSilenceEmptiesEveryBucketAtOnce() {
		EndingCounts counts = new EndingCounts(HORIZONS, 0);
		for (int minute = 0; minute < 24; minute++) {
			counts.add(minute * MINUTE, 1);
		}
		assertThat(counts.within(0, 23 * MINUTE)).isBetween(6, 7);
		assertThat(counts.within(1, 23 * MINUTE)).isEqualTo(24);
		assertThat(counts.within(0, 1000 * MINUTE)).isZero();
		assertThat(counts.within(1, 1000 * MINUTE)).isZero();
		counts.add(1000 * MINUTE, 5);
		assertThat(counts.within(0, 1000 * MINUTE)).isEqualTo(5);
		assertThat(counts.within(1, 1000 * MINUTE)).isEqualTo(5);
	}

}
