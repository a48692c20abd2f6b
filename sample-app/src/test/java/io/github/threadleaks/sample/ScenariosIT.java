package io.github.threadleaks.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo, end to end, against the packaged jar: every growing leak is named among the
 * suspects with its pool and blocking frame within the (short) demo window, the busy loop
 * among the stuck threads, the deadlock among the deadlocks with liveness at 503, while the
 * fixed twins, run side by side at the same rate, are never named anywhere.
 */
@NoThreadLeaks
class ScenariosIT {

	private static final String JSON = "application/json";

	/** Growing leaks: the pool each is named by, and a frame its stack shows. */
	private static final Map<String, List<String>> GROWING = new LinkedHashMap<>();

	static {
		GROWING.put("unfed-queue", List.of("order-listener-#", "java.util.concurrent.LinkedBlockingQueue.take("));
		GROWING.put("sync-handoff", List.of("handoff-producer-#", "java.util.concurrent.SynchronousQueue.put("));
		GROWING.put("lost-future", List.of("quote-waiter-#", "java.util.concurrent.CompletableFuture.get("));
		GROWING.put("held-lock", List.of("ledger-writer-#", "io.github.threadleaks.sample.HeldLockScenario.append("));
		GROWING.put("silent-socket", List.of("price-fetcher-#", "java.net.Socket$SocketInputStream.read("));
		GROWING.put("timer-per-request", List.of("invoice-timer-#", "java.util.TimerThread.mainLoop("));
		GROWING.put("executor-per-request",
				List.of("pool-#-thread-#", "java.util.concurrent.ThreadPoolExecutor.getTask("));
		GROWING.put("dead-worker", List.of("order-caller-#", "java.util.concurrent.CompletableFuture.get("));
	}

	/** Pools only the fixed twins use: never a suspect, stuck thread or deadlock. */
	private static final Set<String> FIXED_POOLS = Set.of("task-#", "order-caller-fixed-#", "order-worker-fixed-#",
			"transfer-fixed-#", "invoice-reminders");

	@Test
	void everyLeakIsNamedAndNoFixedTwinEverIs() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--threadleaks.sampling.interval=300ms",
				"--threadleaks.detection.window=6s", "--threadleaks.detection.min-growth=5",
				"--threadleaks.detection.stuck-threshold=2s", "--threadleaks.health.max-suspect-threads=100000")) {
			Http http = new Http(app.port());
			assertThat(http.get("/", "text/plain").body()).contains("unfed-queue", "curl -X POST 'localhost:8080/leaks/");
			assertThat(http.post("/leaks/busy-loop", null, null).statusCode()).isEqualTo(200);
			assertThat(http.post("/fixed/busy-loop", null, null).statusCode()).isEqualTo(200);
			assertThat(http.post("/fixed/deadlock", null, null).statusCode()).isEqualTo(200);
			assertThat(http.post("/fixed/lock-deadlock", null, null).statusCode()).isEqualTo(200);

			Set<String> named = new HashSet<>();
			await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(400)).until(() -> {
				for (String scenario : GROWING.keySet()) {
					assertThat(http.post("/leaks/" + scenario, null, null).statusCode()).isEqualTo(200);
					assertThat(http.post("/fixed/" + scenario, null, null).statusCode()).isEqualTo(200);
				}
				openAndDropStream(app.port(), "/leaks/stream");
				openAndDropStream(app.port(), "/fixed/stream");
				JsonNode report = Http.json(http.get("/actuator/threadleaks", JSON));
				assertNoFixedTwinIsNamed(report);
				for (JsonNode suspect : report.get("suspects")) {
					GROWING.forEach((scenario, expected) -> {
						if (suspect.get("pool").asString().equals(expected.get(0))
								&& suspect.get("stack").toString().contains(expected.get(1))) {
							named.add(scenario);
						}
					});
					if (suspect.get("pool").asString().equals("ticker-#")
							&& suspect.get("stack").get(0).asString().startsWith("java.lang.Thread.sleep(")) {
						named.add("stream");
					}
				}
				return named.size() == GROWING.size() + 1;
			});

			JsonNode report = Http.json(http.get("/actuator/threadleaks", JSON));
			// the sample app records creation sites: each leak names the scenario code that started it
			for (JsonNode suspect : report.get("suspects")) {
				if (GROWING.values().stream().anyMatch((expected) -> expected.get(0).equals(suspect.get("pool").asString()))) {
					assertThat(suspect.get("createdBy").toString()).as(suspect.toString()).contains("Scenario.runLeaky(");
				}
			}
			assertThat(report.get("suspectsByCreationSite").toString()).contains("Scenario.runLeaky", "\"pools\":[");
			assertThat(report.get("stuck").toString()).contains("\"pool\":\"report-crunch-#\"",
					"BusyLoopScenario.crunch(");

			http.post("/leaks/deadlock", null, null);
			http.post("/leaks/lock-deadlock", null, null);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				assertThat(http.get("/actuator/health/liveness", JSON).statusCode()).isEqualTo(503);
				JsonNode deadlocks = Http.json(http.get("/actuator/threadleaks", JSON)).get("deadlocks");
				assertThat(deadlocks.size()).isEqualTo(2);
				assertThat(deadlocks.toString()).contains("\"name\":\"transfer-", "\"name\":\"settlement-",
						"DeadlockScenario.transfer(");
			});
			assertNoFixedTwinIsNamed(Http.json(http.get("/actuator/threadleaks", JSON)));
		}
	}

	private static void assertNoFixedTwinIsNamed(JsonNode report) {
		for (String finding : List.of("suspects", "stuck")) {
			for (JsonNode named : report.get(finding)) {
				assertThat(FIXED_POOLS).as(finding + ": " + named).doesNotContain(named.get("pool").asString());
			}
		}
		assertThat(report.get("deadlocks").toString()).doesNotContain("transfer-fixed-");
	}

	/** A client that reads the first event of a stream and goes away. */
	private static void openAndDropStream(int port, String path) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			InputStream body = socket.getInputStream();
			String received = "";
			while (!received.contains("event:tick")) {
				byte[] buffer = new byte[512];
				int read = body.read(buffer);
				if (read < 0) {
					break;
				}
				received += new String(buffer, 0, read, StandardCharsets.US_ASCII);
			}
		}
	}

}
