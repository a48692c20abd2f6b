package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * A slow leak: each failed request leaves one thread waiting for a receipt that never
 * comes. Failures come a few a minute, fewer than {@code min-growth} a window, and never
 * stop; threadleaks names the group once it has grown by {@code min-growth} over a longer
 * horizon.
 */
@Component
class SlowLeakScenario implements Scenario {

	private final TaskTracker tracker;

	SlowLeakScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "slow-leak";
	}

	@Override
	public String leak() {
		return "each failed request leaves a thread waiting in CountDownLatch.await() for a receipt that never comes; "
				+ "run it a few times a minute, slower than min-growth a window";
	}

	@Override
	public String fix() {
		return "a tracked task waits with a timeout and ends when its deadline passes";
	}

	@Override
	public String pool() {
		return "receipt-waiter-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.CountDownLatch.await";
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			// the request failed: nobody will count this down
			CountDownLatch receipt = new CountDownLatch(1);
			return Scenarios.startThread("receipt-waiter", () -> awaitReceipt(receipt));
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.tracked(this.tracker, "receipt-waiter", count, 1000, (scope) -> {
			CountDownLatch receipt = new CountDownLatch(1);
			try {
				return receipt.await(200, TimeUnit.MILLISECONDS) ? "receipt" : "no receipt";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		});
	}

	private static void awaitReceipt(CountDownLatch receipt) {
		try {
			receipt.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
