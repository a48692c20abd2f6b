package io.github.threadleaks.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/leakproof} over HTTP: a POST dumps the heap, so it is refused until an
 * operator opens the endpoint; then it proves the sample's leaks leaked and tells the
 * reachable ones apart.
 */
class LeakProofEndpointWebTests {

	/** A proof dumps and reads the whole test JVM's heap, beside other builds on a shared machine. */
	private static final Duration PROOF_TIMEOUT = Duration.ofMinutes(3);

	private static final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class ReadOnlyByDefault {

		@LocalServerPort
		private int port;

		@Test
		void thePostIsRefusedAndTheGetSaysThereIsNoProofYet() {
			HttpResponse<String> post = send(this.port, "POST", "/actuator/leakproof", "{}");
			assertThat(post.statusCode()).isEqualTo(405);
			HttpResponse<String> get = send(this.port, "GET", "/actuator/leakproof", null);
			assertThat(get.statusCode()).isEqualTo(404);
			assertThat(Http.json(get).get("message").asString())
				.startsWith("No leak proof has been taken yet: POST /actuator/leakproof takes one");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "management.endpoint.leakproof.access=unrestricted")
	class OpenedByAnOperator {

		@LocalServerPort
		private int port;

		@Test
		void provesTheSamplesLeaksAndTellsTheReachableOnesApart() {
			for (String scenario : List.of("executor-per-request", "lost-future", "dead-worker", "sync-handoff",
					"held-lock", "unfed-queue")) {
				assertThat(send(this.port, "POST", "/leaks/" + scenario + "?count=2", null).statusCode())
					.as(scenario)
					.isEqualTo(200);
			}
			HttpResponse<String> post = send(this.port, "POST", "/actuator/leakproof", null);
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

			HttpResponse<String> latest = send(this.port, "GET", "/actuator/leakproof", null);
			assertThat(latest.statusCode()).isEqualTo(200);
			assertThat(Http.json(latest).get("takenAt").asString()).isEqualTo(proof.get("takenAt").asString());
			assertThat(send(this.port, "POST", "/actuator/leakproof", "{}").statusCode()).isEqualTo(200);
			assertThat(send(this.port, "GET", "/actuator/prometheus", null).body())
				.contains("threadleaks_proven_leaked_threads{");
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

	static HttpResponse<String> send(int port, String method, String path, String jsonBody) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(PROOF_TIMEOUT)
			.header("Accept", path.contains("prometheus") ? "text/plain" : "application/json");
		if (method.equals("POST")) {
			request.header("Content-Type", "application/json")
				.POST((jsonBody != null) ? HttpRequest.BodyPublishers.ofString(jsonBody)
						: HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.GET();
		}
		try {
			return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
