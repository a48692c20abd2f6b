package io.github.threadleaks.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A minimal web application with the starter, started in the benchmark's JVM on a random
 * loopback port, and a client for it.
 */
public final class BenchApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final HttpClient client = HttpClient.newHttpClient();

	private final String base;

	private BenchApp(ConfigurableApplicationContext context) {
		this.context = context;
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		this.base = "http://127.0.0.1:" + port;
	}

	public static BenchApp start(String... properties) {
		String[] args = new String[properties.length + 8];
		args[0] = "--server.port=0";
		args[1] = "--server.address=127.0.0.1";
		args[2] = "--management.endpoints.web.exposure.include=threadleaks,threaddump,health,prometheus";
		args[3] = "--management.endpoint.health.probes.enabled=true";
		args[4] = "--management.endpoint.health.group.liveness.include=livenessState,threadLeaks";
		args[5] = "--threadleaks.endpoint.min-dump-interval=0";
		args[6] = "--logging.level.root=WARN";
		args[7] = "--spring.main.banner-mode=off";
		System.arraycopy(properties, 0, args, 8, properties.length);
		return new BenchApp(SpringApplication.run(Application.class, args));
	}

	public String get(String path) {
		return get(path, "application/json");
	}

	public String get(String path, String accept) {
		try {
			HttpResponse<String> response = this.client.send(
					HttpRequest.newBuilder(URI.create(this.base + path)).header("Accept", accept).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(path + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * The application: nothing but Boot's auto-configuration and the starter.
	 */
	@SpringBootApplication
	static class Application {

	}

}
