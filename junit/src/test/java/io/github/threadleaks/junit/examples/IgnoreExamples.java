package io.github.threadleaks.junit.examples;

import io.github.threadleaks.junit.NoThreadLeaks;
import io.github.threadleaks.junit.ThreadLeakExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Example test classes for each ignore option: in each, one test's thread is ignored and the
 * other's is not, so an option that ignored everything would fail its test.
 */
public final class IgnoreExamples {

	private IgnoreExamples() {
	}

	@Example
	@NoThreadLeaks(ignoreNames = "expected-poller-*")
	public static class ByName {

		@Test
		void ignored() {
			Blockers.startBlocked("expected-poller-1", false);
		}

		@Test
		void notIgnored() {
			Blockers.startBlocked("unexpected-poller-1", false);
		}

	}

	@Example
	@NoThreadLeaks(ignoreTopFrames = "io.github.threadleaks.junit.examples.Blockers.waitUntilReleased")
	public static class ByTopFrame {

		@Test
		void ignored() {
			Blockers.startBlocked("waits-in-blockers", false);
		}

		@Test
		void notIgnored() {
			Thread thread = new Thread(IgnoreExamples::waitElsewhere, "waits-elsewhere");
			Blockers.track(thread);
			thread.start();
		}

	}

	@Example
	@NoThreadLeaks(ignoreAnyFrames = "*IgnoreExamples.pollForever")
	public static class ByAnyFrame {

		@Test
		void ignored() {
			Thread thread = new Thread(IgnoreExamples::pollForever, "polls-forever");
			Blockers.track(thread);
			thread.start();
		}

		@Test
		void notIgnored() {
			Blockers.startBlocked("waits-in-blockers", false);
		}

	}

	@Example
	@NoThreadLeaks(ignoreCreatedBy = "*IgnoreExamples$ByCreator.startExpectedThread")
	public static class ByCreator {

		@Test
		void ignored() {
			startExpectedThread();
		}

		@Test
		void notIgnored() {
			Blockers.startBlocked("started-elsewhere", false);
		}

		private static void startExpectedThread() {
			Blockers.startBlocked("started-by-expected-code", false);
		}

	}

	@Example
	public static class InCode {

		@RegisterExtension
		static final ThreadLeakExtension noLeaks = ThreadLeakExtension.builder().ignoreNames("coded-*").build();

		@Test
		void ignored() {
			Blockers.startBlocked("coded-1", false);
		}

		@Test
		void notIgnored() {
			Blockers.startBlocked("uncoded-1", false);
		}

	}

	@Example
	public static class ByConfigurationParameter {

		@NoThreadLeaks
		@Test
		void ignored() {
			Blockers.startBlocked("configured-1", false);
		}

		@NoThreadLeaks
		@Test
		void notIgnored() {
			Blockers.startBlocked("unconfigured-1", false);
		}

	}

	static void pollForever() {
		Blockers.waitUntilReleased();
	}

	/** Blocks in a frame of its own; {@link Blockers#releaseAll()} interrupts it. */
	static void waitElsewhere() {
		Object monitor = new Object();
		synchronized (monitor) {
			try {
				monitor.wait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
