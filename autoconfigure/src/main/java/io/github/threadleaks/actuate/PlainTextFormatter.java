package io.github.threadleaks.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.threadleaks.detect.FindingText;
import io.github.threadleaks.diff.SnapshotDiff.SnapshotRef;
import io.github.threadleaks.snapshot.SafeText;

/**
 * Writes reports and diffs as plain text for a terminal: totals first, then each group as
 * its count, pool, state and frames, most populous (or most grown) first.
 */
class PlainTextFormatter {

	private static final String INDENT = "    ";

	String format(ThreadLeaksReport report) {
		StringBuilder text = new StringBuilder(4096);
		ThreadLeaksReport.Threads threads = report.threads();
		text.append("threadleaks report, threads dumped at ").append(report.takenAt()).append('\n');
		text.append("threads: ").append(threads.live()).append(" live, ").append(threads.daemon())
			.append(" daemon, peak ").append(threads.peak()).append(", ").append(threads.started())
			.append(" started since the JVM started\n");
		text.append("states: ").append(states(threads.states())).append('\n');
		ThreadLeaksReport.VirtualThreads virtual = report.virtualThreads();
		if (virtual != null) {
			if (virtual.takenAt() == null) {
				text.append("virtual threads: not sampled yet\n");
			}
			else {
				text.append("virtual threads: ").append(virtual.live()).append(" live at ").append(virtual.takenAt());
				if (virtual.judged() < virtual.live()) {
					text.append(", ").append(virtual.judged()).append(" judged (max-virtual-threads)");
				}
				text.append(", states: ").append(states(virtual.states())).append('\n');
			}
		}
		findings(text, report);
		if (report.tasks() != null) {
			TaskSummary tasks = report.tasks();
			text.append("\ntracked tasks: ").append(tasks.active()).append(" running; ended ").append(tasks.succeeded())
				.append(" succeeded, ").append(tasks.failed()).append(" failed, ").append(tasks.cancelled())
				.append(" cancelled, ").append(tasks.timedOut()).append(" timed out\n");
		}
		text.append("\nsnapshots stored: ").append(report.snapshots().size());
		for (ThreadLeaksReport.Snapshot snapshot : report.snapshots()) {
			text.append("\n  ").append(snapshot.id()).append(name(snapshot.name())).append(" taken at ")
				.append(snapshot.takenAt()).append(", ").append(snapshot.threads()).append(" threads");
		}
		text.append("\n\n");
		groups(text, "groups", report.groupCount(), report.groups());
		if (virtual != null && virtual.groupCount() > 0) {
			text.append("\n\n");
			groups(text, "groups of virtual threads", virtual.groupCount(), virtual.groups());
		}
		return text.toString();
	}

	private static void groups(StringBuilder text, String what, int groupCount, List<ThreadLeaksReport.Group> shown) {
		text.append(groupCount).append(' ').append(what);
		if (shown.size() < groupCount) {
			text.append(", the ").append(shown.size()).append(" largest shown");
		}
		text.append("\n");
		for (ThreadLeaksReport.Group group : shown) {
			text.append('\n').append(group.count()).append(group.count() == 1 ? " thread  " : " threads  ")
				.append("pool=").append(safe(group.pool())).append("  state=").append(group.state()).append('\n');
			text.append(INDENT).append("names: ").append(safe(String.join(", ", group.threadNames())));
			if (group.threadNames().size() < group.count()) {
				text.append(", ... (").append(group.count() - group.threadNames().size()).append(" more)");
			}
			text.append('\n');
			frames(text, group.stack(), group.stackTruncated());
			createdBy(text, group.createdBy());
		}
	}

	private static void findings(StringBuilder text, ThreadLeaksReport report) {
		if (report.computedAt() == null) {
			text.append("\nleak detection: no result yet\n");
			return;
		}
		text.append("\nleak detection at ").append(report.computedAt()).append('\n');
		text.append("\nsuspects: ").append(report.suspects().isEmpty() ? "none" : report.suspects().size())
			.append('\n');
		for (ThreadLeaksReport.Suspect suspect : report.suspects()) {
			text.append('\n').append(suspect.count()).append(suspect.virtual() ? " virtual threads  pool=" : " threads  pool=")
				.append(safe(suspect.pool()))
				.append("  state=").append(suspect.state()).append("  grouped by ").append(suspect.groupedBy())
				.append("  growth ").append(FindingText.growth(suspect.growth(), Duration.parse(suspect.horizon()),
						suspect.ratePerMinute(), suspect.since()));
			if (suspect.stuck() > 0) {
				text.append("  stuck: ").append(suspect.stuck());
			}
			text.append('\n');
			if (suspect.history().size() > 1) {
				text.append(INDENT).append("trend: ").append(suspect.history()
					.stream()
					.map((point) -> Integer.toString(point.count()))
					.collect(Collectors.joining(" -> "))).append(" threads, a point per sixth of ")
					.append(suspect.horizon()).append('\n');
			}
			if (suspect.proof() != null) {
				text.append(INDENT).append(suspect.proof().text()).append(" (heap proof at ")
					.append(suspect.proof().at()).append(")\n");
			}
			text.append(INDENT).append("newest: ").append(safe(String.join(", ", suspect.threadNames())));
			if ("code".equals(suspect.groupedBy())) {
				text.append(" (").append(suspect.distinctNames()).append(" names)");
			}
			text.append('\n');
			frames(text, suspect.stack(), false);
			createdBy(text, suspect.createdBy());
		}
		if (!report.suspectsByCreationSite().isEmpty()) {
			text.append("\nsuspects by creation site:\n");
			for (ThreadLeaksReport.SuspectsBySite bySite : report.suspectsByCreationSite()) {
				text.append(INDENT).append(safe(bySite.createdAt())).append(": ").append(bySite.count())
					.append(" threads, growth +").append(bySite.growth()).append(", pools ")
					.append(safe(String.join(", ", bySite.pools()))).append('\n');
			}
		}
		text.append("\nstuck: ").append(report.stuck().isEmpty() ? "none" : report.stuck().size()).append('\n');
		for (ThreadLeaksReport.Stuck stuck : report.stuck()) {
			text.append('\n').append(stuck.count()).append(stuck.count() == 1 ? " thread  pool=" : " threads  pool=")
				.append(safe(stuck.pool())).append("  state=").append(stuck.state())
				.append(stuck.cpuRising() ? "  CPU rising (busy loop)" : "").append("  no progress for ")
				.append((stuck.count() == 1) ? "" : "up to ").append(stuck.stuckForSeconds()).append("s since ")
				.append(stuck.since()).append('\n');
			text.append(INDENT).append("names: ").append(FindingText.names(stuck.threadNames()));
			if (stuck.threadNames().size() < stuck.count()) {
				text.append(", ... (").append(stuck.count() - stuck.threadNames().size()).append(" more)");
			}
			text.append('\n');
			String waiting = FindingText.waitingFor(stuck.lockName(), stuck.lockOwnerName());
			if (waiting != null) {
				text.append(INDENT).append(waiting).append('\n');
			}
			frames(text, stuck.stack(), false);
		}
		text.append("\ndeadlocks: ").append(report.deadlocks().isEmpty() ? "none" : report.deadlocks().size())
			.append('\n');
		for (ThreadLeaksReport.Deadlock deadlock : report.deadlocks()) {
			text.append('\n').append(deadlock.threads().size()).append(" threads in a cycle\n");
			for (ThreadLeaksReport.DeadlockedThread thread : deadlock.threads()) {
				text.append(FindingText.waitsFor(thread.name(), thread.id(), thread.waitingFor(), thread.heldBy()))
					.append('\n');
				String holds = FindingText.holds(thread.holds());
				if (holds != null) {
					text.append(INDENT).append(holds).append('\n');
				}
				frames(text, thread.stack(), false);
			}
		}
	}

	String format(ThreadLeaksDiff diff) {
		StringBuilder text = new StringBuilder(4096);
		text.append("threadleaks diff from snapshot ").append(ref(diff.from())).append(" to ").append(ref(diff.to()))
			.append('\n');
		int before = diff.from().threads();
		int after = diff.to().threads();
		text.append("threads: ").append(before).append(" -> ").append(after).append(" (").append(signed(after - before))
			.append("), ").append(diff.addedCount()).append(" appeared, ").append(diff.endedCount())
			.append(" ended\n");
		for (ThreadLeaksDiff.GroupChange group : diff.groups()) {
			text.append('\n').append(signed(group.delta())).append("  pool=").append(safe(group.pool())).append("  state=")
				.append(group.state()).append("  (").append(group.before()).append(" -> ").append(group.after())
				.append(")\n");
			frames(text, group.stack(), false);
			createdBy(text, group.createdBy());
		}
		threads(text, "appeared", diff.added(), diff.addedCount());
		threads(text, "ended", diff.ended(), diff.endedCount());
		return text.toString();
	}

	private static void threads(StringBuilder text, String what, List<ThreadLeaksDiff.Thread> threads, int total) {
		if (total == 0) {
			return;
		}
		text.append('\n').append(what).append(" (").append(total).append("):\n");
		for (ThreadLeaksDiff.Thread thread : threads) {
			text.append(INDENT).append('"').append(safe(thread.name())).append("\" #").append(thread.id()).append(' ')
				.append(thread.state());
			if (thread.topFrame() != null) {
				text.append(" at ").append(safe(thread.topFrame()));
			}
			if (thread.createdAt() != null) {
				text.append(", created at ").append(safe(thread.createdAt()));
			}
			text.append('\n');
		}
		if (threads.size() < total) {
			text.append(INDENT).append("... (").append(total - threads.size()).append(" more)\n");
		}
	}

	/**
	 * Go's "created by" line: the code that started the threads and the thread that ran it,
	 * then the starting frames down to that code.
	 */
	private static void createdBy(StringBuilder text, ThreadLeaksReport.CreatedBy createdBy) {
		String line = (createdBy != null) ? FindingText.createdBy(createdBy.at(), createdBy.thread()) : null;
		if (line != null) {
			text.append(INDENT).append(line).append('\n');
		}
	}

	private static void frames(StringBuilder text, List<String> stack, boolean truncated) {
		for (String frame : stack) {
			text.append(INDENT).append("at ").append(safe(frame)).append('\n');
		}
		if (truncated) {
			text.append(INDENT).append("... (cut at max-stack-depth)\n");
		}
	}

	/** Thread states with their counts, the empty ones left out: {@code RUNNABLE 8, WAITING 48}. */
	static String states(Map<Thread.State, Integer> states) {
		StringBuilder text = new StringBuilder();
		states.forEach((state, count) -> {
			if (count > 0) {
				text.append((text.length() > 0) ? ", " : "").append(state).append(' ').append(count);
			}
		});
		return text.toString();
	}

	private static String ref(SnapshotRef ref) {
		String which = (ref.id() != null) ? ref.id() + name(ref.name()) : "now";
		return which + " (" + ref.takenAt() + ", " + ref.threads() + " threads)";
	}

	private static String name(String name) {
		return (name != null) ? " \"" + safe(name) + "\"" : "";
	}

	private static String signed(int value) {
		return (value > 0) ? "+" + value : Integer.toString(value);
	}

	/** Names and frames come from application code: shown, never obeyed. */
	private static String safe(String text) {
		return SafeText.neutralize(text);
	}

}
