package io.github.threadleaks.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Triggers the leak scenarios and their fixed twins, and lists them with the commands to
 * inspect them.
 */
@RestController
public class ScenarioController {

	private static final int MAX_COUNT = 1000;

	private final Map<String, Scenario> scenarios;

	private final UnfedQueueScenario unfedQueue;

	private final StreamingScenario streaming;

	private final StubbornShutdownScenario stubborn;

	ScenarioController(List<Scenario> scenarios, UnfedQueueScenario unfedQueue, StreamingScenario streaming,
			StubbornShutdownScenario stubborn) {
		this.scenarios = scenarios.stream()
			.sorted(java.util.Comparator.comparing(Scenario::oneOff).thenComparing(Scenario::name))
			.collect(Collectors.toMap(Scenario::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		this.unfedQueue = unfedQueue;
		this.streaming = streaming;
		this.stubborn = stubborn;
	}

	@GetMapping(path = "/", produces = "text/plain")
	String index() {
		StringBuilder text = new StringBuilder("""
				threadleaks sample app: every way the Go guide says goroutines leak, the JVM way,
				each beside its fixed twin. Leak with POST /leaks/{name}, run the fix with POST /fixed/{name}.

				""");
		this.scenarios.values().forEach((scenario) -> text.append(String.format(
				"%s%n  leak:  %s%n  fix:   %s%n  names: pool=%s, blocked in %s%n  curl -X POST 'localhost:8080/leaks/%s?count=5'%n  curl -X POST 'localhost:8080/fixed/%s?count=5'%n%n",
				scenario.name(), scenario.leak(), scenario.fix(), scenario.pool(), scenario.blockedIn(), scenario.name(),
				scenario.name())));
		text.append("""
				stream (no cancellation)
				  leak:  a streaming response whose worker thread outlives the client that gave up
				  fix:   the worker is tracked work of the request, cancelled at the first failed write
				  curl -N localhost:8080/leaks/stream   (press Ctrl-C; the ticker-N thread stays)
				  curl -N localhost:8080/fixed/stream   (press Ctrl-C; the work is cancelled)

				slow job (async timeout)
				  curl 'localhost:8080/slow/job?timeoutMs=1000'   the request times out and its work is cancelled

				stubborn (shutdown)
				  curl -X POST localhost:8080/leaks/stubborn      work that swallows interrupts + a non-daemon thread;
				                                                  stop the app to read the shutdown report
				  curl -X POST localhost:8080/leaks/release       interrupt the unfed-queue listeners

				Inspect
				  curl -s localhost:8080/actuator/threadleaks | jq .suspects          JSON report (suspects, stuck, deadlocks, groups)
				  curl -s -H 'Accept: text/plain' localhost:8080/actuator/threadleaks  the same for a terminal
				  curl -s 'localhost:8080/actuator/threadleaks?format=folded'         folded stacks for flame graphs
				  curl -s -X POST localhost:8080/actuator/threadleaks -H 'Content-Type: application/json' -d '{"name":"before"}'
				  curl -s -H 'Accept: text/plain' localhost:8080/actuator/threadleaks/1   diff from snapshot 1 to now
				  curl -s localhost:8080/actuator/trackedtasks                         tracked work, scope and stack
				  curl -si localhost:8080/actuator/health/liveness                     503 on a deadlock or a large leak
				  curl -s localhost:8080/actuator/prometheus | grep ^threadleaks_       the metrics
				""");
		return text.toString();
	}

	@PostMapping("/leaks/{name}")
	ResponseEntity<Map<String, Object>> leak(@PathVariable String name, @RequestParam(defaultValue = "1") int count) {
		return run(name, count, Scenario::runLeaky, "leaked");
	}

	@PostMapping("/fixed/{name}")
	ResponseEntity<Map<String, Object>> fixed(@PathVariable String name, @RequestParam(defaultValue = "1") int count) {
		return run(name, count, Scenario::runFixed, "ran fixed");
	}

	@GetMapping(path = "/leaks/stream", produces = "text/event-stream")
	SseEmitter leakyStream() {
		return this.streaming.leakyTicks();
	}

	@GetMapping(path = "/fixed/stream", produces = "text/event-stream")
	SseEmitter fixedStream() {
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

	@PostMapping("/leaks/release")
	Map<String, Object> release() {
		return Map.of("released", this.unfedQueue.release());
	}

	private ResponseEntity<Map<String, Object>> run(String name, int count,
			java.util.function.BiFunction<Scenario, Integer, List<String>> action, String verb) {
		Scenario scenario = this.scenarios.get(name);
		if (scenario == null) {
			return ResponseEntity.status(404)
				.body(Map.of("message", "No scenario '" + name + "'; known: " + String.join(", ", this.scenarios.keySet())));
		}
		if (scenario.unavailableBecause() != null) {
			return ResponseEntity.badRequest()
				.body(Map.of("message", "Scenario '" + name + "' " + scenario.unavailableBecause()));
		}
		if (count < 1 || count > MAX_COUNT) {
			return ResponseEntity.badRequest()
				.body(Map.of("message", "count must be between 1 and " + MAX_COUNT + ", was " + count));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("scenario", name);
		body.put(verb, action.apply(scenario, count));
		body.put("pool", scenario.pool());
		body.put("blockedIn", scenario.blockedIn());
		return ResponseEntity.ok(body);
	}

}
