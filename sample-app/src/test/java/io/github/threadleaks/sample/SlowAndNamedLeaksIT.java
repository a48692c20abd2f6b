package io.github.threadleaks.sample;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leaks the window alone never named, end to end against the packaged jar: a slow leak
 * (fewer than min-growth threads a window) is named over a longer horizon, threads named
 * per customer are named by their code as {@code fetch-*}, and the fixed twins, run at the
 * same rate, are never named.
 */
class SlowAndNamedLeaksIT {

	private static final String JSON = "application/json";

	@Test
	void aSlowLeakAndThreadsNamedPerCustomerAreNamedWhileTheirFixedTwinsAreNot() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--threadleaks.sampling.interval=300ms",
				"--threadleaks.detection.window=6s", "--threadleaks.detection.min-growth=5",
				"--threadleaks.detection.stuck-threshold=2s", "--threadleaks.health.max-suspect-threads=100000")) {
			Http http = new Http(app.port());
			assertThat(http.get("/", "text/plain").body()).contains("slow-leak", "named-per-customer");
			Set<String> named = new HashSet<>();
			// one failed request every 1.7 s: at most 4 new threads in a 6 s window, under min-growth 5
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1700)).until(() -> {
				for (String scenario : new String[] { "slow-leak", "named-per-customer" }) {
					assertThat(http.post("/leaks/" + scenario, null, null).statusCode()).isEqualTo(200);
					assertThat(http.post("/fixed/" + scenario, null, null).statusCode()).isEqualTo(200);
				}
				JsonNode report = Http.json(http.get("/actuator/threadleaks", JSON));
				for (JsonNode suspect : report.get("suspects")) {
					assertThat(suspect.get("pool").asString()).as(suspect.toString()).isNotEqualTo("task-#");
					if (suspect.get("pool").asString().equals("receipt-waiter-#")) {
						assertThat(suspect.get("groupedBy").asString()).isEqualTo("pool");
						assertThat(suspect.get("horizon").asString()).as("over a longer horizon than the window")
							.isNotEqualTo("PT6S")
							.startsWith("PT");
						assertThat(suspect.get("stack").toString()).contains("java.util.concurrent.CountDownLatch.await(",
								"SlowLeakScenario.awaitReceipt(");
						named.add("slow-leak");
					}
					if (suspect.get("pool").asString().equals("fetch-*")) {
						assertThat(suspect.get("groupedBy").asString()).isEqualTo("code");
						assertThat(suspect.get("distinctNames").asInt()).isGreaterThanOrEqualTo(5);
						assertThat(suspect.get("threadNames").get(0).asString()).startsWith("fetch-");
						assertThat(suspect.get("stack").get(0).asString())
							.startsWith("java.util.concurrent.CompletableFuture.get(");
						assertThat(suspect.get("stack").toString()).contains("NamedPerCustomerScenario.awaitFeed(");
						named.add("named-per-customer");
					}
				}
				for (JsonNode stuck : report.get("stuck")) {
					assertThat(stuck.get("pool").asString()).as("fixed twins are never stuck").isNotEqualTo("task-#");
				}
				return named.size() == 2;
			});

			JsonNode report = Http.json(http.get("/actuator/threadleaks", JSON));
			JsonNode slow = null;
			for (JsonNode suspect : report.get("suspects")) {
				if (suspect.get("pool").asString().equals("receipt-waiter-#")) {
					slow = suspect;
				}
			}
			assertThat(slow).isNotNull();
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
				JsonNode now = Http.json(http.get("/actuator/threadleaks", JSON));
				// the leaked threads are stuck too: counted on the suspect, never listed again
				assertThat(now.get("suspects").toString()).contains("\"pool\":\"receipt-waiter-#\"");
				for (JsonNode suspect : now.get("suspects")) {
					if (suspect.get("pool").asString().equals("receipt-waiter-#")) {
						assertThat(suspect.get("stuck").asInt()).isPositive();
					}
				}
				assertThat(now.get("stuck").toString()).doesNotContain("receipt-waiter-", "fetch-");
			});
			String text = http.get("/actuator/threadleaks", "text/plain").body();
			assertThat(text).contains("pool=fetch-*", "grouped by code", "pool=receipt-waiter-#", "grouped by pool");
		}
	}

}
