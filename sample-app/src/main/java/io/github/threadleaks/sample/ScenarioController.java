package io.github.threadleaks.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triggers the leak scenarios, and lists them with the commands to inspect them.
 */
@RestController
public class ScenarioController {

	private static final int MAX_THREADS_PER_CALL = 1000;

	private final UnfedQueueLeak unfedQueue;

	ScenarioController(UnfedQueueLeak unfedQueue) {
		this.unfedQueue = unfedQueue;
	}

	@GetMapping(path = "/", produces = "text/plain")
	String index() {
		return """
				threadleaks sample app: deliberate thread leaks, and the starter naming them

				Scenarios
				  curl -X POST 'localhost:8080/leaks/unfed-queue?count=25'   threads wait in BlockingQueue.take() forever
				  curl -X POST localhost:8080/leaks/release                  interrupt every leaked thread

				Inspect
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

	@PostMapping("/leaks/release")
	Map<String, Object> release() {
		return Map.of("released", this.unfedQueue.release());
	}

}
