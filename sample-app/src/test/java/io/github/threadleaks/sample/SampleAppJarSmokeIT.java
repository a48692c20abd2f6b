package io.github.threadleaks.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged jar, started with {@code java -jar} on the JVM running the tests: it starts,
 * answers on {@code /actuator/threadleaks}, names a leak in a diff and stops on SIGTERM.
 */
@NoThreadLeaks
@Tag("smoke")
class SampleAppJarSmokeIT {

	@Test
	void thePackagedAppReportsAndDiffsThreadsAndStopsOnSigterm() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start()) {
			Http http = new Http(app.port());
			HttpResponse<String> report = http.get("/actuator/threadleaks", "application/json");
			assertThat(report.statusCode()).isEqualTo(200);
			assertThat(Http.json(report).get("threads").get("live").asInt()).isPositive();
			assertThat(http.get("/actuator/threadleaks", "text/plain").body()).startsWith("threadleaks report");

			String id = Http.json(http.post("/actuator/threadleaks", "application/json", "{\"name\":\"smoke\"}"))
				.get("id")
				.asString();
			assertThat(http.post("/leaks/unfed-queue?count=5", null, null).statusCode()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode top = Http.json(http.get("/actuator/threadleaks/" + id, "application/json"))
					.get("groups")
					.get(0);
				assertThat(top.get("pool").asString()).isEqualTo("order-listener-#");
				assertThat(top.get("delta").asInt()).isEqualTo(5);
			});
			assertThat(http.get("/actuator/health", "application/json").statusCode()).isEqualTo(200);

			app.stop(Duration.ofSeconds(30));
			assertThat(app.output()).doesNotContain("Exception in thread");
		}
	}

	@Test
	void theDemoStartsCleanlyWithThreadleaksDisabled() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--threadleaks.enabled=false")) {
			Http http = new Http(app.port());
			HttpResponse<String> liveness = http.get("/actuator/health/liveness", "application/json");
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).contains("\"threadLeaks\"", "\"disabled\":true");
			assertThat(http.get("/actuator/threadleaks", "application/json").statusCode()).isEqualTo(404);
			assertThat(http.post("/fixed/unfed-queue", null, null).statusCode()).as("tracked work still runs").isEqualTo(200);
			assertThat(http.get("/", "text/plain").statusCode()).isEqualTo(200);
			app.stop(Duration.ofSeconds(30));
			assertThat(app.output()).doesNotContain("ERROR", "Exception in thread");
		}
	}

}
