package io.github.threadleaks.metrics;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;

import io.github.threadleaks.detect.DeadlockFinder;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.snapshot.BlockedThreads;
import io.github.threadleaks.snapshot.MutableClock;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskOutcome;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meters as the Prometheus registry renders them: the public contract of dashboards and
 * alerts.
 */
class ThreadLeaksMeterBinderTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private final TaskCounts tasks = new TaskCounts();

	private ThreadLeaksMeterBinder binder;

	@AfterEach
	void close() throws Exception {
		if (this.binder != null) {
			this.binder.close();
		}
	}

	@Test
	void everySeriesExistsFromTheFirstSampleWithCountersAtZero() {
		LeakMonitor monitor = monitor(Duration.ofMinutes(1));
		bind(monitor, 20);
		monitor.sampleNow();
		String scrape = this.registry.scrape();
		assertThat(scrape).contains("threadleaks_suspects 0.0", "threadleaks_stuck_threads 0.0",
				"threadleaks_deadlocked_threads 0.0", "threadleaks_tasks_active 0.0",
				"threadleaks_tasks_total{outcome=\"succeeded\"} 0.0", "threadleaks_tasks_total{outcome=\"failed\"} 0.0",
				"threadleaks_tasks_total{outcome=\"cancelled\"} 0.0",
				"threadleaks_tasks_total{outcome=\"timed_out\"} 0.0", "threadleaks_sample_duration_seconds_count 1",
				"threadleaks_sample_duration_seconds_sum ", "threadleaks_sample_duration_seconds_max ",
				"threadleaks_last_sample_age_seconds 0.0", "threadleaks_threads{pool=\"main\",state=\"runnable\"} 1.0");
	}

	@Test
	void lastSampleAgeGrowsUntilTheNextSample() {
		LeakMonitor monitor = monitor(Duration.ofMinutes(1));
		bind(monitor, 20);
		monitor.sampleNow();
		this.clock.advance(Duration.ofSeconds(42));
		assertThat(this.registry.scrape()).contains("threadleaks_last_sample_age_seconds 42.0");
	}

	@Test
	void threadsAreCountedByPoolAndLowerCaseStateWithTheSmallerPoolsAsOther() {
		LeakMonitor monitor = monitor(Duration.ofMinutes(1));
		bind(monitor, 2);
		try (BlockedThreads big = BlockedThreads.start("metrics-big-", 30);
				BlockedThreads medium = BlockedThreads.start("metrics-medium-", 20)) {
			// the threads the sample saw (the JVM's own live count may move between two reads)
			int sampled = monitor.sampleNow()
				.threadsByPool()
				.stream()
				.mapToInt(io.github.threadleaks.detect.DetectionResult.PoolCount::count)
				.sum();
			Map<String, Double> byPool = threadsByPool(this.registry.scrape());
			assertThat(byPool).containsOnlyKeys("metrics-big-#", "metrics-medium-#", "other");
			assertThat(byPool.get("metrics-big-#")).isEqualTo(30.0);
			assertThat(byPool.values().stream().mapToDouble(Double::doubleValue).sum())
				.as("folding the small pools into 'other' loses no thread")
				.isEqualTo(sampled);
			assertThat(this.registry.scrape()).contains("pool=\"metrics-big-#\",state=\"waiting\"} 30.0");
		}
	}

	@Test
	void aPoolThatDisappearsStopsBeingReported() {
		LeakMonitor monitor = monitor(Duration.ofMinutes(1));
		bind(monitor, 20);
		try (BlockedThreads vanishing = BlockedThreads.start("metrics-vanishing-", 3)) {
			monitor.sampleNow();
			assertThat(this.registry.scrape()).contains("pool=\"metrics-vanishing-#\"");
		}
		monitor.sampleNow();
		assertThat(this.registry.scrape()).doesNotContain("metrics-vanishing-#");
	}

	@Test
	void suspectsAndTheirThreadsByPool() throws InterruptedException {
		LeakMonitor monitor = monitor(Duration.ofSeconds(30));
		bind(monitor, 20);
		List<Thread> leaked = new java.util.ArrayList<>();
		try {
			monitor.sampleNow();
			for (int i = 0; i < 8; i++) {
				for (int j = 0; j < 2; j++) {
					leaked.add(leak("metrics-leak-" + leaked.size()));
				}
				this.clock.advance(Duration.ofSeconds(5));
				monitor.sampleNow();
			}
			String scrape = this.registry.scrape();
			assertThat(scrape).contains("threadleaks_suspects 1.0",
					"threadleaks_suspect_threads{pool=\"metrics-leak-#\"} 16.0");
		}
		finally {
			leaked.forEach(Thread::interrupt);
		}
		for (Thread thread : leaked) {
			// the next sample must not see them: they have to have ended, not only been told to
			thread.join(10_000);
		}
		monitor.sampleNow();
		assertThat(this.registry.scrape()).contains("threadleaks_suspects 0.0")
			.doesNotContain("threadleaks_suspect_threads{");
	}

	@Test
	void taskCountsAreReadAtScrape() {
		bind(monitor(Duration.ofMinutes(1)), 20);
		this.tasks.started();
		this.tasks.started();
		this.tasks.finished(TaskOutcome.TIMED_OUT);
		assertThat(this.registry.scrape()).contains("threadleaks_tasks_active 1.0",
				"threadleaks_tasks_total{outcome=\"timed_out\"} 1.0");
	}

	private void bind(LeakMonitor monitor, int maxPools) {
		this.binder = new ThreadLeaksMeterBinder(monitor, this.tasks, maxPools, this.clock);
		this.binder.bindTo(this.registry);
	}

	private LeakMonitor monitor(Duration window) {
		LeakDetector detector = new LeakDetector(LeakDetector.Settings.defaults()
			.withWindow(window)
			.withMaxThreadNames(5));
		return new LeakMonitor(new Sampler(ManagementFactory.getThreadMXBean(), 32, this.clock),
				new DeadlockFinder(ManagementFactory.getThreadMXBean(), 32), detector, Duration.ofSeconds(5), this.clock);
	}

	private static Thread leak(String name) {
		BlockingQueue<Object> unfed = new LinkedBlockingQueue<>();
		Thread thread = new Thread(() -> {
			try {
				unfed.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		org.awaitility.Awaitility.await().until(() -> thread.getState() == Thread.State.WAITING);
		return thread;
	}

	private static Map<String, Double> threadsByPool(String scrape) {
		return scrape.lines()
			.filter((line) -> line.startsWith("threadleaks_threads{"))
			.collect(Collectors.groupingBy((line) -> line.replaceAll(".*pool=\"([^\"]*)\".*", "$1"),
					Collectors.summingDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))));
	}

}
