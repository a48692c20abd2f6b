package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * A lock never released: one thread holds the ledger's monitor forever, and every writer
 * blocks entering {@code synchronized}.
 */
@Component
class HeldLockScenario implements Scenario {

	private final TaskTracker tracker;

	private final Object ledger = new Object();

	private final ReentrantLock fixedLedger = new ReentrantLock();

	private volatile boolean holderStarted;

	HeldLockScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "held-lock";
	}

	@Override
	public String leak() {
		return "writers block entering a synchronized lock another thread never releases";
	}

	@Override
	public String fix() {
		return "ReentrantLock.tryLock with a timeout inside a tracked task";
	}

	@Override
	public String pool() {
		return "ledger-writer-#";
	}

	@Override
	public String blockedIn() {
		return "io.github.threadleaks.sample.HeldLockScenario.append";
	}

	@Override
	public List<String> runLeaky(int count) {
		holdTheLedgerForever();
		return Scenarios.repeat(count, () -> Scenarios.startThread("ledger-writer", this::append));
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.tracked(this.tracker, "ledger-writer", count, 1000, (scope) -> {
			try {
				if (this.fixedLedger.tryLock(100, TimeUnit.MILLISECONDS)) {
					this.fixedLedger.unlock();
					return "appended";
				}
				return "ledger busy, try later";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		});
	}

	void append() {
		synchronized (this.ledger) {
			this.ledger.notifyAll();
		}
	}

	private synchronized void holdTheLedgerForever() {
		if (this.holderStarted) {
			return;
		}
		this.holderStarted = true;
		CountDownLatch never = new CountDownLatch(1);
		Scenarios.startThread("ledger-lock-holder", () -> {
			synchronized (this.ledger) {
				try {
					never.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		});
	}

}
