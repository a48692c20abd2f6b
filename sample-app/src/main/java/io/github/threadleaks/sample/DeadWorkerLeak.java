package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Go's "a panic leaves an upstream waiter forever", the JVM way: a worker thread dies of an
 * uncaught exception before it completes the future its caller waits on, and the caller
 * waits in {@code CompletableFuture.get()} forever.
 */
@Component
public class DeadWorkerLeak {

	private final AtomicInteger started = new AtomicInteger();

	/**
	 * Starts one caller and the worker that will die on it.
	 * @return the two threads' names
	 */
	public List<String> leak() {
		int n = this.started.incrementAndGet();
		CompletableFuture<String> receipt = new CompletableFuture<>();
		Thread caller = new Thread(() -> awaitReceipt(receipt), "order-caller-" + n);
		caller.setDaemon(true);
		caller.start();
		Thread worker = new Thread(() -> receipt.complete(printReceipt(null)), "order-worker-" + n);
		worker.setDaemon(true);
		worker.start();
		return List.of(caller.getName(), worker.getName());
	}

	private static String printReceipt(String order) {
		return "receipt for " + order.trim();
	}

	private static void awaitReceipt(CompletableFuture<String> receipt) {
		try {
			receipt.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
