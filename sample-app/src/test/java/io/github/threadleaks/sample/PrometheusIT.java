package io.github.threadleaks.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample app scraped by a real Prometheus on loopback: every query of the
 * shipped Grafana dashboard returns data (with the dashboard's variables set to the app's
 * values), {@code threadleaks_suspects} rises when a leak runs, and the leak alert's
 * expression becomes true.
 */
@NoThreadLeaks
class PrometheusIT {

	private static final Path DEPLOY = Path.of("..", "deploy").toAbsolutePath().normalize();

	private static final String APPLICATION = "threadleaks-sample";

	/** Dashboard queries of series that exist only where virtual threads are sampled. */
	private static final String VIRTUAL_SERIES = "threadleaks_virtual_threads";

	/** The gauge of the latest leak proof, absent until the first. */
	private static final String PROVEN_SERIES = "threadleaks_proven_leaked_threads";

	@Test
	@Tag("both-jdks")
	void theDashboardsQueriesReturnDataAndTheLeakAlertsExpressionBecomesTrue() throws Exception {
		boolean virtualThreads = Runtime.version().feature() >= 21;
		Path rules = DEPLOY.resolve("prometheus/threadleaks-alerts.yml");
		JsonNode dashboard = JsonMapper.builder().build().readTree(DEPLOY.resolve("grafana/threadleaks-dashboard.json").toFile());
		try (SampleAppProcess app = SampleAppProcess.start("--threadleaks.sampling.interval=500ms",
				"--threadleaks.detection.window=6s", "--threadleaks.detection.min-growth=5",
				"--management.endpoint.leakproof.access=unrestricted");
				PrometheusProcess prometheus = PrometheusProcess.scrape(app.port(), rules)) {
			Http http = new Http(app.port());
			String instance = "127.0.0.1:" + app.port();
			await().atMost(Duration.ofSeconds(30)).until(prometheus::targetIsUp);
			assertThat(prometheus.rules().toString()).contains("ThreadLeakSuspected", "ThreadDeadlock");

			// the proven-leaked gauge exists only once a proof has run: no fake zero before. The
			// proof comes first because it pauses the app, and suspects must still grow afterwards
			assertThat(prometheus.query(PROVEN_SERIES + "{application=\"" + APPLICATION + "\"}")).isEmpty();
			assertThat(http.post("/actuator/leakproof", "application/json", "{}").statusCode()).isEqualTo(200);

			http.post("/leaks/dead-worker", null, null);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(400)).until(() -> {
				http.post("/leaks/unfed-queue?count=2", null, null);
				if (virtualThreads) {
					http.post("/leaks/virtual-executor-per-request?count=2", null, null);
				}
				return !prometheus.query("threadleaks_suspects{application=\"" + APPLICATION + "\"} > 0").isEmpty();
			});

			String leakAlert = alertExpression(rules, "ThreadLeakSuspected");
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				JsonNode firing = prometheus.query(leakAlert);
				assertThat(firing.toString()).contains("\"pool\":\"order-listener-#\"", "\"instance\":\"" + instance + "\"");
			});

			List<String> queries = PrometheusProcess.queries(dashboard);
			assertThat(queries).hasSizeGreaterThanOrEqualTo(14).anyMatch((query) -> query.contains(PROVEN_SERIES));
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				for (String query : queries) {
					String substituted = query.replace("$application", APPLICATION)
						.replace("$instance", instance)
						.replace("$__rate_interval", "30s");
					if (virtualThreads || !query.contains(VIRTUAL_SERIES)) {
						assertThat(prometheus.query(substituted)).as(substituted).isNotEmpty();
					}
					else {
						// on Java 17 the series does not exist at all: no fake zero
						assertThat(prometheus.query(substituted)).as(substituted).isEmpty();
					}
				}
			});
		}
	}

	@SuppressWarnings("unchecked")
	private static String alertExpression(Path rules, String alert) throws Exception {
		Map<String, Object> file = new Yaml().load(Files.readString(rules));
		for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
			for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
				if (alert.equals(rule.get("alert"))) {
					return rule.get("expr").toString();
				}
			}
		}
		throw new AssertionError("no alert " + alert + " in " + rules);
	}

}
