package io.github.threadleaks.detect;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class LeakMonitorTests {

	private static final Duration INTERVAL = Duration.ofMillis(50);

	@Test
	void samplesOnItsOwnNamedThreadAndStopsAndJoinsItOnClose() {
		LeakMonitor monitor = monitor(new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()));
		monitor.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> monitor.latest() != null && monitor.latest().sampleNumber() >= 3);
			assertThat(samplerThreads()).hasSize(1);
			assertThat(samplerThreads().get(0).isDaemon()).isTrue();
			DetectionResult result = monitor.latest();
			assertThat(result.totals().live()).isPositive();
			assertThat(result.threadsByPool()).isNotEmpty();
			assertThat(result.sampleDurationNanos()).isPositive();
			assertThat(monitor.isRunning()).isTrue();
		}
		finally {
			monitor.close();
		}
		assertThat(monitor.isRunning()).isFalse();
		assertThat(samplerThreads()).isEmpty();
	}

	@Test
	void aFailingSampleIsCountedLoggedOnceAndTheNextOneRuns(CapturedOutput output) {
		AtomicInteger calls = new AtomicInteger();
		Sampler failsEveryOtherTime = new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()) {
			@Override
			public synchronized ThreadSnapshot take() {
				if (calls.incrementAndGet() % 2 == 1) {
					throw new IllegalStateException("simulated sampling failure");
				}
				return super.take();
			}
		};
		LeakMonitor monitor = monitor(failsEveryOtherTime);
		monitor.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> monitor.failedSamples() >= 3 && monitor.latest() != null
					&& monitor.latest().failedSamples() >= 2);
			assertThat(monitor.isRunning()).as("the sampler survives failures").isTrue();
		}
		finally {
			monitor.close();
		}
		assertThat(occurrences(output.toString(), "simulated sampling failure")).isEqualTo(1);
	}

	@Test
	void aFindingIsLoggedOnceWhenItAppearsAndOnceWhenItClears(CapturedOutput output) throws Exception {
		LeakMonitor monitor = monitor(new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()));
		monitor.start();
		try {
			try (LockCycle cycle = LockCycle.start("logged-deadlock-")) {
				await().atMost(Duration.ofSeconds(10)).until(() -> monitor.latest() != null
						&& monitor.latest().deadlocks().stream().anyMatch((d) -> d.threads().stream()
							.anyMatch((t) -> t.name().equals("logged-deadlock-a"))));
				long seen = monitor.latest().sampleNumber();
				await().until(() -> monitor.latest().sampleNumber() > seen + 3);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> output.toString().contains("Deadlock cleared"));
		}
		finally {
			monitor.close();
		}
		String log = output.toString();
		assertThat(occurrences(log, "WARN")).as(log).isEqualTo(1);
		assertThat(log).contains("Deadlock: 2 threads: 'logged-deadlock-a', 'logged-deadlock-b'",
				"held by 'logged-deadlock-b'", "at java.util.concurrent.locks");
		assertThat(occurrences(log, "Deadlock cleared (its threads ended): 2 threads")).isEqualTo(1);
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

	@Test
	void closeBeforeStartIsHarmless() {
		LeakMonitor monitor = monitor(new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()));
		monitor.close();
		assertThat(monitor.latest()).isNull();
		assertThat(monitor.startedAt()).isNull();
	}

	private static LeakMonitor monitor(Sampler sampler) {
		LeakDetector detector = new LeakDetector(LeakDetector.Settings.defaults()
			.withWindow(Duration.ofSeconds(3))
			.withStuckThreshold(Duration.ofMinutes(1))
			.withMaxThreadNames(5));
		return new LeakMonitor(sampler, new DeadlockFinder(ManagementFactory.getThreadMXBean(), 32), detector,
				INTERVAL, Clock.systemUTC());
	}

	static List<Thread> samplerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("threadleaks-"))
			.toList();
	}

}
