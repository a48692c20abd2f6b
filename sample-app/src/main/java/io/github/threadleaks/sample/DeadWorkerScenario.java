package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.springframework.stereotype.Component;

/**
 * A panic that leaves an upstream waiter forever: a worker dies of an uncaught exception
 * before completing the future its caller waits on.
 */
@Component
class DeadWorkerScenario implements Scenario {

	@Override
	public String name() {
		return "dead-worker";
	}

	@Override
	public String leak() {
		return "a worker dies of an exception before completing its caller's future";
	}

	@Override
	public String fix() {
		return "the worker completes the future exceptionally whatever happens";
	}

	@Override
	public String pool() {
		return "order-caller-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.CompletableFuture.get";
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			CompletableFuture<String> receipt = new CompletableFuture<>();
			String caller = Scenarios.startThread("order-caller", () -> awaitReceipt(receipt));
			Scenarios.startThread("order-worker", () -> receipt.complete(printReceipt(null)));
			return caller;
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.repeat(count, () -> {
			CompletableFuture<String> receipt = new CompletableFuture<>();
			String caller = Scenarios.startThread("order-caller-fixed", () -> awaitReceipt(receipt));
			Scenarios.startThread("order-worker-fixed", () -> {
				try {
					receipt.complete(printReceipt(null));
				}
				catch (RuntimeException ex) {
					receipt.completeExceptionally(ex);
				}
			});
			return caller;
		});
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
			// the fixed twin ends here: the caller learns the worker failed
		}
	}

}
