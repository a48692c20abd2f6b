package io.github.threadleaks.sample;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for tests against a running app on loopback.
 * <p>
 * It speaks through {@link HttpURLConnection}, which starts no thread but the JDK's shared
 * {@code Keep-Alive-Timer}: a {@code java.net.http.HttpClient} per test left its
 * {@code HttpClient-N-SelectorManager} thread alive after the test (on Java 17 a client cannot
 * be closed; the thread ends only once the client is garbage collected), which
 * {@code @NoThreadLeaks} rightly reported.
 */
final class Http {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

	private final String base;

	private final Duration readTimeout;

	Http(int port) {
		this(port, READ_TIMEOUT);
	}

	/**
	 * @param port the app's port on loopback
	 * @param readTimeout how long an answer may take (a heap proof takes minutes on a loaded machine)
	 */
	Http(int port, Duration readTimeout) {
		this.base = "http://127.0.0.1:" + port;
		this.readTimeout = readTimeout;
	}

	HttpResponse<String> get(String path, String accept) {
		return send("GET", path, Map.of("Accept", accept), null);
	}

	HttpResponse<String> post(String path, String contentType, String body) {
		return send("POST", path, (contentType != null) ? Map.of("Content-Type", contentType) : Map.of(),
				(body != null) ? body : "");
	}

	HttpResponse<String> delete(String path) {
		return send("DELETE", path, Map.of(), null);
	}

	static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	private HttpResponse<String> send(String method, String path, Map<String, String> headers, String body) {
		URI uri = URI.create(this.base + path);
		try {
			// not disconnected after: its socket goes back to the JDK's keep-alive cache, as the
			// HttpClient reused its connections (the cache's Keep-Alive-Timer thread is the JDK's)
			HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
			connection.setRequestMethod(method);
			connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
			connection.setReadTimeout((int) this.readTimeout.toMillis());
			connection.setInstanceFollowRedirects(false);
			headers.forEach(connection::setRequestProperty);
			if (body != null) {
				connection.setDoOutput(true);
				try (OutputStream out = connection.getOutputStream()) {
					out.write(body.getBytes(StandardCharsets.UTF_8));
				}
			}
			int status = connection.getResponseCode();
			String text = read((status >= 400) ? connection.getErrorStream() : connection.getInputStream());
			Map<String, List<String>> responseHeaders = new LinkedHashMap<>();
			connection.getHeaderFields().forEach((name, values) -> {
				if (name != null) {
					responseHeaders.put(name, values);
				}
			});
			HttpRequest request = HttpRequest.newBuilder(uri)
				.method(method, HttpRequest.BodyPublishers.noBody())
				.build();
			return new Response(status, text, HttpHeaders.of(responseHeaders, (name, value) -> true), request, uri);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String read(InputStream in) throws IOException {
		if (in == null) {
			return "";
		}
		try (in) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			return bytes.toString(StandardCharsets.UTF_8);
		}
	}

	private record Response(int statusCode, String body, HttpHeaders headers, HttpRequest request,
			URI uri) implements HttpResponse<String> {

		@Override
		public Optional<HttpResponse<String>> previousResponse() {
			return Optional.empty();
		}

		@Override
		public Optional<SSLSession> sslSession() {
			return Optional.empty();
		}

		@Override
		public HttpClient.Version version() {
			return HttpClient.Version.HTTP_1_1;
		}

	}

}
