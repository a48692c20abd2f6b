package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.stereotype.Component;

/**
 * An executor created per request and never shut down: its idle worker waits in
 * {@code ThreadPoolExecutor.getTask} forever. Idle workers look innocent one by one; growth
 * gives them away.
 */
@Component
class ExecutorPerRequestScenario implements Scenario {

	@Override
	public String name() {
		return "executor-per-request";
	}

	@Override
	public String leak() {
		return "Executors.newFixedThreadPool per request, never shut down";
	}

	@Override
	public String fix() {
		return "shut the executor down when the request is done (or share one)";
	}

	@Override
	public String pool() {
		return "pool-#-thread-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.LinkedBlockingQueue.take";
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			ExecutorService perRequest = Executors.newFixedThreadPool(1);
			CompletableFuture.runAsync(() -> { }, perRequest).join();
			return "pool-thread";
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.repeat(count, () -> {
			ExecutorService perRequest = Executors.newFixedThreadPool(1);
			try {
				CompletableFuture.runAsync(() -> { }, perRequest).join();
			}
			finally {
				perRequest.shutdown();
			}
			return "pool-thread (shut down)";
		});
	}

}
