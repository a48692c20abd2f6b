package io.github.threadleaks.tasks;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.threadleaks.snapshot.SafeText;

/**
 * The non-daemon threads an application started after it was ready and left running at
 * shutdown: they keep the JVM alive and are leaks. The report follows Tomcat's "appears to
 * have started a thread named [...] but has failed to stop it".
 */
public final class LeftoverThreads {

	private static final Set<String> JVM_SHUTDOWN_THREADS = Set.of("DestroyJavaVM");

	private final Set<Long> baseline;

	private LeftoverThreads(Set<Long> baseline) {
		this.baseline = baseline;
	}

	/**
	 * Remembers the threads alive now, which are not the application's leftovers.
	 * @return the baseline
	 */
	public static LeftoverThreads baselineNow() {
		Set<Long> ids = new HashSet<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			ids.add(thread.getId());
		}
		return new LeftoverThreads(ids);
	}

	/**
	 * Waits up to a grace period for threads started since the baseline to end, and returns
	 * those still alive.
	 * @param grace how long to give them
	 * @return the leftover threads, by id
	 */
	public List<Thread> awaitLeftovers(Duration grace) {
		long deadline = System.nanoTime() + grace.toNanos();
		List<Thread> leftovers = find();
		for (Thread thread : leftovers) {
			long remaining = deadline - System.nanoTime();
			if (remaining <= 0) {
				break;
			}
			try {
				thread.join(Math.max(1, remaining / 1_000_000));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return find();
	}

	private List<Thread> find() {
		Thread self = Thread.currentThread();
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !thread.isDaemon() && thread != self
					&& !this.baseline.contains(thread.getId()) && !JVM_SHUTDOWN_THREADS.contains(thread.getName()))
			.sorted(Comparator.comparingLong(Thread::getId))
			.toList();
	}

	/**
	 * The report of leftover threads, one paragraph each with its stack.
	 * @param leftovers the threads
	 * @return the report, or an empty string when there are none
	 */
	public static String report(List<Thread> leftovers) {
		return leftovers.stream()
			.map((thread) -> "threadleaks: the application started a thread named ["
					+ SafeText.neutralize(thread.getName()) + "] (#" + thread.getId() + ", " + thread.getState()
					+ ") but has failed to stop it; it keeps the JVM alive."
					+ Arrays.stream(thread.getStackTrace())
						.limit(20)
						.map((frame) -> "\n\tat " + SafeText.neutralize(frame.toString()))
						.collect(Collectors.joining()))
			.collect(Collectors.joining("\n"));
	}

}
