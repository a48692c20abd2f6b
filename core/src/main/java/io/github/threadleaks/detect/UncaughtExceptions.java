package io.github.threadleaks.detect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import io.github.threadleaks.snapshot.SafeText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One default uncaught-exception handler for the whole JVM, however many application
 * contexts listen to it: the JVM's equivalent of a panic in a goroutine. It wraps the handler
 * that was installed before (and behaves as the JDK does when there was none), is installed
 * with the first listener and restored when the last one leaves.
 * <p>
 * It sees threads that die of an exception. It cannot see work sent with
 * {@code submit()}, whose exception stays in its {@code Future}, nor threads with a handler
 * of their own.
 */
public final class UncaughtExceptions {

	private static final Logger logger = LoggerFactory.getLogger(UncaughtExceptions.class);

	private static final Object lock = new Object();

	private static Handler installed;

	private UncaughtExceptions() {
	}

	/**
	 * Listens to threads dying of uncaught exceptions; installs the handler if it is the
	 * first listener.
	 * @param listener called with the thread and the exception, on the dying thread
	 * @return a registration whose {@code close()} removes the listener and, for the last
	 * one, restores the previous handler
	 */
	public static AutoCloseable listen(BiConsumer<Thread, Throwable> listener) {
		synchronized (lock) {
			if (installed == null) {
				installed = new Handler(Thread.getDefaultUncaughtExceptionHandler());
				Thread.setDefaultUncaughtExceptionHandler(installed);
			}
			Handler handler = installed;
			handler.listeners.add(listener);
			return () -> stopListening(handler, listener);
		}
	}

	static boolean isInstalled() {
		synchronized (lock) {
			return installed != null && Thread.getDefaultUncaughtExceptionHandler() == installed;
		}
	}

	private static void stopListening(Handler handler, BiConsumer<Thread, Throwable> listener) {
		synchronized (lock) {
			handler.listeners.remove(listener);
			if (handler != installed || !handler.listeners.isEmpty()) {
				return;
			}
			if (Thread.getDefaultUncaughtExceptionHandler() == handler) {
				Thread.setDefaultUncaughtExceptionHandler(handler.previous);
			}
			// if someone installed a handler over ours, ours stays beneath it and only delegates
			installed = null;
		}
	}

	/**
	 * A log line written on a thread shows that thread's name through the log pattern
	 * ({@code [%t]}), which no argument of ours escapes: a dying thread whose name would
	 * forge a line takes its neutralised name first. It is dying, and nothing but this
	 * report reads its name again.
	 */
	private static void neutralizeName(Thread thread) {
		String name = thread.getName();
		if (thread == Thread.currentThread() && SafeText.firstUnsafe(name) >= 0) {
			thread.setName(SafeText.neutralize(name));
		}
	}

	private static final class Handler implements Thread.UncaughtExceptionHandler {

		private final Thread.UncaughtExceptionHandler previous;

		private final List<BiConsumer<Thread, Throwable>> listeners = new CopyOnWriteArrayList<>();

		Handler(Thread.UncaughtExceptionHandler previous) {
			this.previous = previous;
		}

		@Override
		public void uncaughtException(Thread thread, Throwable exception) {
			for (BiConsumer<Thread, Throwable> listener : this.listeners) {
				try {
					listener.accept(thread, exception);
				}
				catch (RuntimeException ex) {
					// a counting failure must not hide the death it was counting
				}
			}
			if (!this.listeners.isEmpty()) {
				neutralizeName(thread);
				logger.warn("Thread {} died of an uncaught {}: {}", FindingText.quoted(thread.getName()),
						exception.getClass().getName(), SafeText.neutralizeOrNull(exception.getMessage()));
			}
			if (this.previous != null) {
				this.previous.uncaughtException(thread, exception);
			}
			else {
				// what ThreadGroup.uncaughtException does when no default handler is set
				System.err.print("Exception in thread \"" + SafeText.neutralize(thread.getName()) + "\" ");
				exception.printStackTrace(System.err);
			}
		}

	}

}
