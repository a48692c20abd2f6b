package io.github.threadleaks.actuate;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The text report's findings: a suspect says over which horizon it grew and what groups it,
 * and each stuck group is one entry, a busy loop saying so.
 */
class PlainTextFindingsTests {

	private static final Instant AT = Instant.parse("2026-01-01T01:00:00Z");

	@Test
	void aSuspectByCodeAndStuckGroupsReadAsOneEntryEach() {
		ThreadLeaksReport.Suspect suspect = new ThreadLeaksReport.Suspect("fetch-*", Thread.State.WAITING, 23, 11, 0.5,
				"PT20M", AT.minusSeconds(1200), List.of("java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2072)"),
				List.of("fetch-zoe", "fetch-yan"), null, false, "code", 23, 4, null, List.of());
		ThreadLeaksReport.Stuck busy = new ThreadLeaksReport.Stuck("crunch-#", Thread.State.RUNNABLE, 1,
				AT.minusSeconds(900), 900, true, List.of("crunch-1"), List.of("com.example.Crunch.spin(Crunch.java:9)"),
				null, null);
		ThreadLeaksReport.Stuck parked = new ThreadLeaksReport.Stuck("parked-#", Thread.State.BLOCKED, 300,
				AT.minusSeconds(3600), 3600, false, List.of("parked-1", "parked-2"),
				List.of("com.example.Ledger.append(Ledger.java:12)"), "java.lang.Object@1b2c", "holder");
		ThreadLeaksReport report = new ThreadLeaksReport(AT, new ThreadLeaksReport.Threads(330, 300, 330, 400, Map.of()),
				AT, List.of(suspect), List.of(), List.of(busy, parked), List.of(), 0, List.of(), List.of(), null, null);
		String text = new PlainTextFormatter().format(report);
		assertThat(text).contains("23 threads  pool=fetch-*  state=WAITING  grouped by code  growth +11 over PT20M "
				+ "(0.5/min since 2026-01-01T00:40:00Z)  stuck: 4\n");
		assertThat(text).contains("    newest: fetch-zoe, fetch-yan (23 names)\n");
		assertThat(text).contains("stuck: 2\n");
		assertThat(text).contains("1 thread  pool=crunch-#  state=RUNNABLE  CPU rising (busy loop)  no progress for 900s");
		assertThat(text).contains("300 threads  pool=parked-#  state=BLOCKED  no progress for up to 3600s since "
				+ "2026-01-01T00:00:00Z\n    names: 'parked-1', 'parked-2', ... (298 more)\n"
				+ "    waiting for java.lang.Object@1b2c held by 'holder'\n");
		assertThat(text.indexOf("pool=crunch-#")).isLessThan(text.indexOf("pool=parked-#"));
	}

}
