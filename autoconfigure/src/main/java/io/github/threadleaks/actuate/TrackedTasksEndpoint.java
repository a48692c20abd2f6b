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
import java.util.Objects;
import java.util.regex.Pattern;

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
 * its thread, shows one task ({@code GET /actuator/trackedtasks/{id}}) and cancels one
 * ({@code DELETE}). Cancelling is destructive, so the default access is read-only: a
 * {@code DELETE} is then Boot's 405, and
 * {@code management.endpoint.trackedtasks.access=unrestricted} allows it.
 */
@Endpoint(id = "trackedtasks", defaultAccess = Access.READ_ONLY)
public class TrackedTasksEndpoint {

	private static final Pattern WHOLE_NUMBER = Pattern.compile("[-+]?[0-9]+");

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
		List<Task> tasks = running.stream().map((task) -> task(task, stacks, now)).toList();
		return new TrackedTasks(TaskSummary.of(this.tracker.counts()), tasks);
	}

	@ReadOperation
	public WebEndpointResponse<Object> task(@Selector String id) {
		Lookup found = find(id);
		TrackedTask<?> task = found.task();
		if (task == null) {
			return found.problem();
		}
		return new WebEndpointResponse<>(task(task, stacks(List.of(task)), this.clock.instant()),
				WebEndpointResponse.STATUS_OK);
	}

	@DeleteOperation
	public WebEndpointResponse<Object> cancel(@Selector String id) {
		Lookup found = find(id);
		TrackedTask<?> task = found.task();
		if (task == null) {
			return found.problem();
		}
		boolean cancelled = task.cancel();
		String message = cancelled ? "Cancelled " + task + ": its scope " + task.scope().path()
				+ " and its children are cancelled and their threads interrupted" : task + " was already cancelled";
		return new WebEndpointResponse<>(new EndpointMessage(200, "OK", message), WebEndpointResponse.STATUS_OK);
	}

	/**
	 * The running task with this id, or the 400 or 404 that says why there is none.
	 */
	private Lookup find(String id) {
		long taskId;
		try {
			taskId = Long.parseLong(id);
		}
		catch (NumberFormatException ex) {
			String message = WHOLE_NUMBER.matcher(id).matches()
					? "Task id " + id + " is out of range: ids are numbers from 1 to " + Long.MAX_VALUE
					: "Task id must be a number, was '" + id + "'";
			return Lookup.problem(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", message);
		}
		TrackedTask<?> task = this.tracker.find(taskId).orElse(null);
		if (task == null) {
			return Lookup.problem(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found",
					"No running tracked task with id " + taskId + " (it may have ended)");
		}
		return new Lookup(task, null);
	}

	private static Task task(TrackedTask<?> task, Map<Long, List<String>> stacks, Instant now) {
		Thread thread = task.thread();
		Instant started = task.startedAt();
		Instant since = (started != null) ? started : task.submittedAt();
		return new Task(task.id(), task.name(), task.state(), task.submittedAt(), started,
				Duration.between(since, now).toMillis() / 1000.0, task.scope().path(), task.scope().deadline(),
				(thread != null) ? thread.getName() : null,
				(thread != null) ? stacks.getOrDefault(thread.getId(), List.of()) : List.of());
	}

	private Map<Long, List<String>> stacks(List<TrackedTask<?>> tasks) {
		long[] ids = tasks.stream().map(TrackedTask::thread).filter((t) -> t != null).mapToLong(Thread::getId)
			.toArray();
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
	 * A task found by id, or the answer that says why none was.
	 */
	private record Lookup(@Nullable TrackedTask<?> task, @Nullable WebEndpointResponse<Object> answer) {

		static Lookup problem(int status, String error, String message) {
			return new Lookup(null, new WebEndpointResponse<>(new EndpointMessage(status, error, message), status));
		}

		WebEndpointResponse<Object> problem() {
			return Objects.requireNonNull(this.answer);
		}

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
