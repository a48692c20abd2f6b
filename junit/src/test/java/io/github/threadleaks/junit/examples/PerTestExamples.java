package io.github.threadleaks.junit.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Example test classes for the per-test check; each runs only through EngineTestKit. */
public final class PerTestExamples {

	private PerTestExamples() {
	}

	@Example
	@NoThreadLeaks
	public static class LeavesThreadBlocked {

		@Test
		void leavesThreadBlocked() {
			Blockers.startBlocked("leaky-listener", false);
		}

	}

	@Example
	@NoThreadLeaks
	public static class LeavesDaemonBlocked {

		@Test
		void leavesDaemonBlocked() {
			Blockers.startBlocked("leaky-daemon", true);
		}

	}

	@Example
	@NoThreadLeaks
	public static class StartsNothing {

		@Test
		void startsNothing() {
			assertThat(Thread.currentThread().isAlive()).isTrue();
		}

	}

	@Example
	@NoThreadLeaks
	public static class ThreadEndsLater {

		@Test
		void threadEnds300MillisAfterTheTest() {
			Thread thread = new Thread(() -> {
				try {
					Thread.sleep(300);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "ends-in-300-ms");
			Blockers.track(thread);
			thread.start();
		}

	}

	@Example
	@NoThreadLeaks
	public static class ExecutorShutDownWithoutAwait {

		@Test
		void shutsDownWithoutAwaiting() throws Exception {
			ExecutorService executor = Executors.newFixedThreadPool(4);
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				int n = i;
				results.add(executor.submit(() -> n * n));
			}
			for (Future<Integer> result : results) {
				result.get();
			}
			executor.shutdown();
		}

	}

	@Example
	@NoThreadLeaks
	public static class ExecutorNeverShutDown {

		public static ExecutorService executor;

		@Test
		void neverShutsDown() throws Exception {
			executor = Executors.newSingleThreadExecutor();
			executor.submit(() -> 42).get();
		}

	}

	@Example
	public static class AnnotatedMethodOnly {

		@Test
		@NoThreadLeaks
		void checked() {
			Blockers.startBlocked("leaky-checked", false);
		}

		@Test
		void notChecked() {
			Blockers.startBlocked("leaky-unchecked", false);
		}

	}

	@Example
	@NoThreadLeaks
	public static class HostileName {

		@Test
		void leavesThreadWithHostileName() {
			Blockers.startBlocked("evil\nat fake.Frame(Fake.java:1)\u001b[31m\u202eexit\u2028done\\u0041", false);
		}

	}

	@Example
	@NoThreadLeaks(creationSites = true)
	public static class LeakWithCreationSite {

		@Test
		void leavesThreadBlocked() {
			startListener();
		}

		private static void startListener() {
			Blockers.startBlocked("leaky-with-site", false);
		}

	}

	@Example
	@NoThreadLeaks
	public static class RepeatedLeak {

		@org.junit.jupiter.api.RepeatedTest(3)
		void leaksEachTime(org.junit.jupiter.api.RepetitionInfo repetition) {
			Blockers.startBlocked("repeated-" + repetition.getCurrentRepetition(), true);
		}

	}

}
