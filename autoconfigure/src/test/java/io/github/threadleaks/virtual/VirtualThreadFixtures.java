package io.github.threadleaks.virtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Leaks of real virtual threads, reached by reflection because the tests compile with
 * {@code --release 17}; only Java 21+ runs them. {@link #close()} releases and ends every
 * thread.
 */
final class VirtualThreadFixtures implements AutoCloseable {

	private final CountDownLatch release = new CountDownLatch(1);

	private final ThreadFactory unnamed;

	private final List<ExecutorService> executors = new ArrayList<>();

	private final List<Thread> threads = new ArrayList<>();

	VirtualThreadFixtures() {
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			this.unnamed = (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Virtual threads need Java 21+", ex);
		}
	}

	/** Unnamed virtual threads started outside any executor, each waiting for an order. */
	void leakWaitingForOrders(int count) {
		for (int i = 0; i < count; i++) {
			Thread thread = this.unnamed.newThread(this::waitForAnOrderThatNeverComes);
			thread.start();
			this.threads.add(thread);
		}
	}

	/** One executor per request, never closed, its task waiting for a reply forever. */
	void executorPerRequest(int requests) {
		for (int i = 0; i < requests; i++) {
			try {
				ExecutorService perRequest = (ExecutorService) Executors.class
					.getMethod("newVirtualThreadPerTaskExecutor")
					.invoke(null);
				this.executors.add(perRequest);
				perRequest.execute(this::awaitReplyForever);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
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
