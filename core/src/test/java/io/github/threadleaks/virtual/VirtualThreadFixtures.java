package io.github.threadleaks.virtual;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

import org.awaitility.Awaitility;

/**
 * Leaks of real virtual threads, reached by reflection because the tests compile with
 * {@code --release 17}; only Java 21+ runs them. {@link #close()} releases and ends every
 * thread.
 */
final class VirtualThreadFixtures implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);

	private final ThreadFactory unnamed;

	private final List<ExecutorService> executors = new ArrayList<>();

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	VirtualThreadFixtures() {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			this.unnamed = (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Virtual threads need Java 21+", ex);
		}
	}

	/**
	 * Unnamed virtual threads started outside any executor, each waiting for an order;
	 * returns once all of them wait.
	 */
	void leakWaitingForOrders(int count) {
		int before = this.threads.size();
		for (int i = 0; i < count; i++) {
			Thread thread = this.unnamed.newThread(this::waitForAnOrderThatNeverComes);
			this.threads.add(thread);
			thread.start();
		}
		awaitWaiting(before + count);
	}

	/**
	 * One executor per request, never closed, its task waiting for a reply forever; returns
	 * once every task waits.
	 */
	void executorPerRequest(int requests) {
		int before = this.threads.size();
		for (int i = 0; i < requests; i++) {
			try {
				ExecutorService perRequest = (ExecutorService) Executors.class
					.getMethod("newVirtualThreadPerTaskExecutor")
					.invoke(null);
				this.executors.add(perRequest);
				perRequest.execute(() -> {
					this.threads.add(Thread.currentThread());
					awaitReplyForever();
				});
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		awaitWaiting(before + requests);
	}

	/** Until that many threads were started and every one of them waits. */
	private void awaitWaiting(int started) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.threads.size() == started
					&& this.threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING));
	}

	private void waitForAnOrderThatNeverComes() {
		awaitRelease();
	}

	private void awaitReplyForever() {
		awaitRelease();
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		this.release.countDown();
		this.executors.forEach(ExecutorService::shutdown);
		for (Thread thread : this.threads) {
			try {
				thread.join(10_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
