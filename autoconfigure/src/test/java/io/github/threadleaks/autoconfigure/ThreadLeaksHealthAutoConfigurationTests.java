package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import io.github.threadleaks.detect.LeakMonitor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.AvailabilityProbesAutoConfiguration;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.application.AvailabilityHealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code threadLeaks} indicator in the liveness group the README recommends, through
 * Boot's own health endpoint and group validation: whatever is switched off, the group starts
 * and {@code threadLeaks} is UP with {@code disabled: true}.
 */
class ThreadLeaksHealthAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class,
				HealthEndpointAutoConfiguration.class, AvailabilityHealthContributorAutoConfiguration.class,
				AvailabilityProbesAutoConfiguration.class, ThreadLeaksAutoConfiguration.class,
				ThreadLeaksHealthAutoConfiguration.class))
		.withPropertyValues("management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.liveness.include=livenessState,threadLeaks",
				"management.endpoint.health.group.liveness.show-details=always",
				"threadleaks.sampling.interval=50ms");

	@Test
	void switchedOnTheIndicatorJudgesTheMonitorsResultInTheLivenessGroup() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LeakMonitor.class);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(threadLeaksInLiveness(context.getBean(HealthEndpoint.class))
					.getDetails()).containsKey("computedAt").doesNotContainKey("disabled"));
		});
	}

	@Test
	void switchedOffTheIndicatorStaysInTheLivenessGroupUpAndDisabled() {
		this.runner.withPropertyValues("management.health.threadleaks.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			IndicatedHealthDescriptor threadLeaks = threadLeaksInLiveness(context.getBean(HealthEndpoint.class));
			assertThat(threadLeaks.getStatus()).isEqualTo(Status.UP);
			assertThat(threadLeaks.getDetails()).containsEntry("disabled", true).doesNotContainKey("computedAt");
			assertThat(context).as("the monitor still runs for the endpoint and metrics").hasSingleBean(LeakMonitor.class);
		});
	}

	@Test
	void bootsDefaultsSwitchedOffLeaveItUpAndDisabledToo() {
		this.runner.withPropertyValues("management.health.defaults.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			IndicatedHealthDescriptor threadLeaks = threadLeaksInLiveness(context.getBean(HealthEndpoint.class));
			assertThat(threadLeaks.getStatus()).isEqualTo(Status.UP);
			assertThat(threadLeaks.getDetails()).containsEntry("disabled", true);
		});
	}

	@Test
	void switchedOffAUserIndicatorOfTheSameNameStillWins() {
		this.runner.withPropertyValues("management.health.threadleaks.enabled=false")
			.withBean("threadLeaksHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.run((context) -> assertThat(threadLeaksInLiveness(context.getBean(HealthEndpoint.class)).getStatus())
				.isEqualTo(Status.DOWN));
	}

	private static IndicatedHealthDescriptor threadLeaksInLiveness(HealthEndpoint endpoint) {
		HealthDescriptor liveness = endpoint.healthForPath("liveness");
		assertThat(liveness).isInstanceOf(CompositeHealthDescriptor.class);
		HealthDescriptor threadLeaks = ((CompositeHealthDescriptor) liveness).getComponents().get("threadLeaks");
		assertThat(threadLeaks).isInstanceOf(IndicatedHealthDescriptor.class);
		return (IndicatedHealthDescriptor) threadLeaks;
	}

}
