package io.github.threadleaks.actuate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskTracker;
import io.github.threadleaks.tasks.TrackedTask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One task by id, and every way an id can be wrong; the HTTP side (405 for a refused
 * DELETE) is tested against the running sample app.
 */
class TrackedTasksEndpointTests {

	private final TaskTracker tracker = TaskTracker.withOwnExecutor(new TaskCounts(),
			new TaskTracker.Settings("application", 100, true), Clock.systemUTC());

	private final TrackedTasksEndpoint endpoint = new TrackedTasksEndpoint(this.tracker,
			ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC());

	@AfterEach
	void close() {
		this.tracker.root().cancel();
		this.tracker.close();
	}

	@Test
	void oneTaskShowsItsScopeThreadAndStack() throws Exception {
		CountDownLatch never = new CountDownLatch(1);
		TrackedTask<?> task = this.tracker.submit("waits", () -> {
			never.await();
			return null;
		});
		await().until(() -> task.thread() != null);
		WebEndpointResponse<Object> response = this.endpoint.task(Long.toString(task.id()));
		assertThat(response.getStatus()).isEqualTo(200);
		TrackedTasksEndpoint.Task shown = (TrackedTasksEndpoint.Task) response.getBody();
		assertThat(shown.id()).isEqualTo(task.id());
		assertThat(shown.name()).isEqualTo("waits");
		assertThat(shown.scope()).isEqualTo("application/waits");
		assertThat(shown.thread()).isEqualTo(task.thread().getName());
		await().untilAsserted(() -> assertThat(((TrackedTasksEndpoint.Task) this.endpoint
			.task(Long.toString(task.id()))
			.getBody()).stack()).anyMatch((frame) -> frame.startsWith("java.util.concurrent.CountDownLatch.await(")));
	}

	@Test
	void anIdThatIsNotANumberOrOutOfRangeOrUnknownSaysWhich() {
		assertMessage(this.endpoint.task("abc"), 400, "Task id must be a number, was 'abc'");
		assertMessage(this.endpoint.task("9223372036854775808"), 400,
				"Task id 9223372036854775808 is out of range: ids are numbers from 1 to 9223372036854775807");
		assertMessage(this.endpoint.cancel("99999999999999999999"), 400,
				"Task id 99999999999999999999 is out of range: ids are numbers from 1 to 9223372036854775807");
		assertMessage(this.endpoint.task("424242"), 404, "No running tracked task with id 424242 (it may have ended)");
	}

	private static void assertMessage(WebEndpointResponse<Object> response, int status, String message) {
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(((EndpointMessage) response.getBody()).message()).isEqualTo(message);
	}

}
