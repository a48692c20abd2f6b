package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * Waiting on a result nobody will produce: {@code CompletableFuture.get()} on a future no
 * code completes.
 */
@Component
class LostFutureScenario implements Scenario {

	private final TaskTracker tracker;

	LostFutureScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "lost-future";
	}

	@Override
	public String leak() {
		return "a thread waits in CompletableFuture.get() on a future nobody completes";
	}

	@Override
	public String fix() {
		return "get with a timeout inside a tracked task";
	}

	@Override
	public String pool() {
		return "quote-waiter-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.CompletableFuture.get";
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			CompletableFuture<String> quote = new CompletableFuture<>();
			return Scenarios.startThread("quote-waiter", () -> {
				try {
					quote.get();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException(ex);
				}
			});
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.tracked(this.tracker, "quote-waiter", count, 1000, (scope) -> {
			CompletableFuture<String> quote = new CompletableFuture<>();
			try {
				return quote.get(200, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				return "no quote";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		});
	}

}
