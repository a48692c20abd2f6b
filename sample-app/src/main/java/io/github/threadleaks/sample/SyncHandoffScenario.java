package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * A send nobody receives: producers {@code put} into a {@code SynchronousQueue} no consumer
 * reads, and wait for a hand-off that never comes.
 */
@Component
class SyncHandoffScenario implements Scenario {

	private final TaskTracker tracker;

	SyncHandoffScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "sync-handoff";
	}

	@Override
	public String leak() {
		return "a producer puts into a SynchronousQueue nobody reads";
	}

	@Override
	public String fix() {
		return "offer with a timeout inside a tracked task, and give up";
	}

	@Override
	public String pool() {
		return "handoff-producer-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.SynchronousQueue.put";
	}

	@Override
	public List<String> runLeaky(int count) {
		SynchronousQueue<String> nobodyReads = new SynchronousQueue<>();
		return Scenarios.repeat(count, () -> Scenarios.startThread("handoff-producer", () -> {
			try {
				nobodyReads.put("invoice");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
	}

	@Override
	public List<String> runFixed(int count) {
		SynchronousQueue<String> handoff = new SynchronousQueue<>();
		return Scenarios.tracked(this.tracker, "handoff-producer", count, 1000, (scope) -> {
			try {
				return handoff.offer("invoice", 200, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		});
	}

}
