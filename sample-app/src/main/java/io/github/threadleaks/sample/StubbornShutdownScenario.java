package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * What a graceful shutdown cannot stop: tracked work that swallows every interrupt, and a
 * non-daemon thread nobody stops. At SIGTERM the shutdown coordinator names the first, and
 * the leftover-thread report names the second.
 */
@Component
public class StubbornShutdownScenario {

	private final TaskTracker tracker;

	private final AtomicInteger started = new AtomicInteger();

	StubbornShutdownScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	public List<String> start() {
		int n = this.started.incrementAndGet();
		String taskName = "invoice-export-" + n;
		this.tracker.submit(taskName, StubbornShutdownScenario::ignoreInterrupts);
		Thread poller = new Thread(StubbornShutdownScenario::waitForever, "inventory-poller-" + n);
		// request threads are daemons and new threads inherit that; this one keeps the JVM alive
		poller.setDaemon(false);
		poller.start();
		return List.of(taskName, poller.getName());
	}

	private static void ignoreInterrupts() {
		while (true) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				// the bug: swallowing the interrupt, so cancellation never reaches this loop
			}
		}
	}

	private static void waitForever() {
		CountDownLatch never = new CountDownLatch(1);
		while (true) {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				// swallowed as well
			}
		}
	}

}
