package io.github.threadleaks.autoconfigure;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.threadleaks.actuate.ThreadLeaksEndpoint;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.metrics.ThreadLeaksMeterBinder;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroups;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThreadLeaksAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class,
				ThreadLeaksEndpointAutoConfiguration.class, ThreadLeaksHealthAutoConfiguration.class,
				ThreadLeaksMetricsAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=threadleaks");

	@Test
	void providesTheEngineAndTheEndpointByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(Sampler.class)
				.hasSingleBean(ThreadGroups.class)
				.hasSingleBean(SnapshotStore.class)
				.hasSingleBean(ThreadLeaksEndpoint.class);
			assertThat(context.getBean(SnapshotStore.class).maxSnapshots()).isEqualTo(16);
			assertThat(context.getBean(Sampler.class).maxStackDepth()).isEqualTo(32);
		});
	}

	@Test
	void propertiesSetTheBounds() {
		this.runner.withPropertyValues("threadleaks.snapshots.max=3", "threadleaks.sampling.max-stack-depth=7")
			.run((context) -> {
				assertThat(context.getBean(SnapshotStore.class).maxSnapshots()).isEqualTo(3);
				assertThat(context.getBean(Sampler.class).maxStackDepth()).isEqualTo(7);
			});
	}

	@Test
	void disabledLeavesNothingThatSamplesOrAnswersAndStillStarts() {
		this.runner.withPropertyValues("threadleaks.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(Sampler.class)
				.doesNotHaveBean(SnapshotStore.class)
				.doesNotHaveBean(LeakMonitor.class)
				.doesNotHaveBean(ThreadLeaksEndpoint.class);
			assertThat(samplerThreads()).isEmpty();
		});
	}

	@Test
	void disabledKeepsTheHealthIndicatorUpSoProbeGroupsStillStart() {
		this.runner.withPropertyValues("threadleaks.enabled=false").run((context) -> {
			assertThat(context).hasBean("threadLeaksHealthIndicator");
			Health health = context.getBean("threadLeaksHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("disabled", true);
		});
	}

	@Test
	void theHealthIndicatorReadsTheMonitorsResult() {
		this.runner.withPropertyValues("threadleaks.sampling.interval=50ms").run((context) -> {
			HealthIndicator indicator = context.getBean("threadLeaksHealthIndicator", HealthIndicator.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> indicator.health().getStatus().equals(Status.UP));
			assertThat(indicator.health().getDetails()).containsKeys("computedAt", "suspects", "stuck", "deadlocks");
		});
	}

	@Test
	void aUserHealthIndicatorOfTheSameNameWins() {
		this.runner.withBean("threadLeaksHealthIndicator", HealthIndicator.class, () -> () -> Health.down().build())
			.run((context) -> assertThat(context.getBean("threadLeaksHealthIndicator", HealthIndicator.class).health()
				.getStatus()).isEqualTo(Status.DOWN));
	}

	@Test
	void theSamplerThreadRunsWhileTheContextDoesAndIsGoneAfterItCloses() {
		this.runner.withPropertyValues("threadleaks.sampling.interval=50ms").run((context) -> {
			LeakMonitor monitor = context.getBean(LeakMonitor.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> monitor.latest() != null);
			assertThat(samplerThreads()).extracting(Thread::getName).containsExactly(LeakMonitor.THREAD_NAME);
		});
		assertThat(samplerThreads()).as("no threadleaks thread outlives the context").isEmpty();
	}

	@Test
	void theMeterBinderIsThereUnlessMetricsAreSwitchedOff() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(ThreadLeaksMeterBinder.class));
		this.runner.withPropertyValues("threadleaks.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLeaksMeterBinder.class));
		this.runner.withPropertyValues("threadleaks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLeaksMeterBinder.class));
	}

	@Test
	void twoContextsShareOneUncaughtExceptionHandlerAndTheLastToCloseRestoresThePreviousOne() {
		Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
		// the handler is installed when a registry binds the meter, as Boot's metrics auto-configuration does
		ApplicationContextRunner withRegistry = this.runner.withConfiguration(
				AutoConfigurations.of(MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));
		withRegistry.run((first) -> {
			Thread.UncaughtExceptionHandler installed = Thread.getDefaultUncaughtExceptionHandler();
			assertThat(installed).isNotSameAs(before);
			withRegistry.run((second) -> assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(installed));
			assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(installed);
		});
		assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
	}

	@Test
	@Tag("both-jdks")
	void virtualThreadsAreSampledByDefaultExactlyWhereTheJvmCan() {
		boolean java21 = Runtime.version().feature() >= 21;
		this.runner.run((context) -> assertThat(context.getBean(LeakMonitor.class).samplesVirtualThreads())
			.isEqualTo(java21));
		this.runner.withPropertyValues("threadleaks.sampling.virtual-threads=off")
			.run((context) -> assertThat(context.getBean(LeakMonitor.class).samplesVirtualThreads()).isFalse());
	}

	@Test
	@Tag("both-jdks")
	@ExtendWith(OutputCaptureExtension.class)
	void virtualThreadsAskedForWhereTheJvmCannotSampleThemWarnOnceAndTheRestRuns(CapturedOutput output) {
		this.runner.withPropertyValues("threadleaks.sampling.virtual-threads=on").run((context) -> {
			assertThat(context).hasNotFailed();
			if (Runtime.version().feature() >= 21) {
				assertThat(context.getBean(LeakMonitor.class).samplesVirtualThreads()).isTrue();
				assertThat(output).doesNotContain("virtual threads cannot be sampled");
			}
			else {
				assertThat(context.getBean(LeakMonitor.class).samplesVirtualThreads()).isFalse();
				assertThat(output).containsOnlyOnce("threadleaks.sampling.virtual-threads is on, but virtual threads "
						+ "cannot be sampled: Java " + Runtime.version().feature() + " has no virtual threads");
			}
		});
	}

	@Test
	void creationSitesAreRecordedOnlyWhenSwitchedOn() {
		this.runner.run((context) -> assertThat(context)
			.doesNotHaveBean(io.github.threadleaks.creation.CreationSites.class));
		this.runner.withPropertyValues("threadleaks.creation-sites.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(io.github.threadleaks.creation.CreationSites.class);
			assertThat(context.getBean(io.github.threadleaks.creation.CreationSites.class).isRunning()).isTrue();
		});
	}

	@Test
	void detectionPropertiesReachTheMonitor() {
		this.runner.withPropertyValues("threadleaks.sampling.interval=7s").run((context) -> {
			assertThat(context.getBean(LeakMonitor.class).interval()).isEqualTo(Duration.ofSeconds(7));
		});
	}

	private static List<Thread> samplerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("threadleaks-") && thread.isAlive())
			.toList();
	}

	@Test
	void anEndpointThatIsNotExposedIsNotCreated() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(ThreadLeaksAutoConfiguration.class, ThreadLeaksEndpointAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasSingleBean(Sampler.class);
				assertThat(context).doesNotHaveBean(ThreadLeaksEndpoint.class);
			});
	}

	@Test
	void anEndpointWhoseAccessIsNoneIsNotCreated() {
		this.runner.withPropertyValues("management.endpoint.threadleaks.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadLeaksEndpoint.class));
	}

	@Test
	void userSuppliedBeansWin() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context).getBean(Sampler.class).isSameAs(context.getBean("userSampler"));
			assertThat(context).getBean(SnapshotStore.class).isSameAs(context.getBean("userStore"));
			assertThat(context.getBean(SnapshotStore.class).maxSnapshots()).isEqualTo(2);
			assertThat(context).hasSingleBean(ThreadLeaksEndpoint.class);
		});
	}

	@Test
	void aUserEndpointReplacesOurs() {
		this.runner.withUserConfiguration(UserEndpoint.class).run((context) -> {
			assertThat(context).hasSingleBean(ThreadLeaksEndpoint.class);
			assertThat(context).getBean(ThreadLeaksEndpoint.class).isSameAs(context.getBean("userEndpoint"));
		});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"threadleaks.sampling.max-stack-depth=0 | threadleaks.sampling.max-stack-depth must be at least 1, was 0",
			"threadleaks.sampling.interval=0s | threadleaks.sampling.interval must be positive, was PT0S",
			"threadleaks.detection.window=-5m | threadleaks.detection.window must be positive, was PT-5M",
			"threadleaks.detection.min-growth=0 | threadleaks.detection.min-growth must be at least 1, was 0",
			"threadleaks.endpoint.min-dump-interval=-1s | threadleaks.endpoint.min-dump-interval must not be negative, was PT-1S",
			"threadleaks.health.max-threads=0 | threadleaks.health.max-threads must be at least 1, was 0",
			"threadleaks.metrics.max-pools=0 | threadleaks.metrics.max-pools must be at least 1, was 0" })
	void aBadValueStopsStartupWithAMessageThatNamesTheProperty(String property, String message) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage(message);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		Sampler userSampler() {
			return new Sampler(ManagementFactory.getThreadMXBean(), 5, Clock.systemUTC());
		}

		@Bean
		SnapshotStore userStore() {
			return new SnapshotStore(2);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoint {

		@Bean
		ThreadLeaksEndpoint userEndpoint() {
			return new ThreadLeaksEndpoint(new Sampler(ManagementFactory.getThreadMXBean(), 5, Clock.systemUTC()),
					new SnapshotStore(1), new ThreadGroups(3, 3), null, null, null,
					new ThreadLeaksEndpoint.Settings(5, java.time.Duration.ZERO, 5, 5));
		}

	}

}
