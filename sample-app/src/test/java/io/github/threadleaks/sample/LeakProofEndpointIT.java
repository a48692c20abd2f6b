package io.github.threadleaks.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/leakproof} opened by an operator, against the packaged sample app in a
 * process of its own (its leaks are real and stay until the app stops, so they must not live
 * in the test's JVM): it proves the sample's leaks leaked and tells the reachable ones apart.
 */
@NoThreadLeaks
class LeakProofEndpointIT {

	/** A proof dumps and reads the app's whole heap, beside other builds on a shared machine. */
	private static final Duration PROOF_TIMEOUT = Duration.ofMinutes(3);

	@Test
	void provesTheSamplesLeaksAndTellsTheReachableOnesApart() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--management.endpoint.leakproof.access=unrestricted")) {
			Http http = new Http(app.port(), PROOF_TIMEOUT);
			for (String scenario : List.of("executor-per-request", "lost-future", "dead-worker", "sync-handoff",
					"held-lock", "unfed-queue")) {
				assertThat(http.post("/leaks/" + scenario + "?count=2", null, null).statusCode()).as(scenario)
					.isEqualTo(200);
			}
			HttpResponse<String> post = http.post("/actuator/leakproof", "application/json", null);
			assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
			JsonNode proof = Http.json(post);
			assertThat(proof.get("counts").get("leaked").asInt()).isGreaterThanOrEqualTo(11);
			assertThat(proof.get("dumpMillis").asLong()).isNotNegative();
			assertThat(proof.get("heapBytes").asLong()).isPositive();
			assertThat(verdictOf(proof, "pool-#-thread-#", "WAITING")).contains("leaked");
			assertThat(verdictOf(proof, "quote-waiter-#", "WAITING")).containsOnly("leaked");
			assertThat(verdictOf(proof, "order-caller-#", "WAITING")).containsOnly("leaked");
			assertThat(verdictOf(proof, "handoff-producer-#", "WAITING")).containsOnly("leaked");
			assertThat(verdictOf(proof, "ledger-writer-#", "BLOCKED")).containsOnly("leaked");
			assertThat(verdictOf(proof, "order-listener-#", "WAITING")).containsOnly("reachable");
			JsonNode listeners = group(proof, "order-listener-#");
			assertThat(listeners.get("path").size()).isBetween(1, 12);
			assertThat(listeners.get("reason").asString()).contains("reachable from");
			JsonNode futures = group(proof, "quote-waiter-#");
			assertThat(futures.get("waitingOn").asString()).isEqualTo("java.util.concurrent.CompletableFuture$Signaller");
			assertThat(futures.get("reason").asString()).startsWith("Nothing that can still run");

			HttpResponse<String> latest = http.get("/actuator/leakproof", "application/json");
			assertThat(latest.statusCode()).isEqualTo(200);
			assertThat(Http.json(latest).get("takenAt").asString()).isEqualTo(proof.get("takenAt").asString());
			assertThat(http.post("/actuator/leakproof", "application/json", "{}").statusCode()).isEqualTo(200);
			assertThat(http.get("/actuator/prometheus", "text/plain").body())
				.contains("threadleaks_proven_leaked_threads{");
		}
	}

	private static List<String> verdictOf(JsonNode proof, String pool, String state) {
		List<String> verdicts = new ArrayList<>();
		for (JsonNode group : proof.get("groups")) {
			if (group.get("pool").asString().equals(pool) && group.get("state").asString().equals(state)) {
				verdicts.add(group.get("verdict").asString());
			}
		}
		assertThat(verdicts).as("groups of %s", pool).isNotEmpty();
		return verdicts;
	}

	private static JsonNode group(JsonNode proof, String pool) {
		for (JsonNode group : proof.get("groups")) {
			if (group.get("pool").asString().equals(pool)) {
				return group;
			}
		}
		throw new AssertionError("no group of " + pool);
	}

}
