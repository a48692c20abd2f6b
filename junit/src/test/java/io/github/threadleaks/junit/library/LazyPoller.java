package io.github.threadleaks.junit.library;

import org.springframework.beans.factory.DisposableBean;

/**
 * A library's bean that starts its one thread on first use, as clients and schedulers do, and
 * stops it when its context closes. Outside the example tests' package on purpose: it is not
 * the application's code.
 */
public class LazyPoller implements DisposableBean {

	private Thread thread;

	public synchronized void ensureStarted() {
		if (this.thread == null) {
			Thread started = new Thread(LazyPoller::pollUntilInterrupted, "lazy-library-poller");
			started.setDaemon(true);
			this.thread = started;
			started.start();
		}
	}

	@Override
	public synchronized void destroy() throws InterruptedException {
		if (this.thread != null) {
			this.thread.interrupt();
			this.thread.join();
			this.thread = null;
		}
	}

	private static void pollUntilInterrupted() {
		Object monitor = new Object();
		synchronized (monitor) {
			try {
				monitor.wait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
