package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.detect.LeakMonitor;

import org.springframework.context.SmartLifecycle;

/**
 * Starts the sampler thread once the context is refreshed and stops and joins it when the
 * context closes.
 */
class LeakMonitorLifecycle implements SmartLifecycle {

	private final LeakMonitor monitor;

	private volatile boolean running;

	LeakMonitorLifecycle(LeakMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void start() {
		this.monitor.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.monitor.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
