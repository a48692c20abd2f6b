package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.tasks.TaskShutdown;
import io.github.threadleaks.tasks.TaskTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shutdown coordinator's timeouts against {@code spring.lifecycle.timeout-per-shutdown-phase}:
 * unset, they share the phase timeout so the coordinator's phase never outlasts it; set, they
 * win, with a warning when together they outlast it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ThreadLeaksShutdownTimeoutsTests {

	private static final String OVER_THE_PHASE = "add up to more than spring.lifecycle.timeout-per-shutdown-phase";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class, TaskExecutionAutoConfiguration.class,
				ThreadLeaksAutoConfiguration.class, ThreadLeaksTasksAutoConfiguration.class));

	@Test
	void withBootsDefaultPhaseTheTimeoutsAreTodaysDefaults(CapturedOutput output) {
		this.runner.run((context) -> {
			TaskShutdown shutdown = context.getBean(TaskShutdownLifecycle.class).shutdown();
			assertThat(shutdown.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(shutdown.cancelTimeout()).isEqualTo(Duration.ofSeconds(5));
		});
		assertThat(output).doesNotContain(OVER_THE_PHASE);
	}

	@Test
	void unsetTimeoutsShareAShortPhaseAndTheCoordinatorStopsWithinIt(CapturedOutput output) {
		AtomicBoolean stop = new AtomicBoolean();
		try {
			this.runner.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=600ms").run((context) -> {
				TaskShutdown shutdown = context.getBean(TaskShutdownLifecycle.class).shutdown();
				assertThat(shutdown.drainTimeout()).isEqualTo(Duration.ofMillis(400));
				assertThat(shutdown.cancelTimeout()).isEqualTo(Duration.ofMillis(200));
				TaskTracker tracker = context.getBean(TaskTracker.class);
				tracker.submit("ignores-interrupts", () -> {
					while (!stop.get()) {
						Thread.onSpinWait();
					}
				});
				await().atMost(Duration.ofSeconds(10)).until(() -> tracker.running().get(0).thread() != null);
			});
			assertThat(output).contains("still running after the drain timeout of 400 ms",
					"'ignores-interrupts' (running) refused to stop within 200 ms");
			assertThat(output).doesNotContain(OVER_THE_PHASE);
		}
		finally {
			stop.set(true);
		}
	}

	@Test
	void explicitTimeoutsWinAndAWarningSaysWhenTheyOutlastThePhase(CapturedOutput output) {
		this.runner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=6s", "threadleaks.shutdown.drain-timeout=10s")
			.run((context) -> {
				TaskShutdown shutdown = context.getBean(TaskShutdownLifecycle.class).shutdown();
				assertThat(shutdown.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
				assertThat(shutdown.cancelTimeout()).as("the unset one still takes its share")
					.isEqualTo(Duration.ofSeconds(2));
			});
		assertThat(output).contains("WARN", "threadleaks.shutdown.drain-timeout (10000 ms) and "
				+ "threadleaks.shutdown.cancel-timeout (2000 ms) " + OVER_THE_PHASE + " (6000 ms)");
	}

	@Test
	void explicitTimeoutsWithinThePhaseAreUsedWithoutAWarning(CapturedOutput output) {
		this.runner
			.withPropertyValues("spring.lifecycle.timeout-per-shutdown-phase=6s", "threadleaks.shutdown.drain-timeout=1s",
					"threadleaks.shutdown.cancel-timeout=5s")
			.run((context) -> {
				TaskShutdown shutdown = context.getBean(TaskShutdownLifecycle.class).shutdown();
				assertThat(shutdown.drainTimeout()).isEqualTo(Duration.ofSeconds(1));
				assertThat(shutdown.cancelTimeout()).isEqualTo(Duration.ofSeconds(5));
			});
		assertThat(output).doesNotContain(OVER_THE_PHASE);
	}

	@Test
	void aNegativeTimeoutFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("threadleaks.shutdown.cancel-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("threadleaks.shutdown.cancel-timeout must not be negative");
		});
	}

}
