package io.github.threadleaks.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.threadleaks.tasks.TaskScope;
import io.github.threadleaks.tasks.TaskTracker;

/**
 * Small pieces the scenarios share: numbered threads, and the tracked tasks the fixed twins
 * run as.
 */
final class Scenarios {

	private static final Map<String, AtomicInteger> counters = new java.util.concurrent.ConcurrentHashMap<>();

	private Scenarios() {
	}

	/**
	 * Starts a daemon thread named {@code prefix-N}, as a request thread would (Tomcat's
	 * request threads are daemons, and new threads inherit that).
	 */
	static String startThread(String prefix, Runnable body) {
		Thread thread = new Thread(body, prefix + "-" + counters.computeIfAbsent(prefix, (p) -> new AtomicInteger())
			.incrementAndGet());
		thread.setDaemon(true);
		thread.start();
		return thread.getName();
	}

	static List<String> repeat(int count, java.util.function.Supplier<String> action) {
		List<String> started = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			started.add(action.get());
		}
		return started;
	}

	/**
	 * Runs work as tracked tasks with a deadline: what every fixed twin does.
	 */
	static List<String> tracked(TaskTracker tracker, String name, int count, long deadlineMillis,
			Function<TaskScope, Object> work) {
		return repeat(count, () -> {
			LAST_TRACKED.set(tracker.task(name).deadline(java.time.Duration.ofMillis(deadlineMillis)).submit(work));
			return name;
		});
	}

	/** The last task a fixed twin started, for the tests that follow one task to its end. */
	static final java.util.concurrent.atomic.AtomicReference<io.github.threadleaks.tasks.TrackedTask<?>> LAST_TRACKED = new java.util.concurrent.atomic.AtomicReference<>();

}
