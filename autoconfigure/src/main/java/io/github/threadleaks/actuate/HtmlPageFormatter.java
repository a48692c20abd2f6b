package io.github.threadleaks.actuate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import io.github.threadleaks.detect.FindingText;
import io.github.threadleaks.detect.TrendPoint;
import io.github.threadleaks.diff.SnapshotDiff.SnapshotRef;
import org.jspecify.annotations.Nullable;

/**
 * The report and the diff as one self-contained HTML page for a person on call: the headline,
 * the findings (suspects, stuck threads, deadlocks drawn as cycles), a flame graph of all
 * threads, the groups, virtual threads, tracked tasks and stored snapshots. Rendered on the
 * server from the same records as the JSON and text, readable with JavaScript off, with
 * inline CSS and SVG and nothing loaded from anywhere. Every application-supplied string is
 * escaped ({@link Html}).
 */
class HtmlPageFormatter {

	/** The page's only style sheet, inline; allowed by its hash in the page's policy. */
	static final String STYLE = """
			body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
			header{background:#1d2430;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
			header p{margin:4px 0 0;color:#c9d1dc}main{padding:8px 24px 32px}
			section{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:16px 0;padding:12px 16px}
			h2{font-size:16px;margin:0 0 8px}h2 .n{color:#6b7785;font-weight:normal}
			table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-top:1px solid #eef1f4;vertical-align:top}
			th{font-weight:600;color:#4b5563;border-top:none}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
			code,.frame{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;word-break:break-all}
			.none{color:#6b7785}.warn{color:#b42318;font-weight:600}.muted{color:#6b7785}
			.suspect{border-left:4px solid #b42318;padding:6px 10px;margin:8px 0;background:#fff7f6}
			.stuck{border-left:4px solid #b54708;padding:6px 10px;margin:8px 0;background:#fffaf0}
			.deadlock{border-left:4px solid #7a2e0e;padding:6px 10px;margin:8px 0;background:#fdf2f0}
			.suspect h3,.stuck h3,.deadlock h3{font-size:14px;margin:0 0 4px}
			details summary{cursor:pointer;color:#2f5fa8}ol.stack{margin:4px 0;padding-left:22px}
			.spark{vertical-align:middle}.spark polyline{fill:none;stroke:#b42318;stroke-width:1.5}
			svg.flame text{font:11px ui-monospace,Menlo,Consolas,monospace;fill:#111;pointer-events:none}
			svg.flame rect{stroke:#fff;stroke-width:.5}svg.flame g.box:hover rect{stroke:#111;stroke-width:1}
			.s-runnable{fill:#f4a259}.s-blocked{fill:#e5534b}.s-waiting{fill:#6ea8fe}.s-timed-waiting{fill:#a5c8ff}
			.s-new,.s-terminated,.s-other{fill:#c3c9d1}
			.legend span{display:inline-block;margin-right:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
			.l-runnable{background:#f4a259}.l-blocked{background:#e5534b}.l-waiting{background:#6ea8fe}.l-timed-waiting{background:#a5c8ff}
			.up{color:#b42318}.down{color:#067647}nav a{margin-right:12px;color:#c9d1dc}
			""";

	/** The {@code style-src} source that allows {@link #STYLE} and nothing else. */
	static final String STYLE_HASH = "'sha256-" + sha256(STYLE) + "'";

	/**
	 * The page's policy: nothing from anywhere, only its own inline style, no script at all
	 * (the page needs none), and it may not be framed.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src " + STYLE_HASH
			+ "; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	private static final int MAX_NAMES = 5;

	/** Groups whose whole stack the table unfolds; the rest show the frame they wait in. */
	private static final int GROUPS_WITH_STACKS = 50;

	String format(ThreadLeaksReport report) {
		Html html = new Html(256 * 1024);
		ThreadLeaksReport.Threads threads = report.threads();
		head(html, "threadleaks \u2014 " + threads.live() + " threads");
		html.raw("<header><h1>threadleaks</h1><p>").raw(threads.live()).raw(" live threads, ").raw(threads.daemon())
			.raw(" daemon, peak ").raw(threads.peak()).raw(", ").raw(threads.started())
			.raw(" started since the JVM started &middot; ").text(PlainTextFormatter.states(threads.states())).raw("</p><p>threads dumped at ")
			.text(report.takenAt()).raw(" &middot; ");
		if (report.computedAt() != null) {
			html.raw("leak detection last ran at ").text(report.computedAt());
		}
		else {
			html.raw("leak detection has no result yet");
		}
		html.raw("</p><nav><a href=\"?format=json\">JSON</a><a href=\"?format=text\">text</a>"
				+ "<a href=\"?format=folded\">folded stacks</a></nav></header><main>");
		suspects(html, report);
		stuck(html, report.stuck());
		deadlocks(html, report.deadlocks());
		flame(html, report);
		groups(html, "Groups", report.groupCount(), report.groups());
		virtualThreads(html, report.virtualThreads());
		tasks(html, report.tasks());
		snapshots(html, report.snapshots());
		html.raw("</main></body></html>\n");
		return html.toString();
	}

	String format(ThreadLeaksDiff diff) {
		Html html = new Html(32 * 1024);
		head(html, "threadleaks diff \u2014 " + signed(diff.to().threads() - diff.from().threads()) + " threads");
		html.raw("<header><h1>threadleaks diff</h1><p>from snapshot ").text(ref(diff.from())).raw(" to ")
			.text(ref(diff.to())).raw("</p><p>threads ").raw(diff.from().threads()).raw(" &rarr; ")
			.raw(diff.to().threads()).raw(" (").text(signed(diff.to().threads() - diff.from().threads())).raw("), ")
			.raw(diff.addedCount()).raw(" appeared, ").raw(diff.endedCount()).raw(" ended</p>")
			.raw("<nav><a href=\"../threadleaks\">report</a><a href=\"?format=json\">JSON</a>"
					+ "<a href=\"?format=text\">text</a><a href=\"?format=folded\">folded growth</a></nav></header><main>");
		FlameGraph growth = new FlameGraph();
		diff.groups()
			.forEach((group) -> growth.add(fromBlockedIn(group.stack(), group.blockedIn()), group.state(), group.delta()));
		html.raw("<section id=\"growth\"><h2>Growth <span class=\"n\">(groups that gained threads, by how many)</span></h2>");
		if (growth.isEmpty()) {
			html.raw("<p class=\"none\">No group gained threads.</p>");
		}
		else {
			legend(html);
			growth.write(html, "Flame graph of the threads gained since the snapshot");
		}
		html.raw("</section><section id=\"changes\"><h2>Groups <span class=\"n\">(").raw(diff.groups().size())
			.raw(" shown)</span></h2>");
		if (diff.groups().isEmpty()) {
			html.raw("<p class=\"none\">No group changed.</p>");
		}
		else {
			html.raw("<table><thead><tr><th class=\"num\">&plusmn;</th><th class=\"num\">before</th>"
					+ "<th class=\"num\">after</th><th>pool</th><th>state</th><th>stack</th></tr></thead><tbody>");
			for (ThreadLeaksDiff.GroupChange group : diff.groups()) {
				html.raw("<tr><td class=\"num ").raw((group.delta() > 0) ? "up" : (group.delta() < 0) ? "down" : "muted")
					.raw("\">")
					.text(signed(group.delta())).raw("</td><td class=\"num\">").raw(group.before())
					.raw("</td><td class=\"num\">").raw(group.after()).raw("</td><td><code>").text(group.pool())
					.raw("</code></td><td>").text(group.state()).raw("</td><td>");
				stack(html, fromBlockedIn(group.stack(), group.blockedIn()));
				createdBy(html, group.createdBy());
				html.raw("</td></tr>");
			}
			html.raw("</tbody></table>");
		}
		html.raw("</section>");
		diffThreads(html, "Appeared", diff.added(), diff.addedCount());
		diffThreads(html, "Ended", diff.ended(), diff.endedCount());
		html.raw("</main></body></html>\n");
		return html.toString();
	}

	/**
	 * A page that says what went wrong, for a browser that asked for a page.
	 * @param status the HTTP status
	 * @param error its reason phrase
	 * @param message what was wrong
	 * @return the page
	 */
	static String error(int status, String error, String message) {
		Html html = new Html(2048);
		head(html, "threadleaks \u2014 " + status + " " + error);
		html.raw("<header><h1>threadleaks</h1><p>").raw(status).raw(" ").text(error)
			.raw("</p></header><main><section><p>").text(message)
			.raw("</p></section></main></body></html>\n");
		return html.toString();
	}

	private static void head(Html html, String title) {
		html.raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
			.text(title)
			.raw("</title><style>")
			.raw(STYLE)
			.raw("</style></head><body>");
	}

	private static void suspects(Html html, ThreadLeaksReport report) {
		html.raw("<section id=\"suspects\"><h2>Leak suspects <span class=\"n\">(").raw(report.suspects().size())
			.raw(")</span></h2>");
		if (report.computedAt() == null) {
			html.raw("<p class=\"none\">Leak detection has no result yet.</p></section>");
			return;
		}
		if (report.suspects().isEmpty()) {
			html.raw("<p class=\"none\">No group keeps growing.</p></section>");
			return;
		}
		for (ThreadLeaksReport.Suspect suspect : report.suspects()) {
			html.raw("<div class=\"suspect\"><h3><code>").text(suspect.pool()).raw("</code> &middot; ").raw(suspect.count())
				.raw(suspect.virtual() ? " virtual threads" : " threads").raw(" &middot; ").text(suspect.state())
				.raw("</h3><p><span class=\"warn\">+").raw(suspect.growth()).raw("</span> over ")
				.text(horizonText(suspect.horizon())).raw(", ").text(suspect.ratePerMinute()).raw("/min since ")
				.text(suspect.since());
			if (suspect.stuck() > 0) {
				html.raw(" &middot; ").raw(suspect.stuck()).raw(" stuck");
			}
			if ("code".equals(suspect.groupedBy())) {
				html.raw(" &middot; grouped by code: ").raw(suspect.distinctNames()).raw(" thread names");
			}
			html.raw("</p>");
			sparkline(html, suspect);
			html.raw("<p>blocked in <code>").text(first(suspect.stack())).raw("</code></p>");
			if (suspect.proof() != null) {
				html.raw("<p class=\"").raw((suspect.proof().leaked() > 0) ? "warn" : "muted").raw("\">")
					.text(suspect.proof().text()).raw(" <span class=\"muted\">(heap proof at ")
					.text(suspect.proof().at()).raw(")</span></p>");
			}
			createdBy(html, suspect.createdBy());
			names(html, "newest", suspect.threadNames(), suspect.count());
			stackDetails(html, suspect.stack());
			html.raw("</div>");
		}
		html.raw("</section>");
	}

	private static void stuck(Html html, List<ThreadLeaksReport.Stuck> stuck) {
		html.raw("<section id=\"stuck\"><h2>Stuck threads <span class=\"n\">(").raw(stuck.size()).raw(")</span></h2>");
		if (stuck.isEmpty()) {
			html.raw("<p class=\"none\">No thread is stuck.</p></section>");
			return;
		}
		for (ThreadLeaksReport.Stuck group : stuck) {
			html.raw("<div class=\"stuck\"><h3><code>").text(group.pool()).raw("</code> &middot; ").raw(group.count())
				.raw((group.count() == 1) ? " thread" : " threads").raw(" &middot; ").text(group.state());
			if (group.cpuRising()) {
				html.raw(" &middot; <span class=\"warn\">CPU rising: a busy loop</span>");
			}
			html.raw("</h3><p>no progress for ").raw((group.count() == 1) ? "" : "up to ")
				.text(Duration.ofSeconds(group.stuckForSeconds())).raw(", since ").text(group.since());
			String waiting = FindingText.waitingFor(group.lockName(), group.lockOwnerName());
			if (waiting != null) {
				html.raw(" &middot; ").text(waiting);
			}
			html.raw("</p><p>at <code>").text(first(group.stack())).raw("</code></p>");
			names(html, "threads", group.threadNames(), group.count());
			stackDetails(html, group.stack());
			html.raw("</div>");
		}
		html.raw("</section>");
	}

	private static void deadlocks(Html html, List<ThreadLeaksReport.Deadlock> deadlocks) {
		html.raw("<section id=\"deadlocks\"><h2>Deadlocks <span class=\"n\">(").raw(deadlocks.size())
			.raw(")</span></h2>");
		if (deadlocks.isEmpty()) {
			html.raw("<p class=\"none\">No deadlock.</p></section>");
			return;
		}
		for (ThreadLeaksReport.Deadlock deadlock : deadlocks) {
			html.raw("<div class=\"deadlock\"><h3>").raw(deadlock.threads().size())
				.raw(" threads in a cycle</h3><ol>");
			for (ThreadLeaksReport.DeadlockedThread thread : deadlock.threads()) {
				html.raw("<li>")
					.text(FindingText.cycleStep(thread.name(), thread.holds(), thread.waitingFor(), thread.heldBy()))
					.raw(" <span class=\"muted\">at</span> <code>").text(first(thread.stack())).raw("</code></li>");
			}
			html.raw("</ol></div>");
		}
		html.raw("</section>");
	}

	private static void flame(Html html, ThreadLeaksReport report) {
		FlameGraph graph = new FlameGraph();
		long shown = 0;
		for (ThreadLeaksReport.Group group : report.groups()) {
			graph.add(fromBlockedIn(group.stack(), group.blockedIn()), group.state(), group.count());
			shown += group.count();
		}
		int otherGroups = report.groupCount() - report.groups().size();
		graph.addOther("other: " + otherGroups + " smaller groups", report.threads().live() - shown);
		html.raw("<section id=\"flame\"><h2>All threads <span class=\"n\">(flame graph: width by threads, "
				+ "root at the top, down to the frame each group waits in; hover a box for its frame)</span></h2>");
		legend(html);
		graph.write(html, "Flame graph of all " + report.threads().live() + " threads");
		html.raw("</section>");
	}

	private static void legend(Html html) {
		html.raw("<p class=\"legend\"><span><i class=\"l-runnable\"></i>RUNNABLE</span>"
				+ "<span><i class=\"l-blocked\"></i>BLOCKED</span><span><i class=\"l-waiting\"></i>WAITING</span>"
				+ "<span><i class=\"l-timed-waiting\"></i>TIMED_WAITING</span></p>");
	}

	private static void groups(Html html, String title, int groupCount, List<ThreadLeaksReport.Group> groups) {
		html.raw("<section id=\"groups\"><h2>").text(title).raw(" <span class=\"n\">(").raw(groupCount);
		if (groups.size() < groupCount) {
			html.raw(", the ").raw(groups.size()).raw(" largest shown");
		}
		html.raw(")</span></h2><table><thead><tr><th class=\"num\">threads</th><th>pool</th><th>state</th>"
				+ "<th>waiting in</th><th>names</th></tr></thead><tbody>");
		for (int i = 0; i < groups.size(); i++) {
			ThreadLeaksReport.Group group = groups.get(i);
			html.raw("<tr><td class=\"num\">").raw(group.count()).raw("</td><td><code>").text(group.pool())
				.raw("</code></td><td>").text(group.state()).raw("</td><td>");
			List<String> stack = fromBlockedIn(group.stack(), group.blockedIn());
			if (i < GROUPS_WITH_STACKS) {
				stack(html, stack);
			}
			else {
				html.raw("<code class=\"frame\">").text(first(stack)).raw("</code>");
			}
			createdBy(html, group.createdBy());
			html.raw("</td><td>");
			names(html, null, group.threadNames(), group.count());
			html.raw("</td></tr>");
		}
		html.raw("</tbody></table></section>");
	}

	private static void virtualThreads(Html html, ThreadLeaksReport.@Nullable VirtualThreads virtual) {
		if (virtual == null) {
			return;
		}
		if (virtual.takenAt() == null) {
			html.raw("<section id=\"virtual\"><h2>Virtual threads</h2><p class=\"none\">Not sampled yet.</p></section>");
			return;
		}
		html.raw("<section id=\"virtual\"><h2>Virtual threads <span class=\"n\">(").raw(virtual.live())
			.raw(" live at ").text(virtual.takenAt()).raw(")</span></h2><p>").text(PlainTextFormatter.states(virtual.states()));
		if (virtual.judged() < virtual.live()) {
			html.raw(" &middot; ").raw(virtual.judged()).raw(" judged (max-virtual-threads)");
		}
		html.raw("</p></section>");
		if (virtual.groupCount() > 0) {
			groups(html, "Groups of virtual threads", virtual.groupCount(), virtual.groups());
		}
	}

	private static void tasks(Html html, @Nullable TaskSummary tasks) {
		if (tasks == null) {
			return;
		}
		html.raw("<section id=\"tasks\"><h2>Tracked tasks</h2><p>").raw(tasks.active()).raw(" running; ended ")
			.raw(tasks.succeeded()).raw(" succeeded, ").raw(tasks.failed()).raw(" failed, ").raw(tasks.cancelled())
			.raw(" cancelled, ").raw(tasks.timedOut()).raw(" timed out</p></section>");
	}

	private static void snapshots(Html html, List<ThreadLeaksReport.Snapshot> snapshots) {
		html.raw("<section id=\"snapshots\"><h2>Snapshots <span class=\"n\">(").raw(snapshots.size())
			.raw(")</span></h2>");
		if (snapshots.isEmpty()) {
			html.raw("<p class=\"none\">None stored: <code>POST</code> to this endpoint to take one, "
					+ "then open its diff here.</p></section>");
			return;
		}
		html.raw("<table><thead><tr><th>id</th><th>name</th><th>taken at</th><th class=\"num\">threads</th>"
				+ "<th></th></tr></thead><tbody>");
		for (ThreadLeaksReport.Snapshot snapshot : snapshots) {
			html.raw("<tr><td>").text(snapshot.id()).raw("</td><td>").text(snapshot.name()).raw("</td><td>")
				.text(snapshot.takenAt()).raw("</td><td class=\"num\">").raw(snapshot.threads())
				.raw("</td><td><a href=\"threadleaks/").attr(snapshot.id()).raw("\">diff to now</a></td></tr>");
		}
		html.raw("</tbody></table></section>");
	}

	private static void diffThreads(Html html, String what, List<ThreadLeaksDiff.Thread> threads, int total) {
		if (total == 0) {
			return;
		}
		html.raw("<section><h2>").text(what).raw(" <span class=\"n\">(").raw(total);
		if (threads.size() < total) {
			html.raw(", ").raw(threads.size()).raw(" shown");
		}
		html.raw(")</span></h2><table><thead><tr><th>thread</th><th>pool</th><th>state</th><th>at</th></tr></thead>"
				+ "<tbody>");
		for (ThreadLeaksDiff.Thread thread : threads) {
			html.raw("<tr><td>").text(FindingText.quoted(thread.name())).raw(" #").raw(thread.id()).raw("</td><td><code>")
				.text(thread.pool()).raw("</code></td><td>").text(thread.state()).raw("</td><td><code>")
				.text(thread.topFrame()).raw("</code>");
			if (thread.createdAt() != null) {
				html.raw("<br><span class=\"muted\">created at</span> <code>").text(thread.createdAt()).raw("</code>");
			}
			html.raw("</td></tr>");
		}
		html.raw("</tbody></table></section>");
	}

	private static void stack(Html html, List<String> stack) {
		html.raw("<code class=\"frame\">").text(first(stack)).raw("</code>");
		if (stack.size() > 1) {
			stackDetails(html, stack);
		}
	}

	private static void stackDetails(Html html, List<String> stack) {
		html.raw("<details><summary>stack (").raw(stack.size()).raw(" frames)</summary><ol class=\"stack\">");
		stack.forEach((frame) -> html.raw("<li class=\"frame\">").text(frame).raw("</li>"));
		html.raw("</ol></details>");
	}

	private static void createdBy(Html html, ThreadLeaksReport.@Nullable CreatedBy createdBy) {
		String line = (createdBy != null) ? FindingText.createdBy(createdBy.at(), createdBy.thread()) : null;
		if (line != null) {
			html.raw("<p class=\"muted\">").text(line).raw("</p>");
		}
	}

	private static void names(Html html, @Nullable String label, List<String> names, int count) {
		html.raw("<span class=\"muted\">");
		if (label != null) {
			html.text(label).raw(": ");
		}
		html.raw("</span>");
		List<String> shown = names.subList(0, Math.min(MAX_NAMES, names.size()));
		for (int i = 0; i < shown.size(); i++) {
			html.raw((i > 0) ? ", " : "").raw("<code>").text(shown.get(i)).raw("</code>");
		}
		if (shown.size() < count) {
			html.raw(" <span class=\"muted\">&hellip; (").raw(count - shown.size()).raw(" more)</span>");
		}
	}

	/**
	 * The stack from the frame the threads wait in down: the JDK's parking and locking frames
	 * above it say nothing about which code waits.
	 */
	private static List<String> fromBlockedIn(List<String> stack, @Nullable String blockedIn) {
		int at = (blockedIn != null) ? stack.indexOf(blockedIn) : -1;
		return (at > 0) ? stack.subList(at, stack.size()) : stack;
	}

	/**
	 * The suspect's count over the horizon it grew in as a small line: oldest left, its scale
	 * from the lowest to the highest count; hovering it lists the points.
	 */
	private static void sparkline(Html html, ThreadLeaksReport.Suspect suspect) {
		List<TrendPoint> history = suspect.history();
		if (history.size() < 2) {
			return;
		}
		int width = 160;
		int height = 28;
		int low = history.stream().mapToInt(TrendPoint::count).min().orElse(0);
		int high = Math.max(low + 1, history.stream().mapToInt(TrendPoint::count).max().orElse(1));
		StringBuilder points = new StringBuilder();
		StringBuilder title = new StringBuilder("threads over ").append(suspect.horizon()).append(':');
		for (int i = 0; i < history.size(); i++) {
			TrendPoint point = history.get(i);
			long x = Math.round(2 + (width - 4) * (double) i / (history.size() - 1));
			long y = Math.round(height - 2 - (height - 4) * (double) (point.count() - low) / (high - low));
			points.append((i > 0) ? " " : "").append(x).append(',').append(y);
			title.append(' ').append(point.count());
		}
		html.raw("<p><svg class=\"spark\" role=\"img\" width=\"").raw(width).raw("\" height=\"").raw(height)
			.raw("\" viewBox=\"0 0 ").raw(width).raw(" ").raw(height).raw("\"><title>").text(title)
			.raw("</title><polyline points=\"").raw(points.toString()).raw("\"/></svg> <span class=\"muted\">")
			.raw(history.get(0).count()).raw(" &rarr; ").raw(history.get(history.size() - 1).count())
			.raw(" threads</span></p>");
	}

	/** {@code PT20M} as a person reads it, {@code 20 minutes}. */
	static String horizonText(String isoDuration) {
		try {
			Duration horizon = Duration.parse(isoDuration);
			long minutes = horizon.toMinutes();
			if (minutes >= 120 && minutes % 60 == 0) {
				return (minutes / 60) + " hours (" + isoDuration + ")";
			}
			return (minutes >= 1) ? minutes + " minutes (" + isoDuration + ")" : horizon.toSeconds() + " s";
		}
		catch (RuntimeException ex) {
			return isoDuration;
		}
	}

	private static String first(List<String> stack) {
		return stack.isEmpty() ? "(no Java frames)" : stack.get(0);
	}

	private static String ref(SnapshotRef ref) {
		String which = (ref.id() != null) ? ref.id() + ((ref.name() != null) ? " \"" + ref.name() + "\"" : "") : "now";
		return which + " (" + ref.takenAt() + ", " + ref.threads() + " threads)";
	}

	private static String signed(long value) {
		return (value > 0) ? "+" + value : Long.toString(value);
	}

	private static String sha256(String text) {
		try {
			return Base64.getEncoder()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
