package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.tasks.TaskShutdown;
import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link TaskShutdown} when the context closes: after the web server's graceful
 * shutdown ({@code DEFAULT_PHASE - 1024}) and its stop ({@code DEFAULT_PHASE - 2048}), so no
 * request starts new work, and before the executors stop ({@code Integer.MAX_VALUE / 2}), so
 * cancelled work can still unwind on them.
 */
class TaskShutdownLifecycle implements SmartLifecycle {

	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 3072;

	private final TaskShutdown shutdown;

	private final TaskTracker tracker;

	private volatile boolean running;

	private volatile boolean stoppedBefore;

	TaskShutdownLifecycle(TaskShutdown shutdown, TaskTracker tracker) {
		this.shutdown = shutdown;
		this.tracker = tracker;
	}

	TaskShutdown shutdown() {
		return this.shutdown;
	}

	@Override
	public void start() {
		if (this.stoppedBefore) {
			// a context stopped and started again (paused by Spring's test context cache, say)
			this.tracker.reopen();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.shutdown.stop();
		this.stoppedBefore = true;
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
