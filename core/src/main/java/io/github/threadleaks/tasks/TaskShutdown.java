package io.github.threadleaks.tasks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.github.threadleaks.snapshot.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops tracked work the way Go code stops on {@code ctx.Done()}: refuse new work, let what
 * runs finish for the drain timeout, cancel the root scope (flags, callbacks, interrupts),
 * wait the cancel timeout, then name every task still running, with its stack. The whole
 * stop takes at most the two timeouts, even when a task ignores interrupts.
 */
public final class TaskShutdown {

	private static final Logger logger = LoggerFactory.getLogger(TaskShutdown.class);

	private static final Duration POLL = Duration.ofMillis(10);

	private final TaskTracker tracker;

	private final Duration drainTimeout;

	private final Duration cancelTimeout;

	public TaskShutdown(TaskTracker tracker, Duration drainTimeout, Duration cancelTimeout) {
		this.tracker = tracker;
		this.drainTimeout = drainTimeout;
		this.cancelTimeout = cancelTimeout;
	}

	public Duration drainTimeout() {
		return this.drainTimeout;
	}

	public Duration cancelTimeout() {
		return this.cancelTimeout;
	}

	/**
	 * Runs the shutdown.
	 * @return the tasks that refused to stop
	 */
	public List<TrackedTask<?>> stop() {
		this.tracker.refuseNewWork();
		if (!awaitIdle(this.drainTimeout)) {
			List<TrackedTask<?>> draining = this.tracker.running();
			logger.info("Shutdown: {} tracked tasks still running after the drain timeout of {} ms; cancelling them",
					draining.size(), this.drainTimeout.toMillis());
		}
		this.tracker.root().cancel();
		if (awaitIdle(this.cancelTimeout)) {
			return List.of();
		}
		List<TrackedTask<?>> refused = this.tracker.running();
		for (TrackedTask<?> task : refused) {
			logger.warn("Shutdown: {} refused to stop within {} ms of being cancelled; it is still running{}", task,
					this.cancelTimeout.toMillis(), stackOf(task));
		}
		return refused;
	}

	private boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.tracker.running().isEmpty()) {
			if (System.nanoTime() - deadline >= 0) {
				return false;
			}
			try {
				Thread.sleep(POLL.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return this.tracker.running().isEmpty();
			}
		}
		return true;
	}

	static String stackOf(TrackedTask<?> task) {
		Thread thread = task.thread();
		if (thread == null) {
			return " (waiting in its executor's queue)";
		}
		return " on thread '" + SafeText.neutralize(thread.getName()) + "'" + Arrays.stream(thread.getStackTrace())
			.limit(20)
			.map((frame) -> "\n\tat " + SafeText.neutralize(frame.toString()))
			.collect(Collectors.joining());
	}

}
