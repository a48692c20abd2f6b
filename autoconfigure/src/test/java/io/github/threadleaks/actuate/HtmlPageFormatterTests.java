package io.github.threadleaks.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.detect.TrendPoint;
import io.github.threadleaks.diff.SnapshotDiff.SnapshotRef;
import io.github.threadleaks.snapshot.HostileNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page as markup: what it shows, that nothing from the application is ever markup, and
 * its size. The page in a real browser is tested against the running sample app.
 */
class HtmlPageFormatterTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final String ATTRIBUTE = "\"><img src=x onerror=alert(1)>";

	private static final Instant NOW = Instant.parse("2026-01-01T00:10:00Z");

	private final HtmlPageFormatter formatter = new HtmlPageFormatter();

	@Test
	void namesFramesLocksAndSnapshotNamesAreTextNeverMarkup() {
		ThreadLeaksReport.Group group = new ThreadLeaksReport.Group(SCRIPT, Thread.State.WAITING, 3,
				List.of("com.example." + SCRIPT + ".run(X.java:1)", "java.lang.Thread.run(Thread.java:840)"), false,
				List.of(SCRIPT, ATTRIBUTE, HostileNames.EVERY_CLASS, "kunde-m\u00fcller-\uD83D\uDE00"), null,
				"com.example." + SCRIPT + ".run(X.java:1)");
		ThreadLeaksReport.Suspect suspect = new ThreadLeaksReport.Suspect(ATTRIBUTE, Thread.State.WAITING, 12, 10, 2.0,
				"PT5M", NOW, List.of(ATTRIBUTE + ".take(Q.java:1)"), List.of(SCRIPT), null, false, "pool", 1, 0, null, List.of());
		ThreadLeaksReport.Deadlock deadlock = new ThreadLeaksReport.Deadlock(List.of(
				new ThreadLeaksReport.DeadlockedThread(1, SCRIPT, Thread.State.BLOCKED, ATTRIBUTE, ATTRIBUTE, List.of(SCRIPT),
						List.of("a.B.c(B.java:1)")),
				new ThreadLeaksReport.DeadlockedThread(2, ATTRIBUTE, Thread.State.BLOCKED, SCRIPT, SCRIPT, List.of(ATTRIBUTE),
						List.of("a.B.c(B.java:1)"))));
		ThreadLeaksReport.Stuck stuck = new ThreadLeaksReport.Stuck(ATTRIBUTE, Thread.State.BLOCKED, 1, NOW, 700, false,
				List.of(SCRIPT), List.of("a.B.c(B.java:1)"), SCRIPT, ATTRIBUTE);
		ThreadLeaksReport report = report(List.of(group), List.of(suspect), List.of(stuck), List.of(deadlock),
				List.of(new ThreadLeaksReport.Snapshot(ATTRIBUTE, SCRIPT, NOW, 3)));
		String page = this.formatter.format(report);
		assertThat(page).doesNotContain(SCRIPT).doesNotContain(ATTRIBUTE).doesNotContain("<img")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
			.contains("href=\"threadleaks/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"")
			.contains("w-1\\n2026-01-01T00:00:00.000Z ERROR");
		assertThat(page.indexOf("<script")).as("the page has no script at all").isEqualTo(-1);
		assertThat(page).contains("holds &lt;script&gt;alert(1)&lt;/script&gt;, waits for &quot;&gt;&lt;img");
		// other characters are kept, as references: the page is ASCII, whatever the names
		assertThat(page).contains("kunde-m&#xfc;ller-&#x1f600;");
		assertThat(page.chars().filter((c) -> c >= 0x80).count()).as("characters outside ASCII").isZero();
	}

	@Test
	void thePageShowsTheFindingsFlameGraphGroupsAndSnapshots() {
		ThreadLeaksReport.Group group = new ThreadLeaksReport.Group("order-listener-#", Thread.State.WAITING, 24,
				List.of("jdk.internal.misc.Unsafe.park(Native Method)",
						"java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
						"com.example.Listener.listen(Listener.java:42)", "java.lang.Thread.run(Thread.java:840)"),
				false, List.of("order-listener-1"), null,
				"java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)");
		ThreadLeaksReport.Suspect suspect = new ThreadLeaksReport.Suspect("order-listener-#", Thread.State.WAITING, 24,
				20, 4.0, "PT20M", NOW,
				List.of("java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)"),
				List.of("order-listener-24"), null, false, "pool", 24, 0,
				new ThreadLeaksReport.Proof(NOW, 24, 0, 0, "proven leaked: 24 of 24 threads, nothing can reach the Object they wait on"),
				List.of(new TrendPoint(NOW.minusSeconds(600), 4), new TrendPoint(NOW.minusSeconds(300), 14),
						new TrendPoint(NOW, 24)));
		String page = this.formatter.format(report(List.of(group), List.of(suspect), List.of(), List.of(),
				List.of(new ThreadLeaksReport.Snapshot("1", "before", NOW, 3))));
		assertThat(page).startsWith("<!DOCTYPE html>")
			.contains("<section id=\"suspects\"><h2>Leak suspects <span class=\"n\">(1)")
			.contains("blocked in <code>java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)</code>")
			.contains("+20</span> over 20 minutes (PT20M)")
			.contains("<p class=\"warn\">proven leaked: 24 of 24 threads, nothing can reach the Object they wait on")
			.contains("<svg class=\"spark\"", "<title>threads over PT20M: 4 14 24</title>",
					"<polyline points=\"2,26 80,14 158,2\"/>", "4 &rarr; 24 threads")
			.contains("<svg class=\"flame\"")
			.contains("<title>com.example.Listener.listen(Listener.java:42) &mdash; 24 threads (WAITING 24)</title>")
			.contains("<a href=\"threadleaks/1\">diff to now</a>")
			.contains("No thread is stuck.", "No deadlock.");
		assertThat(page).as("the flame graph ends at the frame the threads wait in, not in Unsafe.park")
			.doesNotContain("<title>jdk.internal.misc.Unsafe.park");
	}

	@Test
	void theDiffPageShowsTheGrowthAsAFlameGraphAndEachGroupsChange() {
		ThreadLeaksDiff.GroupChange grew = new ThreadLeaksDiff.GroupChange("order-listener-#", Thread.State.WAITING,
				List.of("com.example.Listener.listen(Listener.java:42)", "java.lang.Thread.run(Thread.java:840)"), 0, 25,
				25, null, "com.example.Listener.listen(Listener.java:42)");
		ThreadLeaksDiff diff = new ThreadLeaksDiff(new SnapshotRef("1", "before", NOW, 26),
				new SnapshotRef(null, null, NOW.plusSeconds(60), 51), 25, 0, List.of(), List.of(), List.of(grew));
		String page = this.formatter.format(diff);
		assertThat(page).contains("threads 26 &rarr; 51 (+25)", "<td class=\"num up\">+25</td>",
				"<title>com.example.Listener.listen(Listener.java:42) &mdash; 25 threads (WAITING 25)</title>",
				"<a href=\"../threadleaks\">report</a>");
	}

	@Test
	void fiveThousandThreadsInFiveHundredGroupsMakeAtMostOneMegabyte() {
		for (int shown : new int[] { 50, 500 }) {
			List<ThreadLeaksReport.Group> groups = new ArrayList<>();
			for (int g = 0; g < shown; g++) {
				List<String> stack = new ArrayList<>();
				for (int f = 0; f < 32; f++) {
					stack.add("com.example.service" + g + ".Component" + f + ".handleRequestNumber" + f + "(Component" + f
							+ ".java:" + (100 + f) + ")");
				}
				stack.add("java.lang.Thread.run(Thread.java:840)");
				groups.add(new ThreadLeaksReport.Group("pool-" + g + "-thread-#", Thread.State.WAITING, 10, stack, true,
						List.of("pool-" + g + "-thread-1", "pool-" + g + "-thread-2", "pool-" + g + "-thread-3"), null,
						stack.get(0)));
			}
			ThreadLeaksReport report = new ThreadLeaksReport(NOW, new ThreadLeaksReport.Threads(5000, 4000, 5000, 6000,
					Map.of(Thread.State.WAITING, 5000)), NOW, List.of(), List.of(), List.of(), List.of(), 500, groups,
					List.of(), null, null);
			int bytes = this.formatter.format(report).getBytes(StandardCharsets.UTF_8).length;
			assertThat(bytes).as("%d groups shown", shown).isLessThanOrEqualTo(1024 * 1024);
		}
	}

	private static ThreadLeaksReport report(List<ThreadLeaksReport.Group> groups, List<ThreadLeaksReport.Suspect> suspects,
			List<ThreadLeaksReport.Stuck> stuck, List<ThreadLeaksReport.Deadlock> deadlocks,
			List<ThreadLeaksReport.Snapshot> snapshots) {
		return new ThreadLeaksReport(NOW, new ThreadLeaksReport.Threads(40, 30, 45, 100,
				Map.of(Thread.State.WAITING, 30, Thread.State.RUNNABLE, 10)), NOW, suspects, List.of(), stuck, deadlocks,
				groups.size(), groups, snapshots, null, null);
	}

}
