package io.github.threadleaks.junit.examples;

import org.junit.jupiter.api.Test;

/** Example test classes for the end-of-run check: no per-test check, only the run's. */
public final class EndOfRunExamples {

	private EndOfRunExamples() {
	}

	@Example
	public static class LeavesThreadForTheRun {

		@Test
		void leavesThread() {
			Blockers.startBlocked("left-for-the-run", false);
		}

	}

	@Example
	public static class EndsItsThread {

		@Test
		void endsItsThread() throws InterruptedException {
			Thread thread = new Thread(() -> {
			}, "short-lived");
			thread.start();
			thread.join();
		}

	}

}
