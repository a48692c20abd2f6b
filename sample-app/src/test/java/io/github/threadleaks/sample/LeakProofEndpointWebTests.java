package io.github.threadleaks.sample;

import java.net.http.HttpResponse;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/leakproof} over HTTP under the default access: a POST dumps the heap, so it
 * is refused until an operator opens the endpoint ({@link LeakProofEndpointIT} opens it).
 */
@NoThreadLeaks
class LeakProofEndpointWebTests {

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class ReadOnlyByDefault {

		@LocalServerPort
		private int port;

		@Test
		void thePostIsRefusedAndTheGetSaysThereIsNoProofYet() {
			Http http = new Http(this.port);
			HttpResponse<String> post = http.post("/actuator/leakproof", "application/json", "{}");
			assertThat(post.statusCode()).isEqualTo(405);
			HttpResponse<String> get = http.get("/actuator/leakproof", "application/json");
			assertThat(get.statusCode()).isEqualTo(404);
			assertThat(Http.json(get).get("message").asString())
				.startsWith("No leak proof has been taken yet: POST /actuator/leakproof takes one");
		}

	}

}
