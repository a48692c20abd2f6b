package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ShutdownTimeoutsTests {

	@Test
	void bootsDefaultPhaseKeepsTheFixedDefaults() {
		ShutdownTimeouts timeouts = ShutdownTimeouts.resolve(null, null, Duration.ofSeconds(30));
		assertThat(timeouts).isEqualTo(new ShutdownTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
	}

	@Test
	void aLongerPhaseDoesNotLengthenTheDefaults() {
		ShutdownTimeouts timeouts = ShutdownTimeouts.resolve(null, null, Duration.ofMinutes(2));
		assertThat(timeouts).isEqualTo(new ShutdownTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
	}

	@Test
	void aShortPhaseIsSharedTwoThirdsToDrainAndOneThirdToCancel() {
		ShutdownTimeouts timeouts = ShutdownTimeouts.resolve(null, null, Duration.ofSeconds(6));
		assertThat(timeouts).isEqualTo(new ShutdownTimeouts(Duration.ofSeconds(4), Duration.ofSeconds(2)));
	}

	@Test
	void theSharesNeverAddUpToMoreThanThePhase() {
		for (long millis : new long[] { 1, 2, 5, 1000, 5000, 7001, 14_999, 29_999 }) {
			Duration phase = Duration.ofMillis(millis);
			assertThat(ShutdownTimeouts.resolve(null, null, phase).total()).as("phase %s", phase)
				.isLessThanOrEqualTo(phase);
		}
	}

	@Test
	void eachDefaultIsCappedOnItsOwn() {
		// 18 s: two thirds is 12 s, over the 10 s default; a third is 6 s, over the 5 s default
		assertThat(ShutdownTimeouts.resolve(null, null, Duration.ofSeconds(18)))
			.isEqualTo(new ShutdownTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(5)));
		// 12 s: two thirds is 8 s, under 10 s; a third is 4 s, under 5 s
		assertThat(ShutdownTimeouts.resolve(null, null, Duration.ofSeconds(12)))
			.isEqualTo(new ShutdownTimeouts(Duration.ofSeconds(8), Duration.ofSeconds(4)));
	}

	@Test
	void explicitValuesWinEvenOverThePhase() {
		ShutdownTimeouts timeouts = ShutdownTimeouts.resolve(Duration.ofSeconds(20), null, Duration.ofSeconds(6));
		assertThat(timeouts).isEqualTo(new ShutdownTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(2)));
		assertThat(ShutdownTimeouts.resolve(Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(30)))
			.isEqualTo(new ShutdownTimeouts(Duration.ZERO, Duration.ofMillis(1)));
	}

}
