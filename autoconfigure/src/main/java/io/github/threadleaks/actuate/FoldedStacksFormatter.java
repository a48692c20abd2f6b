package io.github.threadleaks.actuate;

import java.util.List;

import io.github.threadleaks.diff.SnapshotDiff.GroupDelta;
import io.github.threadleaks.snapshot.ThreadGroupSummary;

/**
 * Writes groups as folded stacks, the input of flamegraph.pl and speedscope: one line per
 * group, frames root first separated by {@code ;}, a space and the count. A stack that was
 * cut at the depth limit starts with a {@value #TRUNCATED} frame, so a flame graph shows the
 * cut instead of a false root.
 */
class FoldedStacksFormatter {

	static final String TRUNCATED = "[truncated]";

	String formatGroups(List<ThreadGroupSummary> groups) {
		StringBuilder text = new StringBuilder(groups.size() * 256);
		for (ThreadGroupSummary group : groups) {
			line(text, group.stack(), group.stackTruncated(), group.count());
		}
		return text.toString();
	}

	/**
	 * Only the groups that grew, weighted by their growth: a flame graph of what a diff
	 * added.
	 */
	String formatGrowth(List<GroupDelta> groups) {
		StringBuilder text = new StringBuilder();
		for (GroupDelta group : groups) {
			if (group.delta() > 0) {
				line(text, group.stack(), group.stackTruncated(), group.delta());
			}
		}
		return text.toString();
	}

	private static void line(StringBuilder text, List<StackTraceElement> stack, boolean truncated, int count) {
		int start = text.length();
		if (truncated) {
			text.append(TRUNCATED);
		}
		for (int i = stack.size() - 1; i >= 0; i--) {
			StackTraceElement frame = stack.get(i);
			if (text.length() > start) {
				text.append(';');
			}
			text.append(frame.getClassName()).append('.').append(frame.getMethodName());
		}
		if (text.length() == start) {
			text.append("[no Java frames]");
		}
		text.append(' ').append(count).append('\n');
	}

}
