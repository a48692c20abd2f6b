package io.github.threadleaks.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus on loopback, scraping one target every second and evaluating the shipped
 * alert rules, with its data in a temporary directory removed on close.
 */
final class PrometheusProcess implements AutoCloseable {

	private final Process process;

	private final Path directory;

	private final Http http;

	private PrometheusProcess(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.http = new Http(port);
	}

	static PrometheusProcess scrape(int targetPort, Path ruleFile) throws IOException {
		Path prometheus = Tools.require("prometheus");
		Path directory = Files.createTempDirectory("threadleaks-prometheus");
		Path config = directory.resolve("prometheus.yml");
		Files.writeString(config, """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s
				scrape_configs:
				  - job_name: threadleaks-sample
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(ruleFile.toAbsolutePath(), targetPort));
		int port = freePort();
		Process process = new ProcessBuilder(prometheus.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port)
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
		PrometheusProcess started = new PrometheusProcess(process, directory, port);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("Prometheus exited:\n" + started.log());
			}
			try {
				return started.http.get("/-/ready", "*/*").statusCode() == 200;
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
		return started;
	}

	boolean targetIsUp() {
		JsonNode targets = Http.json(this.http.get("/api/v1/targets", "application/json")).get("data").get("activeTargets");
		return targets.size() == 1 && targets.get(0).get("health").asString().equals("up");
	}

	/**
	 * Runs an instant query.
	 * @return the result vector
	 */
	JsonNode query(String promql) {
		JsonNode response = Http.json(this.http.get(
				"/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8), "application/json"));
		if (!"success".equals(response.get("status").asString())) {
			throw new AssertionError("query failed: " + promql + " -> " + response);
		}
		return response.get("data").get("result");
	}

	JsonNode rules() {
		return Http.json(this.http.get("/api/v1/rules", "application/json")).get("data").get("groups");
	}

	String log() {
		try {
			return Files.readString(this.directory.resolve("prometheus.log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	@Override
	public void close() throws Exception {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	static List<String> queries(JsonNode dashboard) {
		return dashboard.get("panels")
			.valueStream()
			.flatMap((panel) -> panel.get("targets").valueStream())
			.map((target) -> target.get("expr").asString())
			.toList();
	}

}
