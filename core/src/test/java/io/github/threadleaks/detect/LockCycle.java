package io.github.threadleaks.detect;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two threads deadlocked on two {@link ReentrantLock}s, taken with
 * {@code lockInterruptibly} so that {@link #close()} can break the cycle (a monitor
 * deadlock cannot be broken, so it is tested in a process of its own, the sample app).
 */
public final class LockCycle implements AutoCloseable {

	private final Thread first;

	private final Thread second;

	private LockCycle(Thread first, Thread second) {
		this.first = first;
		this.second = second;
	}

	/**
	 * Starts the two threads, named {@code prefix + "a"} and {@code prefix + "b"}.
	 */
	public static LockCycle start(String prefix) {
		ReentrantLock one = new ReentrantLock();
		ReentrantLock other = new ReentrantLock();
		CountDownLatch bothHoldOne = new CountDownLatch(2);
		return new LockCycle(lockBoth(prefix + "a", one, other, bothHoldOne),
				lockBoth(prefix + "b", other, one, bothHoldOne));
	}

	public Thread first() {
		return this.first;
	}

	public Thread second() {
		return this.second;
	}

	@Override
	public void close() throws InterruptedException {
		this.first.interrupt();
		this.second.interrupt();
		this.first.join(10_000);
		this.second.join(10_000);
	}

	private static Thread lockBoth(String name, ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHoldOne) {
		Thread thread = new Thread(() -> {
			try {
				held.lockInterruptibly();
				try {
					bothHoldOne.countDown();
					bothHoldOne.await();
					wanted.lockInterruptibly();
					wanted.unlock();
				}
				finally {
					held.unlock();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
