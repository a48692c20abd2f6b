package io.github.threadleaks.autoconfigure;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.github.threadleaks.actuate.LeakProofEndpoint;
import io.github.threadleaks.metrics.LeakProofMeterBinder;
import io.github.threadleaks.proof.LeakProver;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class LeakProofAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class, LeakProofAutoConfiguration.class));

	private final ApplicationContextRunner exposed = this.runner
		.withPropertyValues("management.endpoints.web.exposure.include=leakproof");

	@Test
	void nothingExistsWhileTheEndpointIsNotExposed() {
		this.runner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(LeakProver.class)
			.doesNotHaveBean(LeakProofEndpoint.class)
			.doesNotHaveBean(LeakProofMeterBinder.class));
	}

	@Test
	void anExposedEndpointBringsTheProverTheEndpointAndTheGauge() {
		this.exposed.run((context) -> assertThat(context).hasSingleBean(LeakProver.class)
			.hasSingleBean(LeakProofEndpoint.class)
			.hasSingleBean(LeakProofMeterBinder.class));
	}

	@Test
	void theDefaultsAreFourGigabytesAndFiveMinutesInTheTemporaryDirectory() {
		this.exposed.run((context) -> assertThat(context.getBean(LeakProver.class).limits())
			.isEqualTo(new LeakProver.Limits(4L << 30, Duration.ofMinutes(5), null)));
	}

	@Test
	void thePropertiesSetTheLimits() {
		this.exposed
			.withPropertyValues("threadleaks.proof.max-heap=512MB", "threadleaks.proof.timeout=30s",
					"threadleaks.proof.dump-directory=/var/tmp")
			.run((context) -> assertThat(context.getBean(LeakProver.class).limits())
				.isEqualTo(new LeakProver.Limits(512L << 20, Duration.ofSeconds(30), Path.of("/var/tmp"))));
	}

	@Test
	void anEndpointWithNoAccessBringsNothing() {
		this.exposed.withPropertyValues("management.endpoint.leakproof.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(LeakProver.class)
				.doesNotHaveBean(LeakProofEndpoint.class));
	}

	@Test
	void threadleaksSwitchedOffBringsNothing() {
		this.exposed.withPropertyValues("threadleaks.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LeakProver.class)
				.doesNotHaveBean(LeakProofEndpoint.class));
	}

	@Test
	void metricsSwitchedOffLeaveTheEndpointWithoutTheGauge() {
		this.exposed.withPropertyValues("threadleaks.metrics.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(LeakProofEndpoint.class)
				.doesNotHaveBean(LeakProofMeterBinder.class));
	}

	@Test
	void withoutMicrometerThereIsNoGauge() {
		this.exposed.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasSingleBean(LeakProofEndpoint.class)
				.doesNotHaveBean(LeakProofMeterBinder.class));
	}

	@Test
	void anApplicationsOwnProverIsUsed() {
		this.exposed.withUserConfiguration(OwnProver.class)
			.run((context) -> assertThat(context).hasSingleBean(LeakProver.class)
				.getBean(LeakProver.class)
				.isSameAs(context.getBean("ownProver")));
	}

	@Test
	void aTimeoutThatIsNotPositiveStopsStartupNamingTheProperty() {
		this.exposed.withPropertyValues("threadleaks.proof.timeout=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("threadleaks.proof.timeout must be positive"));
	}

	@Test
	void aMaxHeapThatIsNotPositiveStopsStartupNamingTheProperty() {
		this.exposed.withPropertyValues("threadleaks.proof.max-heap=0B")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("threadleaks.proof.max-heap must be positive"));
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnProver {

		@Bean
		LeakProver ownProver() {
			return new LeakProver(LeakProver.Limits.defaults(), Clock.systemUTC());
		}

	}

}
