package io.github.threadleaks.sample;

import java.util.List;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * A loop that never ends: a thread computing forever, RUNNABLE with its CPU time rising; it
 * is reported as stuck.
 */
@Component
class BusyLoopScenario implements Scenario {

	private final TaskTracker tracker;

	BusyLoopScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "busy-loop";
	}

	@Override
	public String leak() {
		return "a report loop whose exit condition is never met";
	}

	@Override
	public String fix() {
		return "the same loop in a tracked task that checks its scope and has a deadline";
	}

	@Override
	public String pool() {
		return "report-crunch-#";
	}

	@Override
	public String blockedIn() {
		return "io.github.threadleaks.sample.BusyLoopScenario.crunch";
	}

	@Override
	public boolean oneOff() {
		return true;
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> Scenarios.startThread("report-crunch", () -> crunch(() -> false)));
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.tracked(this.tracker, "report-crunch", count, 500,
				(scope) -> crunch(scope::isCancelled));
	}

	static double crunch(java.util.function.BooleanSupplier done) {
		double total = 0;
		while (!done.getAsBoolean()) {
			for (int i = 1; i < 10_000; i++) {
				total += Math.sqrt(i) / i;
			}
		}
		return total;
	}

}
