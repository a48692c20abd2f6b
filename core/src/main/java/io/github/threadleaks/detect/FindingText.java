package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;


import io.github.threadleaks.snapshot.SafeText;
import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * The words for each finding, written here once: the log, the health details, the text
 * report and the page all use them, so a deadlock or a creation site reads the same
 * wherever an operator meets it.
 */
public final class FindingText {

	private FindingText() {
	}

	/**
	 * One thread of a deadlock: {@code 'a' (#12) waits for java.lang.Object@1b2c held by 'b'}.
	 * @param name the thread's name
	 * @param id its id, or {@code null} where the line names no ids (one-line summaries)
	 * @param waitingFor the lock it waits for
	 * @param heldBy the name of the thread holding that lock, or {@code null} if unknown
	 * @return the phrase
	 */
	public static String waitsFor(String name, @Nullable Long id, String waitingFor, @Nullable String heldBy) {
		return quoted(name) + ((id != null) ? " (#" + id + ")" : "") + " waits for " + SafeText.neutralize(waitingFor)
				+ ((heldBy != null) ? " held by " + quoted(heldBy) : "");
	}

	/**
	 * One step of a deadlock cycle as a person reads it:
	 * {@code 'a' holds X, waits for Y held by 'b'}.
	 * @param name the thread's name
	 * @param holds the locks it holds
	 * @param waitingFor the lock it waits for
	 * @param heldBy the name of the thread holding that lock, or {@code null} if unknown
	 * @return the phrase
	 */
	public static String cycleStep(String name, List<String> holds, String waitingFor, @Nullable String heldBy) {
		return quoted(name) + (holds.isEmpty() ? "" : " holds " + SafeText.neutralize(String.join(", ", holds)) + ",")
				+ " waits for " + SafeText.neutralize(waitingFor) + ((heldBy != null) ? " held by " + quoted(heldBy) : "");
	}

	/**
	 * A deadlock on one line, each thread of its cycle in turn:
	 * {@code 'a' waits for X held by 'b'; 'b' waits for Y held by 'a'}.
	 * @param deadlock the cycle
	 * @return the line
	 */
	public static String deadlockLine(Deadlock deadlock) {
		return deadlock.threads()
			.stream()
			.map((thread) -> waitsFor(thread.name(), null, thread.waitingFor(), thread.heldBy()))
			.collect(Collectors.joining("; "));
	}

	/**
	 * A deadlock's headline: {@code 2 threads: 'a', 'b'}.
	 * @param deadlock the cycle
	 * @return the headline
	 */
	public static String deadlockHeadline(Deadlock deadlock) {
		return deadlock.threads().size() + " threads: "
				+ deadlock.threads().stream().map((thread) -> quoted(thread.name())).collect(Collectors.joining(", "));
	}

	/**
	 * The locks a deadlocked thread holds: {@code holds X, Y}, or {@code null} for none.
	 * @param locks the locks
	 * @return the phrase, or {@code null}
	 */
	public static @Nullable String holds(List<String> locks) {
		return locks.isEmpty() ? null : "holds " + SafeText.neutralize(String.join(", ", locks));
	}

	/**
	 * What a stuck thread waits for: {@code waiting for X held by 'b'}, or {@code null} when
	 * it waits for no lock.
	 * @param lockName the lock, or {@code null}
	 * @param lockOwnerName the name of the thread holding it, or {@code null}
	 * @return the phrase, or {@code null}
	 */
	public static @Nullable String waitingFor(@Nullable String lockName, @Nullable String lockOwnerName) {
		if (lockName == null) {
			return null;
		}
		return "waiting for " + SafeText.neutralize(lockName)
				+ ((lockOwnerName != null) ? " held by " + quoted(lockOwnerName) : "");
	}

	/**
	 * Go's "created by" line: {@code created by com.example.Handler.handle(Handler.java:42) in "http-nio-8080-exec-3"}.
	 * @param at the code that started the threads, or {@code null} where unknown
	 * @param creatorThread the thread that ran it, or {@code null} where unknown
	 * @return the line, or {@code null} when the site is unknown
	 */
	public static @Nullable String createdBy(@Nullable String at, @Nullable String creatorThread) {
		if (at == null) {
			return null;
		}
		return "created by " + SafeText.neutralize(at)
				+ ((creatorThread != null) ? " in \"" + SafeText.neutralize(creatorThread) + "\"" : "");
	}

	/**
	 * How a suspect grew: {@code +12 over PT20M (0.5/min since 2026-01-01T00:00:00Z)}.
	 * @param growth the growth
	 * @param horizon over how long
	 * @param ratePerMinute arrivals a minute
	 * @param since when the growth started
	 * @return the phrase
	 */
	public static String growth(int growth, Duration horizon, double ratePerMinute, Instant since) {
		return "+" + growth + " over " + horizon + " (" + ratePerMinute + "/min since " + since + ")";
	}

	/**
	 * What a suspect's threads have in common: {@code pool 'order-listener-#'}, or for threads
	 * grouped by their code, {@code code, 23 thread names 'fetch-*'}.
	 * @param pool the pool, or the names' common beginning with {@code *}
	 * @param groupedBy what groups them
	 * @param distinctNames how many names they have
	 * @return the phrase
	 */
	public static String groupedBy(String pool, Suspect.GroupedBy groupedBy, int distinctNames) {
		if (groupedBy == Suspect.GroupedBy.CODE) {
			return "the same code, " + distinctNames + " thread names " + quoted(pool);
		}
		return "pool " + quoted(pool);
	}

	/**
	 * A suspect on one line:
	 * {@code 14 threads in pool 'order-listener-#' (WAITING), +12 over PT20M (0.5/min since ...), 2 stuck, e.g. 'a', 'b'}.
	 * @param suspect the suspect
	 * @return the line
	 */
	public static String suspect(Suspect suspect) {
		return suspect.count() + (suspect.virtual() ? " virtual threads" : " threads") + " in "
				+ groupedBy(suspect.pool(), suspect.groupedBy(), suspect.distinctNames()) + " (" + suspect.state()
				+ "), " + growth(suspect.growth(), suspect.horizon(), suspect.ratePerMinute(), suspect.since())
				+ ((suspect.stuck() > 0) ? ", " + suspect.stuck() + " stuck" : "") + ", e.g. "
				+ names(suspect.threadNames());
	}

	/**
	 * A group of stuck threads on one line:
	 * {@code 3 threads in pool 'worker-#' (BLOCKED) made no progress for up to 620s (since ...), e.g. 'a', 'b'};
	 * a busy loop says {@code RUNNABLE, CPU rising}.
	 * @param group the group
	 * @return the line
	 */
	public static String stuck(StuckGroup group) {
		String waiting = waitingFor(group.lockName(), group.lockOwnerName());
		return group.count() + ((group.count() == 1) ? " thread" : " threads") + " in pool " + quoted(group.pool())
				+ " (" + group.state() + (group.cpuRising() ? ", CPU rising" : "") + ") made no progress for "
				+ ((group.count() == 1) ? "" : "up to ") + group.stuckFor().toSeconds() + "s (since " + group.since()
				+ ")" + ((waiting != null) ? ", " + waiting : "") + ", e.g. " + names(group.threadNames());
	}

	/**
	 * Thread names as the findings list them: {@code 'a', 'b'}.
	 * @param names the names
	 * @return the list
	 */
	public static String names(List<String> names) {
		return names.stream().map(FindingText::quoted).collect(Collectors.joining(", "));
	}

	/**
	 * A thread's name as the findings quote it, {@code 'name'}, its control characters
	 * neutralised (a name comes from application code).
	 * @param name the name
	 * @return the quoted name
	 */
	public static String quoted(String name) {
		return "'" + SafeText.neutralize(name) + "'";
	}

	/**
	 * A frame as the findings show it: its text, neutralised.
	 * @param frame the frame
	 * @return its text
	 */
	public static String frame(StackTraceElement frame) {
		return SafeText.neutralize(StackFrames.format(frame));
	}

}
