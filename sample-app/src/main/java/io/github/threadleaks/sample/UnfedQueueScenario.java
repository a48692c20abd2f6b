package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * A channel nobody serves: listeners wait in {@code BlockingQueue.take()} on a queue no code
 * will ever feed.
 */
@Component
class UnfedQueueScenario implements Scenario {

	private final TaskTracker tracker;

	private final List<Thread> leaked = new CopyOnWriteArrayList<>();

	UnfedQueueScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "unfed-queue";
	}

	@Override
	public String leak() {
		return "a listener thread waits in BlockingQueue.take() on a queue nobody feeds";
	}

	@Override
	public String fix() {
		return "a tracked task polls with a timeout and ends when its deadline passes";
	}

	@Override
	public String pool() {
		return "order-listener-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.LinkedBlockingQueue.take";
	}

	@Override
	public List<String> runLeaky(int count) {
		BlockingQueue<String> nobodyFeedsThis = new LinkedBlockingQueue<>();
		return Scenarios.repeat(count, () -> Scenarios.startThread("order-listener", () -> {
			this.leaked.add(Thread.currentThread());
			awaitOrder(nobodyFeedsThis);
		}));
	}

	@Override
	public List<String> runFixed(int count) {
		BlockingQueue<String> orders = new LinkedBlockingQueue<>();
		return Scenarios.tracked(this.tracker, "order-listener", count, 500, (scope) -> {
			try {
				while (!scope.isCancelled()) {
					String order = orders.poll(100, TimeUnit.MILLISECONDS);
					if (order != null) {
						return order;
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		});
	}

	private static void awaitOrder(BlockingQueue<String> orders) {
		try {
			orders.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Interrupts every leaked listener, so the demo can be run again from a clean state.
	 */
	int release() {
		int released = this.leaked.size();
		this.leaked.forEach(Thread::interrupt);
		this.leaked.clear();
		return released;
	}

}
