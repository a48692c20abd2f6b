package io.github.threadleaks.sample;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.threadleaks.junit.NoThreadLeaks;
import io.github.threadleaks.tasks.TrackedTask;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Work started by streaming and async requests is cancelled when the client goes away or the
 * request times out, over real HTTP.
 */
@NoThreadLeaks
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RequestScopeWebTests {

	@LocalServerPort
	private int port;

	@Autowired
	private StreamingScenario streaming;

	@Test
	void aClientThatDisconnectsFromAStreamCancelsTheWorkAtTheNextFailedWrite() throws Exception {
		TrackedTask<?> task;
		// a plain socket, so the test decides exactly when the client goes away
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.getOutputStream().write(("GET /fixed/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			InputStream body = socket.getInputStream();
			String received = "";
			while (!received.contains("event:tick")) {
				byte[] buffer = new byte[512];
				int read = body.read(buffer);
				assertThat(read).isPositive();
				received += new String(buffer, 0, read, StandardCharsets.US_ASCII);
			}
			assertThat(received).startsWith("HTTP/1.1 200");
			task = this.streaming.lastStream();
			assertThat(task.state()).isEqualTo("running");
			assertThat(task.scope().path()).isEqualTo("application/GET /fixed/stream/stream-ticks");
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> "cancelled".equals(task.state()));
	}

	@Test
	void anAsyncRequestThatTimesOutCancelsItsWork() {
		HttpResponse<String> response = new Http(this.port).get("/slow/job?timeoutMs=300", "text/plain");
		assertThat(response.body()).isEqualTo("timed out");
		TrackedTask<?> task = this.streaming.lastSlowJob();
		assertThat(task.scope().path()).isEqualTo("application/GET /slow/job/slow-job");
		await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(task.state()));
	}

}
