package io.github.threadleaks.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.awaitility.Awaitility.await;

/**
 * Real threads parked in a known method until released: the fixture of the engine tests.
 */
public final class BlockedThreads implements AutoCloseable {

	/** The method every thread waits in. */
	public static final String BLOCKING_METHOD = "waitForRelease";

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> threads = new ArrayList<>();

	private BlockedThreads() {
	}

	/**
	 * Starts threads and waits until each is parked in {@link #BLOCKING_METHOD}.
	 * @param namePrefix names are this prefix and a counter
	 * @param count how many
	 * @return the running fixture
	 */
	public static BlockedThreads start(String namePrefix, int count) {
		BlockedThreads fixture = new BlockedThreads();
		for (int i = 1; i <= count; i++) {
			Thread thread = new Thread(fixture::waitForRelease, namePrefix + i);
			thread.setDaemon(true);
			fixture.threads.add(thread);
			thread.start();
		}
		await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(fixture::allParked);
		return fixture;
	}

	public List<Thread> threads() {
		return this.threads;
	}

	/**
	 * Lets every thread end and waits until they have.
	 */
	@Override
	public void close() {
		this.release.countDown();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.threads.stream().noneMatch(Thread::isAlive));
	}

	private boolean allParked() {
		return this.threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING);
	}

	void waitForRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
