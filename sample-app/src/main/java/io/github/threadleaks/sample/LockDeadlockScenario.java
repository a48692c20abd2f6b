package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * The same deadlock with {@link ReentrantLock}s: {@code java.util.concurrent} locks deadlock
 * just as monitors do.
 */
@Component
class LockDeadlockScenario implements Scenario {

	private final TaskTracker tracker;

	LockDeadlockScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "lock-deadlock";
	}

	@Override
	public String leak() {
		return "two threads lock the same two ReentrantLocks in opposite orders";
	}

	@Override
	public String fix() {
		return "tryLock with a timeout in a tracked task, backing off and retrying";
	}

	@Override
	public String pool() {
		return "settlement-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.locks.ReentrantLock.lock";
	}

	@Override
	public boolean oneOff() {
		return true;
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			ReentrantLock left = new ReentrantLock();
			ReentrantLock right = new ReentrantLock();
			CountDownLatch bothHoldOne = new CountDownLatch(2);
			Scenarios.startThread("settlement", () -> lockBoth(left, right, bothHoldOne));
			return Scenarios.startThread("settlement", () -> lockBoth(right, left, bothHoldOne));
		});
	}

	@Override
	public List<String> runFixed(int count) {
		ReentrantLock left = new ReentrantLock();
		ReentrantLock right = new ReentrantLock();
		return Scenarios.tracked(this.tracker, "settlement", count, 1000, (scope) -> {
			try {
				while (!scope.isCancelled()) {
					if (left.tryLock(20, TimeUnit.MILLISECONDS)) {
						try {
							if (right.tryLock(20, TimeUnit.MILLISECONDS)) {
								right.unlock();
								return "settled";
							}
						}
						finally {
							left.unlock();
						}
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return null;
		});
	}

	private static void lockBoth(ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHoldOne) {
		held.lock();
		try {
			bothHoldOne.countDown();
			try {
				bothHoldOne.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			wanted.lock();
			wanted.unlock();
		}
		finally {
			held.unlock();
		}
	}

}
