package io.github.threadleaks.actuate;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.snapshot.StackFrames;
import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskTracker;
import io.github.threadleaks.tasks.TrackedTask;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@link Endpoint @Endpoint} that lists tracked work with its scope and the current stack of
 * its thread, and cancels one task. Cancelling is destructive, so the default access is
 * read-only: {@code management.endpoint.trackedtasks.access=unrestricted} allows it.
 */
@Endpoint(id = "trackedtasks", defaultAccess = Access.READ_ONLY)
public class TrackedTasksEndpoint {

	private final TaskTracker tracker;

	private final ThreadMXBean threads;

	private final int maxStackDepth;

	private final Clock clock;

	public TrackedTasksEndpoint(TaskTracker tracker, ThreadMXBean threads, int maxStackDepth, Clock clock) {
		this.tracker = tracker;
		this.threads = threads;
		this.maxStackDepth = maxStackDepth;
		this.clock = clock;
	}

	@ReadOperation
	public TrackedTasks tasks() {
		List<TrackedTask<?>> running = this.tracker.running();
		Map<Long, List<String>> stacks = stacks(running);
		Instant now = this.clock.instant();
		List<Task> tasks = running.stream().map((task) -> {
			Thread thread = task.thread();
			Instant since = (task.startedAt() != null) ? task.startedAt() : task.submittedAt();
			return new Task(task.id(), task.name(), task.state(), task.submittedAt(), task.startedAt(),
					Duration.between(since, now).toMillis() / 1000.0, task.scope().path(), task.scope().deadline(),
					(thread != null) ? thread.getName() : null,
					(thread != null) ? stacks.getOrDefault(thread.getId(), List.of()) : List.of());
		}).toList();
		return new TrackedTasks(TaskSummary.of(this.tracker.counts()), tasks);
	}

	@DeleteOperation
	public WebEndpointResponse<Object> cancel(@Selector String id) {
		long taskId;
		try {
			taskId = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			return new WebEndpointResponse<>(new EndpointMessage(400, "Bad Request",
					"Task id must be a number, was '" + id + "'"), WebEndpointResponse.STATUS_BAD_REQUEST);
		}
		TrackedTask<?> task = this.tracker.find(taskId).orElse(null);
		if (task == null) {
			return new WebEndpointResponse<>(new EndpointMessage(404, "Not Found",
					"No running tracked task with id " + taskId + " (it may have ended)"),
					WebEndpointResponse.STATUS_NOT_FOUND);
		}
		boolean cancelled = task.cancel();
		String message = cancelled ? "Cancelled " + task + ": its scope " + task.scope().path()
				+ " and its children are cancelled and their threads interrupted" : task + " was already cancelled";
		return new WebEndpointResponse<>(new EndpointMessage(200, "OK", message), WebEndpointResponse.STATUS_OK);
	}

	private Map<Long, List<String>> stacks(List<TrackedTask<?>> tasks) {
		long[] ids = tasks.stream().map(TrackedTask::thread).filter((t) -> t != null).mapToLong(Thread::getId).toArray();
		Map<Long, List<String>> stacks = new HashMap<>();
		if (ids.length == 0) {
			return stacks;
		}
		for (ThreadInfo info : this.threads.getThreadInfo(ids, this.maxStackDepth)) {
			if (info != null) {
				stacks.put(info.getThreadId(),
						Arrays.stream(info.getStackTrace()).map(StackFrames::format).toList());
			}
		}
		return stacks;
	}

	/**
	 * The body of {@code GET /actuator/trackedtasks}.
	 *
	 * @param summary counts of running and ended work
	 * @param tasks the running tasks, oldest first
	 */
	public record TrackedTasks(TaskSummary summary, List<Task> tasks) implements OperationResponseBody {

	}

	/**
	 * A running task.
	 *
	 * @param id its id, for {@code DELETE /actuator/trackedtasks/{id}}
	 * @param name its name
	 * @param state {@code running}
	 * @param submittedAt when it was submitted
	 * @param startedAt when it started, or {@code null} while queued
	 * @param ageSeconds how long it has been running (or queued)
	 * @param scope its scope path, root first
	 * @param deadline when it times out, or {@code null}
	 * @param thread the thread running it, or {@code null} while queued
	 * @param stack that thread's current stack
	 */
	public record Task(long id, String name, String state, Instant submittedAt, @Nullable Instant startedAt,
			double ageSeconds, String scope, @Nullable Instant deadline, @Nullable String thread,
			List<String> stack) {

	}

}
