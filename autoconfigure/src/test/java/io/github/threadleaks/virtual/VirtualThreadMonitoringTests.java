package io.github.threadleaks.virtual;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.threadleaks.detect.DeadlockFinder;
import io.github.threadleaks.detect.DetectionResult;
import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.detect.IgnoreRules;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.detect.Suspect;
import io.github.threadleaks.metrics.ThreadLeaksMeterBinder;
import io.github.threadleaks.snapshot.MutableClock;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.tasks.TaskCounts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor with virtual threads sampled beside platform threads: a virtual-thread leak
 * reaches the published result (and so health and the log) and the Prometheus series, on
 * the running JVM's real dump.
 */
@Tag("java21")
class VirtualThreadMonitoringTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	@TempDir
	Path temporary;

	@Test
	void aVirtualThreadLeakIsPublishedBesidePlatformFindingsAndScraped() throws Exception {
		LeakDetector.Settings settings = LeakDetector.Settings.defaults()
			.withWindow(Duration.ofSeconds(60))
			.withStuckThreshold(Duration.ofSeconds(30))
			.withMaxThreadNames(5);
		LeakMonitor monitor = new LeakMonitor(new Sampler(ManagementFactory.getThreadMXBean(), 32, this.clock),
				new DeadlockFinder(ManagementFactory.getThreadMXBean(), 32), new LeakDetector(settings),
				Duration.ofSeconds(5), this.clock);
		VirtualThreadSampler sampler = new VirtualThreadSampler(ThreadDumper.find().dumper(), 32, 100_000, this.clock,
				this.temporary);
		monitor.sampleVirtualThreads(sampler::take, new LeakDetector(settings), Duration.ofSeconds(5));
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		try (VirtualThreadFixtures leaks = new VirtualThreadFixtures();
				ThreadLeaksMeterBinder binder = new ThreadLeaksMeterBinder(monitor, new TaskCounts(), 20, this.clock)) {
			binder.bindTo(registry);
			assertThat(monitor.samplesVirtualThreads()).isTrue();
			monitor.sampleNow();
			assertThat(monitor.sampleVirtualThreadsNow()).isNotNull();
			for (int i = 0; i <= 12; i++) {
				leaks.executorPerRequest(2);
				this.clock.advance(Duration.ofSeconds(5));
				monitor.sampleNow();
				monitor.sampleVirtualThreadsNow();
			}
			DetectionResult result = monitor.latest();
			Suspect suspect = result.suspects()
				.stream()
				.filter(Suspect::virtual)
				.filter((candidate) -> candidate.pool().equals("java.util.concurrent.ThreadPerTaskExecutor"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no virtual suspect in " + result.suspects()));
			assertThat(suspect.count()).isEqualTo(26);
			assertThat(result.suspectThreads()).isGreaterThanOrEqualTo(26);
			assertThat(result.virtualThreads().live()).isGreaterThanOrEqualTo(26);
			assertThat(result.virtualThreads().computedAt()).isEqualTo(this.clock.instant());
			// a platform sample after it keeps the virtual findings beside its own
			this.clock.advance(Duration.ofSeconds(1));
			assertThat(monitor.sampleNow().suspects()).contains(suspect);

			String scrape = registry.scrape();
			assertThat(scrape).contains(
					"threadleaks_virtual_threads{pool=\"java.util.concurrent.ThreadPerTaskExecutor\",state=\"waiting\"} 26.0",
					"threadleaks_suspect_threads{pool=\"java.util.concurrent.ThreadPerTaskExecutor\"} 26.0");
		}
		assertThat(this.temporary).isEmptyDirectory();
	}

}
