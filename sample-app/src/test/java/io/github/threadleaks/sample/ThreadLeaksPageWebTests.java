package io.github.threadleaks.sample;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which body each {@code Accept} header gets from {@code /actuator/threadleaks} over real
 * HTTP, every case pinned (that {@code *}{@code /*} is JSON rests on Spring's tie-breaking
 * between the operations), and the page's security headers on the application's port and on
 * a separate management port.
 */
@NoThreadLeaks
class ThreadLeaksPageWebTests {

	private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
			+ "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "threadleaks.endpoint.min-dump-interval=0s")
	class OnTheApplicationPort {

		@LocalServerPort
		private int port;

		@ParameterizedTest(name = "Accept: {0} -> {1}")
		@CsvSource(delimiter = '|', value = { BROWSER + "|text/html;charset=UTF-8",
				"text/html|text/html;charset=UTF-8", "*/*|application/vnd.spring-boot.actuator.v3+json",
				"application/json|application/json",
				"application/vnd.spring-boot.actuator.v3+json|application/vnd.spring-boot.actuator.v3+json",
				"text/plain|text/plain;charset=UTF-8", "text/*|text/plain;charset=UTF-8",
				"'text/html;q=0.5,application/json'|application/json",
				"'text/plain;q=0.5,text/html'|text/html;charset=UTF-8" })
		void eachAcceptHeaderGetsItsBody(String accept, String contentType) {
			HttpResponse<String> response = new Http(this.port).get("/actuator/threadleaks", accept);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
		}

		@Test
		void noAcceptHeaderIsJson() throws IOException {
			// HttpURLConnection sends an Accept of its own, so this request is written by hand
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(30_000);
				socket.getOutputStream()
					.write(("GET /actuator/threadleaks HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(answer).startsWith("HTTP/1.1 200")
					.containsIgnoringCase("Content-Type: application/vnd.spring-boot.actuator.v3+json\r\n");
			}
		}

		@Test
		void theFormatParameterKeepsWinning() {
			Http http = new Http(this.port);
			assertThat(http.get("/actuator/threadleaks?format=html", "application/json").headers()
				.firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
			assertThat(http.get("/actuator/threadleaks?format=json", BROWSER).headers().firstValue("Content-Type"))
				.hasValue("application/json");
			assertThat(http.get("/actuator/threadleaks?format=text", BROWSER).headers().firstValue("Content-Type"))
				.hasValue("text/plain;charset=UTF-8");
			HttpResponse<String> unknown = http.get("/actuator/threadleaks?format=%3Cb%3E", BROWSER);
			assertThat(unknown.statusCode()).isEqualTo(400);
			assertThat(unknown.body()).contains("Unknown format &#39;&lt;b&gt;&#39;").doesNotContain("<b>");
		}

		@Test
		void thePageIsSelfContainedAndSaysSoInItsHeaders() {
			HttpResponse<String> page = new Http(this.port).get("/actuator/threadleaks", BROWSER);
			assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying((policy) -> assertThat(policy)
				.startsWith("default-src 'none'; style-src 'sha256-")
				.contains("frame-ancestors 'none'"));
			assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("<svg class=\"flame\"")
				.doesNotContain("<script", "src=\"http", "href=\"http", "@import", "url(");
		}

		@Test
		void aSnapshotsDiffOpensAsAPage() {
			Http http = new Http(this.port);
			String id = Http.json(http.post("/actuator/threadleaks", "application/json", "{\"name\":\"page\"}"))
				.get("id")
				.asString();
			HttpResponse<String> diff = http.get("/actuator/threadleaks/" + id, BROWSER);
			assertThat(diff.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
			assertThat(diff.body()).contains("<h1>threadleaks diff</h1>", "from snapshot " + id + " &quot;page&quot;");
			assertThat(http.get("/actuator/threadleaks/" + id, "text/*").headers().firstValue("Content-Type"))
				.hasValue("text/plain;charset=UTF-8");
			http.delete("/actuator/threadleaks/" + id);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "management.server.port=0")
	class OnASeparateManagementPort {

		@LocalManagementPort
		private int managementPort;

		@Test
		void thePageKeepsItsHeaders() {
			HttpResponse<String> page = new Http(this.managementPort).get("/actuator/threadleaks", BROWSER);
			assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
			assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
			assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		}

	}

}
