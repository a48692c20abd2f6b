package io.github.threadleaks.tasks;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ExecutorService} whose every task runs as tracked work of one name on a
 * delegate the application built. Lifecycle calls go to the delegate.
 */
final class TrackingExecutorService extends AbstractExecutorService {

	private final TaskTracker tracker;

	private final ExecutorService delegate;

	private final String name;

	TrackingExecutorService(TaskTracker tracker, ExecutorService delegate, String name) {
		this.tracker = tracker;
		this.delegate = delegate;
		this.name = name;
	}

	@Override
	public void execute(Runnable command) {
		this.tracker.task(this.name).executor(this.delegate).submit(command);
	}

	@Override
	public void shutdown() {
		this.delegate.shutdown();
	}

	@Override
	public List<Runnable> shutdownNow() {
		return this.delegate.shutdownNow();
	}

	@Override
	public boolean isShutdown() {
		return this.delegate.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		return this.delegate.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.delegate.awaitTermination(timeout, unit);
	}

	@Override
	public String toString() {
		return "tracked " + this.name + " on " + this.delegate;
	}

}
