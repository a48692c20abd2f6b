package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.snapshot.SafeText;
import io.github.threadleaks.snapshot.HostileNames;
import io.github.threadleaks.tasks.LeftoverThreads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thread name, pool, lock name or creation-site thread from application code cannot forge
 * a log line or put a control character into the engine's text: the suspect, stuck and
 * deadlock WARNs, the uncaught-exception WARN and the stderr report of leftover threads.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostileNamesInTextTests {

	private static final String HOSTILE = HostileNames.EVERY_CLASS;

	private static final StackTraceElement FRAME = new StackTraceElement("com.example.Worker", "work", "Worker.java", 7);

	@Test
	void aSuspectsWarnNamesItsPoolThreadsAndCreatorHarmlessly() {
		Suspect suspect = new Suspect(HOSTILE, Thread.State.WAITING, List.of(FRAME), 12, 10, 2.0, Instant.EPOCH,
				List.of(HOSTILE, HOSTILE), new CreationSite(HOSTILE, List.of(FRAME)), false);
		assertHarmless(FindingsLog.describe(suspect), 3);
	}

	@Test
	void aStuckGroupsWarnNamesItsThreadsPoolAndLockHarmlessly() {
		StuckGroup stuck = new StuckGroup(HOSTILE, Thread.State.BLOCKED, List.of(FRAME), 2, Instant.EPOCH,
				Duration.ofMinutes(11), false, List.of(HOSTILE, HOSTILE), List.of(5L, 6L), HOSTILE, HOSTILE);
		assertHarmless(FindingsLog.describe(stuck), 2);
	}

	@Test
	void aDeadlocksWarnNamesItsThreadsAndLocksHarmlessly() {
		Deadlock deadlock = new Deadlock(List.of(
				new Deadlock.DeadlockedThread(1, HOSTILE, Thread.State.BLOCKED, HOSTILE, HOSTILE, 2, List.of(HOSTILE),
						List.of(FRAME)),
				new Deadlock.DeadlockedThread(2, HOSTILE, Thread.State.BLOCKED, HOSTILE, HOSTILE, 1, List.of(HOSTILE),
						List.of(FRAME))));
		assertHarmless(FindingsLog.describe(deadlock), 5);
		assertHarmless(FindingText.deadlockLine(deadlock), 1);
	}

	@Test
	void aThreadDyingOfAnUncaughtExceptionIsLoggedHarmlessly(CapturedOutput output) throws Exception {
		try (AutoCloseable listening = UncaughtExceptions.listen((thread, ex) -> {
		})) {
			Thread dying = new Thread(() -> {
				throw new IllegalStateException("boom " + HOSTILE + " (expected by the test)");
			}, HOSTILE);
			dying.start();
			dying.join(10_000);
		}
		String warn = output.getOut().lines()
			.filter((line) -> line.contains("died of an uncaught"))
			.findFirst()
			.orElseThrow();
		assertHarmless(warn, 1);
		assertThat(output.getOut()).doesNotContain(HOSTILE).doesNotContain("\u001b[31m");
	}

	@Test
	void theStderrReportOfLeftoverThreadsNamesThemHarmlessly() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Thread leftover = new Thread(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, HOSTILE);
		leftover.start();
		try {
			String report = LeftoverThreads.report(List.of(leftover));
			assertThat(report).startsWith("threadleaks: the application started a thread named [w-1\\n2026");
			assertThat(report.lines().filter((line) -> !line.startsWith("\tat "))).hasSize(1);
			assertThat(SafeText.firstUnsafe(report.replace("\n\tat ", ""))).isEqualTo(-1);
		}
		finally {
			release.countDown();
			leftover.join(10_000);
		}
	}

	/**
	 * The text has its own line structure and nothing else: as many lines as it means to
	 * have, no control character but its own line breaks and tabs, and the name escaped.
	 */
	private static void assertHarmless(String text, int lines) {
		assertThat(text.lines()).as(text).hasSize(lines);
		assertThat(text).contains("w-1\\n2026-01-01T00:00:00.000Z ERROR").doesNotContain(HOSTILE);
		String withoutOwnBreaks = text.replace("\n\t", " ").replace("\n  ", " ").replace("\n", " ");
		assertThat(SafeText.firstUnsafe(withoutOwnBreaks)).as(withoutOwnBreaks).isEqualTo(-1);
	}

}
