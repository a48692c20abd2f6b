package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.tasks.TaskShutdown;

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

	private volatile boolean running;

	TaskShutdownLifecycle(TaskShutdown shutdown) {
		this.shutdown = shutdown;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.shutdown.stop();
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
