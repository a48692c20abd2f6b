package io.github.threadleaks.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The liveness probe of the packaged app, with {@code threadLeaks} in the liveness group:
 * DOWN (HTTP 503) past the suspect-thread limit and at the first sample after a deadlock,
 * of monitors or of {@code ReentrantLock}s. Its own process, since a deadlock lasts until
 * the JVM ends.
 */
@NoThreadLeaks
class LivenessIT {

	private static final String JSON = "application/json";

	@Test
	void livenessTurns503PastTheSuspectLimitAndOnDeadlocksOfBothKinds() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--threadleaks.sampling.interval=200ms",
				"--threadleaks.detection.window=3s", "--threadleaks.detection.min-growth=5",
				"--threadleaks.health.max-suspect-threads=30")) {
			Http http = new Http(app.port());
			await().atMost(Duration.ofSeconds(10))
				.until(() -> http.get("/actuator/health/liveness", JSON).statusCode() == 200);

			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
				http.post("/leaks/unfed-queue?count=2", null, null);
				HttpResponse<String> liveness = http.get("/actuator/health/liveness", JSON);
				assertThat(liveness.statusCode()).isEqualTo(503);
				assertThat(reason(liveness)).contains("threads are in growing groups, at or above the limit of 30");
			});
			JsonNode suspect = Http.json(http.get("/actuator/threadleaks", JSON)).get("suspects").get(0);
			assertThat(suspect.get("pool").asString()).isEqualTo("order-listener-#");
			assertThat(suspect.get("stack").get(0).asString()).startsWith("java.util.concurrent.LinkedBlockingQueue.take(");

			http.post("/leaks/release", null, null);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> http.get("/actuator/health/liveness", JSON).statusCode() == 200);

			http.post("/leaks/deadlock", null, null);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				HttpResponse<String> liveness = http.get("/actuator/health/liveness", JSON);
				assertThat(liveness.statusCode()).isEqualTo(503);
				assertThat(reason(liveness)).isEqualTo("2 threads are deadlocked");
			});

			http.post("/leaks/lock-deadlock", null, null);
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
				HttpResponse<String> liveness = http.get("/actuator/health/liveness", JSON);
				assertThat(liveness.statusCode()).isEqualTo(503);
				assertThat(reason(liveness)).isEqualTo("4 threads are deadlocked");
			});
			JsonNode deadlocks = Http.json(http.get("/actuator/threadleaks", JSON)).get("deadlocks");
			assertThat(deadlocks.toString()).contains("transfer-", "settlement-", "ReentrantLock");
			assertThat(http.get("/actuator/threadleaks", "text/plain").body()).contains("deadlocks: 2",
					"2 threads in a cycle");
		}
	}

	private static String reason(HttpResponse<String> liveness) {
		return Http.json(liveness).get("components").get("threadLeaks").get("details").get("reason").asString();
	}

}
