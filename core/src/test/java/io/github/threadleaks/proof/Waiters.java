package io.github.threadleaks.proof;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Threads for the proof tests. A leaked thread must be unreachable, so a test keeps nothing
 * of it but its id: it finds the thread again by enumerating all threads (which no heap
 * can see, and which the proof documents as outside its model) and runs the release the
 * thread itself carries, as an application never would.
 */
final class Waiters {

	private Waiters() {
	}

	/** A thread that carries the action that ends its wait. */
	static final class Waiter extends Thread {

		private volatile Runnable release;

		Waiter(String name, Runnable body, Runnable release) {
			super(body, name);
			this.release = release;
			setDaemon(true);
		}

		void release() {
			this.release.run();
		}

		void releaseWith(Runnable release) {
			this.release = release;
		}

	}

	/** What a leaked wait needs: the blocking call and the call that ends it, over objects only they hold. */
	interface Scenario {

		void await() throws Exception;

		void release();

	}

	/** What a scenario's thread does until it is released. */
	interface Body {

		void run() throws Exception;

	}

	/**
	 * A scenario from its two halves.
	 * @param await what the thread does until released
	 * @param release what releases it
	 * @return the scenario
	 */
	static Scenario scenario(Body await, Runnable release) {
		return new Scenario() {
			@Override
			public void await() throws Exception {
				await.run();
			}

			@Override
			public void release() {
				release.run();
			}
		};
	}

	/**
	 * Starts a thread running a scenario and returns once it waits in the expected frame.
	 * @return its id: the only thing the caller keeps
	 */
	static long start(String name, Scenario scenario, String expectedFrame) {
		return start(name, scenario, expectedFrame, false);
	}

	/** Starts a thread that blocks RUNNABLE in native code (a socket read), once it is in the expected frame. */
	static long startInNativeCode(String name, Scenario scenario, String expectedFrame) {
		return start(name, scenario, expectedFrame, true);
	}

	private static long start(String name, Scenario scenario, String expectedFrame, boolean runnable) {
		Waiter waiter = new Waiter(name, () -> {
			try {
				scenario.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				// ended by its release
			}
		}, scenario::release);
		waiter.start();
		long id = waiter.getId();
		if (runnable) {
			await().atMost(Duration.ofSeconds(20))
				.pollInSameThread()
				.pollInterval(Duration.ofMillis(10))
				.until(() -> isInFrame(id, expectedFrame, true));
		}
		else {
			awaitWaiting(id, expectedFrame);
		}
		return id;
	}

	static void awaitWaiting(long id, String expectedFrame) {
		await().atMost(Duration.ofSeconds(20))
			.pollInSameThread()
			.pollInterval(Duration.ofMillis(10))
			.until(() -> isWaitingIn(id, expectedFrame));
	}

	static boolean isWaitingIn(long id, String expectedFrame) {
		return isInFrame(id, expectedFrame, false);
	}

	private static boolean isInFrame(long id, String expectedFrame, boolean runnable) {
		ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(id, 64);
		if (info == null || (info.getThreadState() == Thread.State.RUNNABLE) != runnable
				|| (runnable && !info.getStackTrace()[0].isNativeMethod())) {
			return false;
		}
		return Arrays.stream(info.getStackTrace())
			.anyMatch((frame) -> (frame.getClassName() + "." + frame.getMethodName()).contains(expectedFrame));
	}

	static Thread find(long id) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getId() == id)
			.findFirst()
			.orElse(null);
	}

	/** Ends threads by id: runs each one's release, interrupts it, and waits until it is gone. */
	static void end(Collection<Long> ids) {
		for (long id : ids) {
			Thread thread = find(id);
			if (thread instanceof Waiter waiter) {
				waiter.release();
			}
			if (thread != null) {
				thread.interrupt();
			}
		}
		await().atMost(Duration.ofSeconds(30))
			.pollInSameThread()
			.pollInterval(Duration.ofMillis(20))
			.until(() -> ids.stream().allMatch((id) -> find(id) == null));
	}

	static List<Long> ids(Long... ids) {
		return List.of(ids);
	}

}
