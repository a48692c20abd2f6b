package io.github.threadleaks.benchmarks.junit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * 1,000 trivial tests with {@code @NoThreadLeaks} against the same 1,000 without it, side by
 * side in one JVM, rounds alternated: JUnit's own execution time of the test class (from its
 * container starting to its container finishing: no JVM start, no discovery), with 0, 50 and
 * 500 other live threads (parked, started before the runs: not the tests' leaks). Both the
 * wall-clock time and the CPU time of the thread that runs the tests are taken: on a shared
 * machine under load, the CPU time is the figure to read (the check runs on that thread alone).
 * <p>
 * Usage: {@code JunitCheckCost [rounds]}; see benchmarks/README.md.
 */
public final class JunitCheckCost {

	static final int TESTS = 1_000;

	private JunitCheckCost() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 15;
		Launcher launcher = LauncherFactory.create();
		System.out.printf(Locale.ROOT, "JDK %s, %d cores, %d trivial tests per run, %d measured rounds per variant%n",
				Runtime.version(), Runtime.getRuntime().availableProcessors(), TESTS, rounds);
		System.out.println("load average at start: " + loadAverage());
		System.out.println("background  variant              | wall: median ms  ratio  per test us | cpu: median ms  min ms  ratio  per test us");
		for (int background : new int[] { 0, 50, 500 }) {
			CountDownLatch release = new CountDownLatch(1);
			List<Thread> parked = startParked(background, release);
			try {
				measure(launcher, background, rounds);
			}
			finally {
				release.countDown();
				for (Thread thread : parked) {
					thread.join();
				}
			}
		}
	}

	private static void measure(Launcher launcher, int background, int rounds) {
		Class<?>[] variants = { Off.class, StoreOnly.class, On.class, OnWithCreationSites.class };
		long[][] wall = new long[variants.length][rounds];
		long[][] cpu = new long[variants.length][rounds];
		for (int warmUp = 0; warmUp < 5; warmUp++) {
			for (Class<?> variant : variants) {
				run(launcher, variant);
			}
		}
		for (int round = 0; round < rounds; round++) {
			// alternate the order, so that neither variant always runs right after a GC-heavy one
			for (int i = 0; i < variants.length; i++) {
				int v = ((round % 2) == 0) ? i : variants.length - 1 - i;
				ClassTimer timer = run(launcher, variants[v]);
				wall[v][round] = timer.wallFinished - timer.wallStarted;
				cpu[v][round] = timer.cpuFinished - timer.cpuStarted;
			}
		}
		double wallOff = median(wall[0]);
		double cpuOff = median(cpu[0]);
		for (int v = 0; v < variants.length; v++) {
			double wallMedian = median(wall[v]);
			double cpuMedian = median(cpu[v]);
			System.out.printf(Locale.ROOT, "%10d  %-19s | %16.2f %6.3f %12.2f | %15.2f %7.2f %6.3f %12.2f%n", background,
					variants[v].getSimpleName(), wallMedian / 1e6, wallMedian / wallOff, (wallMedian - wallOff) / TESTS / 1e3,
					cpuMedian / 1e6, Arrays.stream(cpu[v]).min().orElse(0) / 1e6, cpuMedian / cpuOff,
					(cpuMedian - cpuOff) / TESTS / 1e3);
		}
		System.out.println("load average: " + loadAverage());
	}

	/** JUnit's execution of one class's tests, timed. */
	private static ClassTimer run(Launcher launcher, Class<?> testClass) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(testClass))
			.build();
		ClassTimer timer = new ClassTimer();
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		launcher.execute(request, timer, summary);
		if (summary.getSummary().getTestsSucceededCount() != TESTS) {
			summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err, true), 5);
			throw new IllegalStateException(testClass.getSimpleName() + ": " + summary.getSummary().getTestsSucceededCount()
					+ " of " + TESTS + " tests passed");
		}
		return timer;
	}

	private static List<Thread> startParked(int count, CountDownLatch release) {
		List<Thread> threads = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "background-" + i);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		return threads;
	}

	/** This machine is shared: the load says how much the figures can be trusted. */
	private static String loadAverage() {
		try {
			return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
		}
		catch (java.io.IOException | RuntimeException ex) {
			return "unknown";
		}
	}

	private static double median(long[] values) {
		long[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return ((sorted.length % 2) == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
	}

	/** Times the test class's container: the tests and their callbacks, nothing before or after. */
	private static final class ClassTimer implements TestExecutionListener {

		private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		long wallStarted;

		long wallFinished;

		long cpuStarted;

		long cpuFinished;

		@Override
		public void executionStarted(TestIdentifier identifier) {
			if (isClass(identifier)) {
				this.cpuStarted = threads.getCurrentThreadCpuTime();
				this.wallStarted = System.nanoTime();
			}
		}

		@Override
		public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
			if (isClass(identifier)) {
				this.wallFinished = System.nanoTime();
				this.cpuFinished = threads.getCurrentThreadCpuTime();
			}
		}

		private static boolean isClass(TestIdentifier identifier) {
			return identifier.getSource().filter(ClassSource.class::isInstance).isPresent();
		}

	}

	public static class Off {

		@RepeatedTest(TESTS)
		void trivial() {
		}

	}

	/**
	 * The floor any such extension pays: a before-each and after-each callback that put and take
	 * one value in JUnit's store, as the check does, and nothing else.
	 */
	@ExtendWith(StoreRoundTrip.class)
	public static class StoreOnly {

		@RepeatedTest(TESTS)
		void trivial() {
		}

	}

	public static final class StoreRoundTrip implements BeforeEachCallback, AfterEachCallback {

		private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StoreRoundTrip.class);

		@Override
		public void beforeEach(ExtensionContext context) {
			context.getStore(NAMESPACE).put("started", Boolean.TRUE);
		}

		@Override
		public void afterEach(ExtensionContext context) {
			context.getStore(NAMESPACE).remove("started", Boolean.class);
		}

	}

	@NoThreadLeaks
	public static class On {

		@RepeatedTest(TESTS)
		void trivial() {
		}

	}

	/** The check with JFR recording every thread start (one recording for the JVM, started once). */
	@NoThreadLeaks(creationSites = true)
	public static class OnWithCreationSites {

		@RepeatedTest(TESTS)
		void trivial() {
		}

	}

}
