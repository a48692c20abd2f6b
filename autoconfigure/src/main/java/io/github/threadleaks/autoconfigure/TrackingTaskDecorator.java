package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.TaskDecorator;

/**
 * Tracks the work of Boot's {@code applicationTaskExecutor} and of {@code @Async} methods.
 * Boot composes every {@code TaskDecorator} bean, so this one sits beside the application's
 * own (MDC, security context) rather than replacing them.
 */
class TrackingTaskDecorator implements TaskDecorator {

	/**
	 * Resolved at first use: the tracker runs on the application's executor, which is built
	 * with this decorator, so an eager reference would be a cycle.
	 */
	private final ObjectProvider<TaskTracker> tracker;

	TrackingTaskDecorator(ObjectProvider<TaskTracker> tracker) {
		this.tracker = tracker;
	}

	@Override
	public Runnable decorate(Runnable runnable) {
		return this.tracker.getObject().decorate(runnable, nameOf(runnable));
	}

	private static String nameOf(Runnable runnable) {
		String name = runnable.getClass().getSimpleName();
		int lambda = name.indexOf("$$Lambda");
		return "async:" + ((lambda > 0) ? name.substring(0, lambda) : (name.isEmpty() ? "task" : name));
	}

}
