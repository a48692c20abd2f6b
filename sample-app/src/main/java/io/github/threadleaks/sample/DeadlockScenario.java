package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.springframework.stereotype.Component;

/**
 * Two threads that each hold one {@code synchronized} monitor and wait for the other's.
 * Nothing can break it; only a restart does, which is why a deadlock turns the liveness probe
 * DOWN.
 */
@Component
class DeadlockScenario implements Scenario {

	@Override
	public String name() {
		return "deadlock";
	}

	@Override
	public String leak() {
		return "two threads take the same two monitors in opposite orders";
	}

	@Override
	public String fix() {
		return "every thread takes the monitors in one global order";
	}

	@Override
	public String pool() {
		return "transfer-#";
	}

	@Override
	public String blockedIn() {
		return "io.github.threadleaks.sample.DeadlockScenario.transfer";
	}

	@Override
	public boolean oneOff() {
		return true;
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			Object alice = new Object();
			Object bob = new Object();
			CountDownLatch bothHoldOne = new CountDownLatch(2);
			Scenarios.startThread("transfer", () -> transfer(alice, bob, bothHoldOne));
			return Scenarios.startThread("transfer", () -> transfer(bob, alice, bothHoldOne));
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.repeat(count, () -> {
			Object alice = new Object();
			Object bob = new Object();
			// one global order: whoever transfers, alice's account is locked first
			Scenarios.startThread("transfer-fixed", () -> transfer(alice, bob, new CountDownLatch(0)));
			return Scenarios.startThread("transfer-fixed", () -> transfer(alice, bob, new CountDownLatch(0)));
		});
	}

	static void transfer(Object from, Object to, CountDownLatch bothHoldOne) {
		synchronized (from) {
			bothHoldOne.countDown();
			try {
				bothHoldOne.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			synchronized (to) {
				to.notifyAll();
			}
		}
	}

}
