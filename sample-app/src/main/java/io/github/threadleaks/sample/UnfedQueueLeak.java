package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

/**
 * Go's "channel nobody serves", the JVM way: every call starts listener threads that wait
 * in {@link BlockingQueue#take()} on a queue no code will ever feed. They never end.
 */
@Component
public class UnfedQueueLeak {

	private final AtomicInteger started = new AtomicInteger();

	private final List<Thread> leaked = new CopyOnWriteArrayList<>();

	/**
	 * Starts listeners that wait forever.
	 * @param count how many
	 * @return the names of the threads started
	 */
	public List<String> leak(int count) {
		BlockingQueue<String> nobodyFeedsThis = new LinkedBlockingQueue<>();
		List<String> names = new CopyOnWriteArrayList<>();
		for (int i = 0; i < count; i++) {
			Thread listener = new Thread(() -> awaitOrder(nobodyFeedsThis),
					"order-listener-" + this.started.incrementAndGet());
			listener.setDaemon(true);
			listener.start();
			this.leaked.add(listener);
			names.add(listener.getName());
		}
		return names;
	}

	/**
	 * Interrupts every leaked listener, so the demo can be run again from a clean state.
	 * @return how many were interrupted
	 */
	public int release() {
		int released = 0;
		for (Thread listener : this.leaked) {
			listener.interrupt();
			released++;
		}
		this.leaked.clear();
		return released;
	}

	private static void awaitOrder(BlockingQueue<String> queue) {
		try {
			queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
