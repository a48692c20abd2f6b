package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code threadleaks.detection.horizons.*}: the defaults, what binds, and what is refused
 * with a message that names the property.
 */
class DetectionHorizonsPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class));

	@Test
	void theDefaultsAreTheWindowAndFourSixteenAndSixtyFourTimesItUpToADay() {
		this.runner.run((context) -> {
			ThreadLeaksProperties.Horizons horizons = context.getBean(ThreadLeaksProperties.class)
				.getDetection()
				.getHorizons();
			assertThat(horizons.getMultiples()).containsExactly(1, 4, 16, 64);
			assertThat(horizons.getMax()).isEqualTo(Duration.ofHours(24));
		});
	}

	@Test
	void otherHorizonsBind() {
		this.runner
			.withPropertyValues("threadleaks.detection.horizons.multiples=1,3,9",
					"threadleaks.detection.horizons.max=30m")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ThreadLeaksProperties.Horizons horizons = context.getBean(ThreadLeaksProperties.class)
					.getDetection()
					.getHorizons();
				assertThat(horizons.getMultiples()).containsExactly(1, 3, 9);
				assertThat(horizons.getMax()).isEqualTo(Duration.ofMinutes(30));
			});
	}

	@Test
	void noHorizonsAtAllIsRefusedByName() {
		this.runner.withPropertyValues("threadleaks.detection.horizons.multiples=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("threadleaks.detection.horizons.multiples must not be empty"));
	}

	@Test
	void aMultipleBelowOneIsRefusedByName() {
		this.runner.withPropertyValues("threadleaks.detection.horizons.multiples=1,0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("threadleaks.detection.horizons.multiples must be whole numbers of at least 1"));
	}

	@Test
	void aBoundShorterThanTheWindowIsRefusedByName() {
		this.runner.withPropertyValues("threadleaks.detection.horizons.max=1m", "threadleaks.detection.window=5m")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("threadleaks.detection.horizons.max (PT1M) must be at least threadleaks.detection.window (PT5M)"));
	}

}
