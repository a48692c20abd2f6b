package io.github.threadleaks.actuate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.threadleaks.detect.DeadlockFinder;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.metrics.ThreadLeaksMeterBinder;
import io.github.threadleaks.metrics.UncaughtExceptionsMeterBinder;
import io.github.threadleaks.snapshot.BlockedThreads;
import io.github.threadleaks.snapshot.HostileNames;
import io.github.threadleaks.snapshot.SafeText;
import io.github.threadleaks.snapshot.PoolNames;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.StackSignature;
import io.github.threadleaks.snapshot.ThreadGroupSummary;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.tasks.TaskCounts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thread names from application code, with every class of unsafe character in them, as the
 * Spring layer writes them: the text report, the folded stacks and Prometheus tag values
 * show them escaped, never obeyed; JSON keeps them as they are, escaped by JSON itself.
 */
class HostileNamesInReportsTests {

	private static final String HOSTILE = HostileNames.EVERY_CLASS;

	@Test
	void theTextReportAndItsDiffShowHostileNamesEscaped() {
		ThreadLeaksEndpoint endpoint = new ThreadLeaksEndpoint(
				new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()), new SnapshotStore(2),
				new ThreadGroups(10, 10), null, null, null, new ThreadLeaksEndpoint.Settings(500, Duration.ZERO, 100, 20));
		SnapshotCreated before = (SnapshotCreated) endpoint.takeSnapshot("before").getBody();
		try (BlockedThreads blocked = BlockedThreads.start(HOSTILE, 2)) {
			String report = (String) endpoint.textReport(null).getBody();
			assertThat(report).contains("pool=" + SafeText.neutralize(PoolNames.fold(HOSTILE)))
				.contains(HostileNames.NEUTRALISED_START);
			assertNoUnsafeCharacter(report);
			String diff = (String) endpoint.textDiff(before.id(), null).getBody();
			assertThat(diff).contains(HostileNames.NEUTRALISED_START);
			assertNoUnsafeCharacter(diff);
			ThreadLeaksReport json = (ThreadLeaksReport) endpoint.report(null).getBody();
			assertThat(json.groups()).anySatisfy((group) -> assertThat(group.threadNames()).allMatch((name) -> name.startsWith(HOSTILE)));
		}
	}

	@Test
	void foldedStacksShowHostileFramesEscapedOnOneLineEach() {
		StackTraceElement frame = new StackTraceElement("com.example." + HOSTILE, "run" + HOSTILE, "X.java", 1);
		ThreadGroupSummary group = new ThreadGroupSummary(
				new ThreadGroupSummary.GroupKey("pool-#", Thread.State.WAITING, StackSignature.of(List.of(frame), 10)),
				3, List.of(frame), false, List.of(1L), List.of("pool-1"));
		String folded = new FoldedStacksFormatter().formatGroups(List.of(group));
		assertThat(folded.lines()).hasSize(1);
		assertThat(folded).endsWith(" 3\n");
		assertNoUnsafeCharacter(folded);
	}

	@Test
	void prometheusTagValuesShowHostilePoolsEscaped() throws Exception {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		LeakMonitor monitor = new LeakMonitor(new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()),
				new DeadlockFinder(ManagementFactory.getThreadMXBean(), 32),
				new LeakDetector(LeakDetector.Settings.defaults()), Duration.ofSeconds(5), Clock.systemUTC());
		try (ThreadLeaksMeterBinder threads = new ThreadLeaksMeterBinder(monitor, new TaskCounts(), 500,
				Clock.systemUTC());
				UncaughtExceptionsMeterBinder uncaught = new UncaughtExceptionsMeterBinder(20);
				BlockedThreads blocked = BlockedThreads.start(HOSTILE, 2)) {
			threads.bindTo(registry);
			uncaught.bindTo(registry);
			monitor.sampleNow();
			Thread dying = new Thread(() -> {
				throw new IllegalStateException("boom (expected by the test)");
			}, HOSTILE);
			dying.start();
			dying.join(10_000);
			String scrape = registry.scrape();
			// Prometheus escapes a backslash in a label value as two
			String pool = SafeText.neutralize(PoolNames.fold(HOSTILE)).substring(0, 12).replace("\\", "\\\\");
			assertThat(scrape).contains("threadleaks_threads{pool=\"" + pool)
				.contains("threadleaks_uncaught_exceptions_total{pool=\"" + pool);
			assertNoUnsafeCharacter(scrape);
		}
	}

	private static void assertNoUnsafeCharacter(String text) {
		assertThat(SafeText.firstUnsafe(text.replace("\n", " "))).as(text).isEqualTo(-1);
		assertThat(text).doesNotContain("FORGED\r").doesNotContain("\n2026-01-01");
	}

}
