package io.github.threadleaks.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.snapshot.SafeText;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each finding once at WARN when it first appears and once at INFO when it clears:
 * operators read logs before dashboards, and a finding repeated every interval is noise.
 */
final class FindingsLog {

	private static final Logger logger = LoggerFactory.getLogger("io.github.threadleaks");

	private static final int LOGGED_FRAMES = 5;

	private Map<Object, String> suspects = Map.of();

	private Map<Object, String> stuck = Map.of();

	private Map<Object, String> deadlocks = Map.of();

	void update(DetectionResult result) {
		this.suspects = log(this.suspects, result.suspects().stream()
			.collect(Collectors.toMap(FindingsLog::key,
					FindingsLog::describe, (a, b) -> a)),
				"Thread leak suspected: ", "Thread leak suspect cleared: ");
		this.stuck = log(this.stuck, result.stuck().stream()
			.collect(Collectors.toMap((g) -> List.of(g.pool(), g.state(), g.stack()), FindingsLog::describe,
					(a, b) -> a)),
				"Stuck threads: ", "Stuck threads made progress, ended or joined a suspect: ");
		this.deadlocks = log(this.deadlocks, result.deadlocks().stream()
			.collect(Collectors.toMap((d) -> d.threads().stream().map(Deadlock.DeadlockedThread::id).sorted().toList(),
					FindingsLog::describe, (a, b) -> a)),
				"Deadlock: ", "Deadlock cleared (its threads ended): ");
	}

	private static Map<Object, String> log(Map<Object, String> before, Map<Object, String> now, String appeared,
			String cleared) {
		now.forEach((key, text) -> {
			if (!before.containsKey(key)) {
				logger.warn("{}{}", appeared, text);
			}
		});
		before.forEach((key, text) -> {
			if (!now.containsKey(key)) {
				logger.info("{}{}", cleared, firstLine(text));
			}
		});
		return new HashMap<>(now);
	}

	/**
	 * A suspect grouped by code keeps its key while new names change its common prefix.
	 */
	private static Object key(Suspect suspect) {
		return List.of(suspect.groupedBy(), (suspect.groupedBy() == Suspect.GroupedBy.POOL) ? suspect.pool() : "",
				suspect.state(), suspect.stack(), suspect.virtual());
	}

	static String describe(Suspect suspect) {
		return FindingText.suspect(suspect) + frames(suspect.stack()) + createdBy(suspect.createdBy());
	}

	private static String createdBy(@Nullable CreationSite site) {
		String line = (site != null) ? FindingText.createdBy(site.originText(), site.creatorThread()) : null;
		return (line != null) ? "\n\t" + line : "";
	}

	static String describe(StuckGroup group) {
		return FindingText.stuck(group) + frames(group.stack());
	}

	static String describe(Deadlock deadlock) {
		StringBuilder text = new StringBuilder(FindingText.deadlockHeadline(deadlock));
		for (Deadlock.DeadlockedThread thread : deadlock.threads()) {
			text.append("\n  ").append(FindingText.waitsFor(thread.name(), thread.id(), thread.waitingFor(),
					thread.heldBy()));
			String holds = FindingText.holds(thread.holds());
			if (holds != null) {
				text.append(", ").append(holds);
			}
			text.append(frames(thread.stack()));
		}
		return text.toString();
	}

	private static String frames(List<StackTraceElement> stack) {
		return stack.stream()
			.limit(LOGGED_FRAMES)
			.map((frame) -> "\n\tat " + FindingText.frame(frame))
			.collect(Collectors.joining());
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end < 0) ? text : text.substring(0, end);
	}

}
