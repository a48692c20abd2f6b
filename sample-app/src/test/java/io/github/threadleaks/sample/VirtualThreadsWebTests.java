package io.github.threadleaks.sample;

import java.time.Duration;
import java.util.stream.StreamSupport;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Java 21+: virtual threads leaked by an executor created per request, over real HTTP: the
 * report names them as one growing group of virtual threads, shows their counts beside the
 * platform ones, and Prometheus gets {@code threadleaks_virtual_threads}.
 */
@NoThreadLeaks
@Tag("java21")
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadleaks.sampling.interval=200ms", "threadleaks.sampling.virtual-threads-interval=300ms",
				"threadleaks.detection.window=3s", "threadleaks.detection.min-growth=5",
				"threadleaks.endpoint.min-dump-interval=100ms", "threadleaks.health.max-suspect-threads=100000" })
class VirtualThreadsWebTests {

	private static final String POOL = "java.util.concurrent.ThreadPerTaskExecutor";

	@LocalServerPort
	private int port;

	@Test
	void virtualThreadsLeakedPerRequestAreOneGrowingGroupInTheReportAndTheMetrics() {
		Http http = new Http(this.port);
		JsonNode suspect = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
			assertThat(http.post("/leaks/virtual-executor-per-request?count=2", null, null).statusCode())
				.isEqualTo(200);
			assertThat(http.post("/fixed/virtual-executor-per-request?count=2", null, null).statusCode())
				.isEqualTo(200);
			JsonNode report = Http.json(http.get("/actuator/threadleaks", "application/json"));
			return StreamSupport.stream(report.get("suspects").spliterator(), false)
				.filter((candidate) -> candidate.get("pool").asString().equals(POOL))
				.findFirst()
				.orElse(null);
		}, (found) -> found != null);
		assertThat(suspect.get("virtual").asBoolean()).isTrue();
		assertThat(suspect.get("stack").get(0).asString()).startsWith("java.util.concurrent.CompletableFuture.get(");
		assertThat(suspect.get("stack").toString()).contains("java.util.concurrent.CompletableFuture.get(",
				"VirtualExecutorPerRequestScenario.awaitReply(");

		JsonNode virtual = Http.json(http.get("/actuator/threadleaks", "application/json")).get("virtualThreads");
		assertThat(virtual.get("live").asInt()).isGreaterThanOrEqualTo(suspect.get("count").asInt());
		assertThat(virtual.get("states").get("WAITING").asInt()).isGreaterThanOrEqualTo(suspect.get("count").asInt());
		assertThat(virtual.get("groups").get(0).get("pool").asString()).isEqualTo(POOL);
		assertThat(http.get("/actuator/threadleaks", "text/plain").body()).contains("virtual threads: ",
				" virtual threads  pool=" + POOL, "groups of virtual threads");
		assertThat(http.get("/actuator/health/liveness", "application/json").body())
			.contains("\"pool\":\"" + POOL + "\"", "\"virtual\":true");
		assertThat(http.get("/actuator/prometheus", "text/plain").body())
			.containsPattern("threadleaks_virtual_threads\\{.*pool=\"" + POOL.replace(".", "\\.")
					+ "\",state=\"waiting\"} [1-9]")
			.containsPattern("threadleaks_suspect_threads\\{.*pool=\"" + POOL.replace(".", "\\.") + "\"} [1-9]");
	}

}
