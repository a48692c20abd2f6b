package io.github.threadleaks.sample;

import java.time.Duration;
import java.util.stream.StreamSupport;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code threadleaks.creation-sites.enabled}, groups say who started their threads and
 * from where, in JSON and text.
 */
@NoThreadLeaks
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "threadleaks.creation-sites.enabled=true", "threadleaks.endpoint.min-dump-interval=100ms" })
class CreationSitesWebTests {

	@LocalServerPort
	private int port;

	@Autowired
	private UnfedQueueScenario unfedQueue;

	/**
	 * Ends the threads the leak scenarios started for this test (@NoThreadLeaks found them
	 * alive after it): the unfed-queue listeners through their scenario, and the lost-future
	 * waiters, which the scenario keeps no handle on, by name; both end when interrupted.
	 */
	@AfterEach
	void endTheLeaksThisTestStarted() {
		this.unfedQueue.release();
		Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("quote-waiter-"))
			.forEach(Thread::interrupt);
	}

	@Test
	void groupsNameTheCodeThatStartedTheirThreads() {
		Http http = new Http(this.port);
		assertThat(http.post("/leaks/lost-future?count=2", null, null).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode report = Http.json(http.get("/actuator/threadleaks", "application/json"));
			JsonNode group = StreamSupport.stream(report.get("groups").spliterator(), false)
				.filter((candidate) -> candidate.get("pool").asString().equals("quote-waiter-#"))
				.findFirst()
				.orElseThrow();
			JsonNode createdBy = group.get("createdBy");
			assertThat(createdBy).as(group.toString()).isNotNull();
			assertThat(createdBy.get("thread").asString()).startsWith("http-nio-");
			assertThat(createdBy.get("stack").get(0).asString())
				.startsWith("io.github.threadleaks.sample.Scenarios.startThread(");
			assertThat(createdBy.get("stack").toString()).contains("LostFutureScenario.runLeaky(");
		});
		assertThat(http.get("/actuator/threadleaks", "text/plain").body())
			.contains("created by io.github.threadleaks.sample.Scenarios.startThread(", " in \"http-nio-");
	}

	@Test
	void aDiffNamesTheCodeThatStartedTheThreadsThatAppeared() {
		Http http = new Http(this.port);
		String id = Http.json(http.post("/actuator/threadleaks", "application/json", "{\"name\":\"before\"}"))
			.get("id")
			.asString();
		assertThat(http.post("/leaks/unfed-queue?count=3", null, null).statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			JsonNode diff = Http.json(http.get("/actuator/threadleaks/" + id, "application/json"));
			JsonNode grown = StreamSupport.stream(diff.get("groups").spliterator(), false)
				.filter((group) -> group.get("pool").asString().equals("order-listener-#"))
				.findFirst()
				.orElseThrow();
			assertThat(grown.get("delta").asInt()).isGreaterThanOrEqualTo(3);
			// JFR hands a thread's start over about a second after it happened
			assertThat(grown.has("createdBy")).as(grown.toString()).isTrue();
			assertThat(grown.get("createdBy").get("at").asString())
				.startsWith("io.github.threadleaks.sample.Scenarios.startThread(");
			assertThat(grown.get("createdBy").get("stack").toString()).contains("UnfedQueueScenario.runLeaky(");
			assertThat(diff.get("added").toString()).contains("\"createdAt\":\"io.github.threadleaks.sample.Scenarios.startThread(");
		});
		assertThat(http.get("/actuator/threadleaks/" + id, "text/plain").body())
			.contains("created by io.github.threadleaks.sample.Scenarios.startThread(", ", created at ");
	}

}
