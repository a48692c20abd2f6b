package io.github.threadleaks.sample;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.threadleaks.junit.NoThreadLeaks;
import io.github.threadleaks.tasks.TrackedTask;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /actuator/trackedtasks} over HTTP: read-only by default, cancelling once an operator
 * allows it; and what a synchronous request's work does when the request ends.
 */
@NoThreadLeaks
class TrackedTasksEndpointWebTests {

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class ReadOnlyByDefault {

		@LocalServerPort
		private int port;

		@Autowired
		private StreamingScenario streaming;

		@Test
		void listsRunningWorkAndRefusesToCancelIt() throws InterruptedException {
			Http http = new Http(this.port);
			SlowJob slowJob = startSlowJob(http, this.streaming);
			TrackedTask<?> job = slowJob.task();
			JsonNode tasks = Http.json(http.get("/actuator/trackedtasks", "application/json"));
			assertThat(tasks.get("summary").get("active").asLong()).isPositive();
			assertThat(tasks.get("tasks").toString()).contains("\"name\":\"slow-job\"",
					"\"scope\":\"application/GET /slow/job/slow-job\"", "LinkedBlockingQueue.take(");
			JsonNode one = Http.json(http.get("/actuator/trackedtasks/" + job.id(), "application/json"));
			assertThat(one.get("id").asLong()).isEqualTo(job.id());
			assertThat(one.get("scope").asString()).isEqualTo("application/GET /slow/job/slow-job");
			assertThat(one.get("stack").toString()).contains("LinkedBlockingQueue.take(");
			// the operation exists but is not allowed: Boot's refusal, not "no such task"
			HttpResponse<String> delete = http.delete("/actuator/trackedtasks/" + job.id());
			assertThat(delete.statusCode()).isEqualTo(405);
			assertThat(job.state()).isEqualTo("running");
			HttpResponse<String> outOfRange = http.get("/actuator/trackedtasks/99999999999999999999", "application/json");
			assertThat(outOfRange.statusCode()).isEqualTo(400);
			assertThat(Http.json(outOfRange).get("message").asString())
				.isEqualTo("Task id 99999999999999999999 is out of range: ids are numbers from 1 to 9223372036854775807");
			job.cancel();
			slowJob.awaitClientDone();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "management.endpoint.trackedtasks.access=unrestricted")
	class CancellingWhenAllowed {

		@LocalServerPort
		private int port;

		@Autowired
		private StreamingScenario streaming;

		@Test
		void deleteCancelsATaskAndSaysWhatWasWrongOtherwise() throws InterruptedException {
			Http http = new Http(this.port);
			SlowJob slowJob = startSlowJob(http, this.streaming);
			TrackedTask<?> job = slowJob.task();
			HttpResponse<String> delete = http.delete("/actuator/trackedtasks/" + job.id());
			assertThat(delete.statusCode()).isEqualTo(200);
			assertThat(Http.json(delete).get("message").asString()).startsWith("Cancelled task #" + job.id());
			await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(job.state()));

			HttpResponse<String> again = http.delete("/actuator/trackedtasks/" + job.id());
			assertThat(again.statusCode()).isEqualTo(404);
			assertThat(Http.json(again).get("message").asString())
				.isEqualTo("No running tracked task with id " + job.id() + " (it may have ended)");
			HttpResponse<String> notANumber = http.delete("/actuator/trackedtasks/abc");
			assertThat(notANumber.statusCode()).isEqualTo(400);
			assertThat(Http.json(notANumber).get("message").asString()).isEqualTo("Task id must be a number, was 'abc'");
			slowJob.awaitClientDone();
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
	class SynchronousRequestsByDefault {

		@LocalServerPort
		private int port;

		@Test
		void workStartedByASynchronousRequestOutlivesIt() {
			assertThat(new Http(this.port).post("/fixed/unfed-queue", null, null).statusCode()).isEqualTo(200);
			TrackedTask<?> listener = Scenarios.LAST_TRACKED.get();
			assertThat(listener.scope().path()).isEqualTo("application/POST /fixed/unfed-queue/order-listener");
			// the fixed listener polls until its 500 ms deadline: it ran past the request's end
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.outcome() != null);
			assertThat(listener.state()).isEqualTo("timed_out");
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
			properties = "threadleaks.tasks.cancel-on-request-end=true")
	class SynchronousRequestsThatOptIn {

		@LocalServerPort
		private int port;

		@Test
		void workStartedByASynchronousRequestIsCancelledWhenItEnds() {
			assertThat(new Http(this.port).post("/fixed/unfed-queue", null, null).statusCode()).isEqualTo(200);
			TrackedTask<?> listener = Scenarios.LAST_TRACKED.get();
			await().atMost(Duration.ofSeconds(10)).until(() -> listener.outcome() != null);
			assertThat(listener.state()).isEqualTo("cancelled");
		}

	}

	private static SlowJob startSlowJob(Http http, StreamingScenario streaming) {
		Thread client = new Thread(() -> http.get("/slow/job?timeoutMs=3000", "text/plain"), "slow-job-client");
		client.setDaemon(true);
		client.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> streaming.lastSlowJob() != null
				&& "running".equals(streaming.lastSlowJob().state()) && streaming.lastSlowJob().thread() != null);
		return new SlowJob(client, streaming.lastSlowJob());
	}

	/**
	 * A slow job and the client thread whose request started it: the test waits for the client's
	 * request to end (the job ended, or its 3 s timeout), so that no test leaves it running
	 * (@NoThreadLeaks found it did).
	 */
	private record SlowJob(Thread client, TrackedTask<?> task) {

		void awaitClientDone() throws InterruptedException {
			this.client.join(Duration.ofSeconds(10).toMillis());
			assertThat(this.client.isAlive()).as("the slow job's client request ended").isFalse();
		}

	}

}
