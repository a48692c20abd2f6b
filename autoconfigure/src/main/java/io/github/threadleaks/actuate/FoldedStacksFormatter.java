package io.github.threadleaks.actuate;

import java.util.List;

import io.github.threadleaks.diff.SnapshotDiff.GroupDelta;
import io.github.threadleaks.snapshot.SafeText;
import io.github.threadleaks.snapshot.ThreadGroupSummary;

/**
 * Writes groups as folded stacks, the input of flamegraph.pl and speedscope: one line per
 * group, frames root first separated by {@code ;}, a space and the count. A stack that was
 * cut at the depth limit starts with a {@value #TRUNCATED} frame, so a flame graph shows the
 * cut instead of a false root.
 */
class FoldedStacksFormatter {

	static final String TRUNCATED = "[truncated]";

	/** The one frame of a thread with no Java frames, such as the JVM's service threads. */
	static final String NO_JAVA_FRAMES = "[no-java-frames]";

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
			// the last space of a line separates the count, so a frame must have none
			text.append(SafeText.neutralize(frame.getClassName()).replace(' ', '_')).append('.')
				.append(SafeText.neutralize(frame.getMethodName()).replace(' ', '_'));
		}
		if (text.length() == start) {
			text.append(NO_JAVA_FRAMES);
		}
		text.append(' ').append(count).append('\n');
	}

}
