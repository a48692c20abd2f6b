package io.github.threadleaks.sample;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample app with {@code threadleaks.enabled=false} starts unchanged and healthy.
 */
@NoThreadLeaks
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "threadleaks.enabled=false")
class DisabledSampleAppTests {

	@LocalServerPort
	private int port;

	@Test
	void startsHealthyWithoutTheEndpoint() {
		Http http = new Http(this.port);
		assertThat(http.get("/actuator/health", "application/json").statusCode()).isEqualTo(200);
		assertThat(http.get("/actuator/threadleaks", "application/json").statusCode()).isEqualTo(404);
		assertThat(http.get("/", "text/plain").statusCode()).isEqualTo(200);
	}

}
