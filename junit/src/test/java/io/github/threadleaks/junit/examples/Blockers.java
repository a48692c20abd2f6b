package io.github.threadleaks.junit.examples;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Threads the example tests leave behind, blocked until the real test releases them: every
 * thread an example starts is ended by the test that ran it.
 */
public final class Blockers {

	private static final Object lock = new Object();

	private static final List<Thread> started = new CopyOnWriteArrayList<>();

	private static boolean released;

	private Blockers() {
	}

	/**
	 * Starts a thread that waits in {@link #waitUntilReleased()} until {@link #releaseAll()}.
	 * @param name its name
	 * @param daemon whether it is a daemon thread
	 * @return the thread
	 */
	public static Thread startBlocked(String name, boolean daemon) {
		synchronized (lock) {
			released = false;
		}
		Thread thread = new Thread(Blockers::waitUntilReleased, name);
		thread.setDaemon(daemon);
		started.add(thread);
		thread.start();
		return thread;
	}

	/** Keeps a thread started elsewhere to be ended by {@link #releaseAll()}. */
	public static void track(Thread thread) {
		started.add(thread);
	}

	public static void waitUntilReleased() {
		synchronized (lock) {
			while (!released) {
				try {
					lock.wait();
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/**
	 * Releases every blocked thread and waits for each to end.
	 * @return the threads that did not end within 10 seconds (none, normally)
	 */
	public static List<Thread> releaseAll() throws InterruptedException {
		synchronized (lock) {
			released = true;
			lock.notifyAll();
		}
		for (Thread thread : started) {
			thread.interrupt();
			thread.join(Duration.ofSeconds(10).toMillis());
		}
		List<Thread> alive = started.stream().filter(Thread::isAlive).toList();
		started.clear();
		return alive;
	}

}
