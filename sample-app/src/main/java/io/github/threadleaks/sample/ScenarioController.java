package io.github.threadleaks.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Triggers the leak scenarios, and lists them with the commands to inspect them.
 */
@RestController
public class ScenarioController {

	private static final int MAX_THREADS_PER_CALL = 1000;

	private final UnfedQueueLeak unfedQueue;

	private final DeadlockScenario deadlocks;

	private final DeadWorkerLeak deadWorker;

	private final StreamingScenario streaming;

	private final StubbornShutdownScenario stubborn;

	ScenarioController(UnfedQueueLeak unfedQueue, DeadlockScenario deadlocks, DeadWorkerLeak deadWorker,
			StreamingScenario streaming, StubbornShutdownScenario stubborn) {
		this.unfedQueue = unfedQueue;
		this.deadlocks = deadlocks;
		this.deadWorker = deadWorker;
		this.streaming = streaming;
		this.stubborn = stubborn;
	}

	@GetMapping(path = "/stream/ticks", produces = "text/event-stream")
	SseEmitter ticks() {
		return this.streaming.ticks();
	}

	@GetMapping("/slow/job")
	DeferredResult<String> slowJob(@RequestParam(defaultValue = "1000") long timeoutMs) {
		return this.streaming.slowJob(Math.max(1, Math.min(timeoutMs, 60_000)));
	}

	@PostMapping("/leaks/stubborn")
	Map<String, Object> stubborn() {
		return Map.of("started", this.stubborn.start());
	}

	@GetMapping(path = "/", produces = "text/plain")
	String index() {
		return """
				threadleaks sample app: deliberate thread leaks, and the starter naming them

				Scenarios
				  curl -X POST 'localhost:8080/leaks/unfed-queue?count=25'   threads wait in BlockingQueue.take() forever
				  curl -X POST localhost:8080/leaks/release                  interrupt every leaked thread
				  curl -X POST localhost:8080/leaks/dead-worker              a worker dies of an exception; its caller waits forever
				  curl -N localhost:8080/stream/ticks                         streaming work, cancelled when the client goes away (Ctrl-C)
				  curl 'localhost:8080/slow/job?timeoutMs=1000'              async request whose work is cancelled at its timeout
				  curl -X POST localhost:8080/leaks/stubborn                 work that ignores interrupts + a non-daemon thread: see the shutdown report
				  curl -X POST 'localhost:8080/leaks/deadlock?kind=monitor'  two threads deadlock on synchronized (or kind=lock)
				                                                             (a deadlock lasts until restart; liveness turns 503)

				Inspect
				  curl -i localhost:8080/actuator/health/liveness                   liveness, with threadLeaks in it
				  curl localhost:8080/actuator/trackedtasks                         tracked work, its scope and stack
				  curl localhost:8080/actuator/threadleaks                          JSON report
				  curl -H 'Accept: text/plain' localhost:8080/actuator/threadleaks  text report
				  curl 'localhost:8080/actuator/threadleaks?format=folded'          folded stacks for flame graphs
				  curl -X POST localhost:8080/actuator/threadleaks -H 'Content-Type: application/json' -d '{"name":"before"}'
				  curl -H 'Accept: text/plain' localhost:8080/actuator/threadleaks/1   diff from snapshot 1 to now
				  curl -X DELETE localhost:8080/actuator/threadleaks/1
				""";
	}

	@PostMapping("/leaks/unfed-queue")
	ResponseEntity<Map<String, Object>> unfedQueue(@RequestParam(defaultValue = "10") int count) {
		if (count < 1 || count > MAX_THREADS_PER_CALL) {
			return ResponseEntity.badRequest()
				.body(Map.of("message", "count must be between 1 and " + MAX_THREADS_PER_CALL + ", was " + count));
		}
		List<String> names = this.unfedQueue.leak(count);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("leaked", names.size());
		body.put("blockedIn", "java.util.concurrent.LinkedBlockingQueue.take");
		body.put("threads", names);
		return ResponseEntity.ok(body);
	}

	@PostMapping("/leaks/deadlock")
	ResponseEntity<Map<String, Object>> deadlock(@RequestParam(defaultValue = "monitor") String kind) {
		List<String> threads = switch (kind) {
			case "monitor" -> this.deadlocks.monitorCycle();
			case "lock" -> this.deadlocks.lockCycle();
			default -> null;
		};
		if (threads == null) {
			return ResponseEntity.badRequest()
				.body(Map.of("message", "kind must be 'monitor' or 'lock', was '" + kind + "'"));
		}
		return ResponseEntity.ok(Map.of("deadlocked", threads, "kind", kind));
	}

	@PostMapping("/leaks/dead-worker")
	Map<String, Object> deadWorker() {
		return Map.of("threads", this.deadWorker.leak(), "blockedIn", "java.util.concurrent.CompletableFuture.get");
	}

	@PostMapping("/leaks/release")
	Map<String, Object> release() {
		return Map.of("released", this.unfedQueue.release());
	}

}
