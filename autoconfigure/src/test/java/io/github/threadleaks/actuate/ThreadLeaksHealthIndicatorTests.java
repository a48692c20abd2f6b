package io.github.threadleaks.actuate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import io.github.threadleaks.detect.DeadlockFinder;
import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.detect.IgnoreRules;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.detect.LockCycle;
import io.github.threadleaks.snapshot.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThreadLeaksHealthIndicatorTests {

	private static final ThreadLeaksHealthIndicator.Limits DEFAULT_LIMITS = new ThreadLeaksHealthIndicator.Limits(true,
			200, null);

	private LeakMonitor monitor;

	@AfterEach
	void stop() {
		if (this.monitor != null) {
			this.monitor.close();
		}
	}

	@Test
	void disabledIsUpAndSaysSo() {
		Health health = new ThreadLeaksHealthIndicator(null, DEFAULT_LIMITS, Clock.systemUTC()).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("disabled", true);
	}

	@Test
	void beforeTheFirstSampleItIsUnknownWithTheReason() {
		Health health = new ThreadLeaksHealthIndicator(monitor(new Sampler(ManagementFactory.getThreadMXBean(), 32,
				Clock.systemUTC()), Duration.ofHours(1), false), DEFAULT_LIMITS, Clock.systemUTC()).health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails().get("reason")).asString().isEqualTo("the sampler has not started");
	}

	@Test
	void aHealthyJvmIsUpWithItsFindingsInShort() {
		LeakMonitor monitor = startedMonitor(Duration.ofSeconds(1));
		Health health = new ThreadLeaksHealthIndicator(monitor, DEFAULT_LIMITS, Clock.systemUTC()).health();
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsKeys("computedAt", "liveThreads", "suspects", "stuck", "deadlocks");
	}

	@Test
	void aResultOlderThanThreeIntervalsIsUnknown() {
		LeakMonitor monitor = startedMonitor(Duration.ofSeconds(10));
		Clock fourIntervalsLater = Clock.fixed(monitor.latest().computedAt().plusSeconds(41), ZoneOffset.UTC);
		Health health = new ThreadLeaksHealthIndicator(monitor, DEFAULT_LIMITS, fourIntervalsLater).health();
		assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		assertThat(health.getDetails().get("reason")).asString()
			.isEqualTo("the last sample is 41s old, over 3 sampling intervals of 10s");
		Clock withinThree = Clock.fixed(monitor.latest().computedAt().plusSeconds(29), ZoneOffset.UTC);
		assertThat(new ThreadLeaksHealthIndicator(monitor, DEFAULT_LIMITS, withinThree).health().getStatus())
			.isEqualTo(Status.UP);
	}

	@Test
	void tooManyLiveThreadsIsDown() {
		LeakMonitor monitor = startedMonitor(Duration.ofSeconds(1));
		Health health = new ThreadLeaksHealthIndicator(monitor, new ThreadLeaksHealthIndicator.Limits(true, 200, 1),
				Clock.systemUTC()).health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails().get("reason")).asString().endsWith("live threads, at or above the limit of 1");
	}

	@Test
	void aDeadlockIsDownUnlessSwitchedOff() throws Exception {
		try (LockCycle cycle = LockCycle.start("health-deadlock-")) {
			LeakMonitor monitor = startedMonitor(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(10)).until(() -> !monitor.latest().deadlocks().isEmpty());
			Health down = new ThreadLeaksHealthIndicator(monitor, DEFAULT_LIMITS, Clock.systemUTC()).health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails().get("reason")).asString().endsWith("threads are deadlocked");
			assertThat((List<?>) down.getDetails().get("deadlocks")).singleElement().asString()
				.contains("'health-deadlock-a' waits for", "held by 'health-deadlock-b'");
			Health up = new ThreadLeaksHealthIndicator(monitor, new ThreadLeaksHealthIndicator.Limits(false, 200, null),
					Clock.systemUTC()).health();
			assertThat(up.getStatus()).isEqualTo(Status.UP);
		}
	}

	private LeakMonitor startedMonitor(Duration interval) {
		LeakMonitor monitor = monitor(new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()),
				interval, true);
		await().atMost(Duration.ofSeconds(10)).until(() -> monitor.latest() != null);
		return monitor;
	}

	private LeakMonitor monitor(Sampler sampler, Duration interval, boolean start) {
		LeakDetector detector = new LeakDetector(LeakDetector.Settings.defaults()
			.withWindow(Duration.ofMinutes(1))
			.withStuckThreshold(Duration.ofMinutes(1))
			.withMaxThreadNames(5));
		this.monitor = new LeakMonitor(sampler, new DeadlockFinder(ManagementFactory.getThreadMXBean(), 32), detector,
				interval, Clock.systemUTC());
		if (start) {
			this.monitor.start();
		}
		return this.monitor;
	}

}
