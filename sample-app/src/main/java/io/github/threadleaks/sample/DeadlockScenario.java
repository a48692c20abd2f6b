package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * Two threads that each hold one lock and wait for the other's: with {@code synchronized}
 * monitors or with {@link ReentrantLock}s. Nothing can break either; only a restart does,
 * which is why a deadlock turns the liveness probe DOWN.
 */
@Component
public class DeadlockScenario {

	private final AtomicInteger cycles = new AtomicInteger();

	/**
	 * Deadlocks two threads on two monitors.
	 * @return their names
	 */
	public List<String> monitorCycle() {
		Object left = new Object();
		Object right = new Object();
		CountDownLatch bothHoldOne = new CountDownLatch(2);
		String prefix = "deadlock-monitor-" + this.cycles.incrementAndGet() + "-";
		start(prefix + "a", () -> {
			synchronized (left) {
				awaitOther(bothHoldOne);
				synchronized (right) {
					right.notifyAll();
				}
			}
		});
		start(prefix + "b", () -> {
			synchronized (right) {
				awaitOther(bothHoldOne);
				synchronized (left) {
					left.notifyAll();
				}
			}
		});
		return List.of(prefix + "a", prefix + "b");
	}

	/**
	 * Deadlocks two threads on two {@link ReentrantLock}s.
	 * @return their names
	 */
	public List<String> lockCycle() {
		ReentrantLock left = new ReentrantLock();
		ReentrantLock right = new ReentrantLock();
		CountDownLatch bothHoldOne = new CountDownLatch(2);
		String prefix = "deadlock-lock-" + this.cycles.incrementAndGet() + "-";
		start(prefix + "a", () -> lockBoth(left, right, bothHoldOne));
		start(prefix + "b", () -> lockBoth(right, left, bothHoldOne));
		return List.of(prefix + "a", prefix + "b");
	}

	private static void lockBoth(ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHoldOne) {
		held.lock();
		try {
			awaitOther(bothHoldOne);
			wanted.lock();
			wanted.unlock();
		}
		finally {
			held.unlock();
		}
	}

	private static void awaitOther(CountDownLatch bothHoldOne) {
		bothHoldOne.countDown();
		try {
			bothHoldOne.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void start(String name, Runnable body) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		thread.start();
	}

}
