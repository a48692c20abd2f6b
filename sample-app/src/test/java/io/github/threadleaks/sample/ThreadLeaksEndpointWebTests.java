package io.github.threadleaks.sample;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.StreamSupport;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/threadleaks} over real HTTP against the sample app on a random port.
 */
@NoThreadLeaks
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "threadleaks.endpoint.min-dump-interval=200ms")
class ThreadLeaksEndpointWebTests {

	private static final String JSON = "application/json";

	private static final String TEXT = "text/plain";

	@LocalServerPort
	private int port;

	@Autowired
	private UnfedQueueScenario unfedQueue;

	private Http http;

	@BeforeEach
	void client() {
		this.http = new Http(this.port);
	}

	@AfterEach
	void releaseLeakedThreads() {
		this.unfedQueue.release();
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void aVirtualThreadScenarioOnJava17SaysWhatItNeeds() {
		HttpResponse<String> refused = this.http.post("/leaks/virtual-executor-per-request", null, null);
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("needs virtual threads, Java 21 or later; this JVM is Java "
				+ Runtime.version().feature());
		JsonNode report = Http.json(this.http.get("/actuator/threadleaks", JSON));
		assertThat(report.has("virtualThreads")).isFalse();
	}

	@Test
	void jsonReportHasTotalsGroupsSuspectsAndSnapshots() {
		HttpResponse<String> response = this.http.get("/actuator/threadleaks", JSON);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().contains("json");
		JsonNode report = Http.json(response);
		JsonNode threads = report.get("threads");
		assertThat(threads.get("live").asInt()).isPositive();
		assertThat(threads.get("daemon").asInt()).isPositive();
		assertThat(threads.get("peak").asInt()).isGreaterThanOrEqualTo(threads.get("live").asInt());
		assertThat(threads.get("started").asLong()).isPositive();
		assertThat(threads.get("states").get("RUNNABLE").asInt()).isPositive();
		assertThat(threads.get("states").has("TIMED_WAITING")).isTrue();
		assertThat(report.get("suspects").isArray()).isTrue();
		assertThat(report.get("snapshots").isArray()).isTrue();
		// Tomcat on a random port names its workers http-nio-auto-1-exec-N
		JsonNode tomcat = groupOf(report, "http-nio-auto-#-exec-#");
		assertThat(tomcat.get("state").asString()).isIn("WAITING", "RUNNABLE", "TIMED_WAITING");
		assertThat(tomcat.get("count").asInt()).isPositive();
		assertThat(tomcat.get("stack").get(0).asString()).isNotBlank();
		assertThat(tomcat.get("threadNames").get(0).asString()).startsWith("http-nio-auto-1-exec-");
	}

	@Test
	void theReportCarriesTheLatestDetectionResultWithItsTime() {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode report = Http.json(this.http.get("/actuator/threadleaks", JSON));
			assertThat(report.has("computedAt")).isTrue();
			assertThat(report.get("stuck").isArray()).isTrue();
			assertThat(report.get("deadlocks").isArray()).isTrue();
		});
		String text = this.http.get("/actuator/threadleaks", TEXT).body();
		assertThat(text.indexOf("leak detection at ")).as("findings come before the groups")
			.isPositive()
			.isLessThan(text.indexOf(" groups"));
		assertThat(text).contains("suspects: ", "stuck: ", "deadlocks: ");
	}

	@Test
	void textReportIsForATerminal() {
		HttpResponse<String> response = this.http.get("/actuator/threadleaks", TEXT);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
		assertThat(response.body()).startsWith("threadleaks report")
			.contains(" live, ", "states: RUNNABLE ", "pool=http-nio-auto-#-exec-#", "    at ");
	}

	@Test
	void foldedStacksAreSelectedWithAQueryParameter() {
		this.unfedQueue.runLeaky(3);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> response = this.http.get("/actuator/threadleaks?format=folded", "*/*");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
			assertThat(response.body().lines()).allMatch((line) -> line.matches("\\S+ \\d+"))
				.anyMatch((line) -> line.startsWith("java.lang.Thread.run;")
						&& line.contains("UnfedQueueScenario.awaitOrder;java.util.concurrent.LinkedBlockingQueue.take;")
						&& line.endsWith(" 3"));
		});
	}

	@Test
	void aSnapshotThenTwentyFiveBlockedThreadsDiffAsPlusTwentyFiveInTheirGroup() {
		HttpResponse<String> created = this.http.post("/actuator/threadleaks", JSON, "{\"name\": \"before-load-test\"}");
		assertThat(created.statusCode()).isEqualTo(200);
		JsonNode snapshot = Http.json(created);
		String id = snapshot.get("id").asString();
		assertThat(snapshot.get("name").asString()).isEqualTo("before-load-test");
		assertThat(snapshot.get("threads").asInt()).isPositive();

		HttpResponse<String> leaked = this.http.post("/leaks/unfed-queue?count=25", null, null);
		assertThat(leaked.statusCode()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			HttpResponse<String> response = this.http.get("/actuator/threadleaks/" + id, JSON);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode diff = Http.json(response);
			assertThat(diff.get("from").get("id").asString()).isEqualTo(id);
			assertThat(diff.get("from").get("name").asString()).isEqualTo("before-load-test");
			JsonNode top = diff.get("groups").get(0);
			assertThat(top.get("pool").asString()).isEqualTo("order-listener-#");
			assertThat(top.get("state").asString()).isEqualTo("WAITING");
			assertThat(top.get("before").asInt()).isZero();
			assertThat(top.get("after").asInt()).isEqualTo(25);
			assertThat(top.get("delta").asInt()).isEqualTo(25);
			assertThat(frames(top)).anyMatch((frame) -> frame.startsWith("java.util.concurrent.LinkedBlockingQueue.take("));
			assertThat(diff.get("addedCount").asInt()).isGreaterThanOrEqualTo(25);
			assertThat(StreamSupport.stream(diff.get("added").spliterator(), false)
				.filter((thread) -> thread.get("pool").asString().equals("order-listener-#"))
				.count()).isEqualTo(25);
		});

		HttpResponse<String> text = this.http.get("/actuator/threadleaks/" + id, TEXT);
		assertThat(text.body()).contains("threadleaks diff from snapshot " + id + " \"before-load-test\"",
				"+25  pool=order-listener-#  state=WAITING  (0 -> 25)",
				"at java.util.concurrent.LinkedBlockingQueue.take(");

		assertThat(Http.json(this.http.get("/actuator/threadleaks", JSON)).get("snapshots").toString())
			.contains("\"id\":\"" + id + "\"", "before-load-test");

		HttpResponse<String> deleted = this.http.delete("/actuator/threadleaks/" + id);
		assertThat(deleted.statusCode()).isEqualTo(200);
		assertThat(this.http.get("/actuator/threadleaks/" + id, JSON).statusCode()).isEqualTo(404);
		assertThat(this.http.delete("/actuator/threadleaks/" + id).statusCode()).isEqualTo(404);
	}

	@Test
	void aSnapshotWithoutABodyIsUnnamed() {
		HttpResponse<String> created = this.http.post("/actuator/threadleaks", JSON, null);
		assertThat(created.statusCode()).isEqualTo(200);
		// the actuator's JSON leaves out null fields
		assertThat(Http.json(created).has("name")).isFalse();
		assertThat(Http.json(created).get("id").asString()).isNotBlank();
	}

	@Test
	void anUnknownSnapshotIdIsNotFoundWithAMessageNamingIt() {
		HttpResponse<String> response = this.http.get("/actuator/threadleaks/no-such-snapshot", JSON);
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(Http.json(response).get("message").asString()).startsWith("No snapshot with id 'no-such-snapshot'");
		HttpResponse<String> text = this.http.get("/actuator/threadleaks/no-such-snapshot", TEXT);
		assertThat(text.statusCode()).isEqualTo(404);
		assertThat(text.body()).startsWith("No snapshot with id 'no-such-snapshot'");
	}

	@Test
	void badInputIsABadRequestThatSaysWhatWasWrong() {
		int storedBefore = Http.json(this.http.get("/actuator/threadleaks", JSON)).get("snapshots").size();
		HttpResponse<String> longName = this.http.post("/actuator/threadleaks", JSON,
				"{\"name\": \"" + "x".repeat(101) + "\"}");
		assertThat(longName.statusCode()).isEqualTo(400);
		assertThat(Http.json(longName).get("message").asString())
			.isEqualTo("Snapshot name is 101 characters long; at most 100 are allowed");

		HttpResponse<String> format = this.http.get("/actuator/threadleaks?format=svg", JSON);
		assertThat(format.statusCode()).isEqualTo(400);
		assertThat(Http.json(format).get("message").asString()).isEqualTo("Unknown format 'svg': use one of json, text, folded, html");

		HttpResponse<String> textFormat = this.http.get("/actuator/threadleaks?format=svg", TEXT);
		assertThat(textFormat.statusCode()).isEqualTo(400);
		assertThat(textFormat.body()).startsWith("Unknown format 'svg'");

		HttpResponse<String> notJson = this.http.post("/actuator/threadleaks", JSON, "this is not json");
		assertThat(notJson.statusCode()).isEqualTo(400);

		assertThat(Http.json(this.http.get("/actuator/threadleaks", JSON)).get("snapshots").size())
			.as("nothing is stored by a rejected request").isEqualTo(storedBefore);
	}

	private static JsonNode groupOf(JsonNode report, String pool) {
		return StreamSupport.stream(report.get("groups").spliterator(), false)
			.filter((group) -> group.get("pool").asString().equals(pool))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no group of pool " + pool + " in " + report));
	}

	private static java.util.List<String> frames(JsonNode group) {
		return StreamSupport.stream(group.get("stack").spliterator(), false).map(JsonNode::asString).toList();
	}

}
