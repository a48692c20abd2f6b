package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.creation.CreationSites;
import io.github.threadleaks.detect.Globs;
import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;

/**
 * Finds the threads alive now that were not alive at a baseline and that nothing ignores, with
 * goleak's retry discipline: while some remain, look again after a sleep that starts at a
 * microsecond and doubles up to 100 ms, until {@code maxWait} has passed in all. A thread that
 * ends just after the test, or an executor shut down without waiting for it, passes; with
 * nothing new alive there is no sleep at all.
 */
final class LeakFinder {

	static final long FIRST_SLEEP_NANOS = TimeUnit.MICROSECONDS.toNanos(1);

	static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	/** JFR hands events over about once a second: how long a failing check waits for the sites. */
	private static final long CREATION_SITE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(2_500);

	private final CheckOptions options;

	private final Globs ignoredNames;

	private final Globs ignoredTopFrames;

	private final Globs ignoredAnyFrames;

	private final Globs ignoredCreators;

	/**
	 * @param options what to ignore and how long to wait
	 */
	LeakFinder(CheckOptions options) {
		this.options = options;
		this.ignoredNames = Globs.of(options.ignoredNames());
		this.ignoredTopFrames = Globs.of(options.ignoredTopFrames());
		this.ignoredAnyFrames = Globs.of(options.ignoredAnyFrames());
		this.ignoredCreators = Globs.of(options.ignoredCreators());
	}

	/**
	 * The threads started since the baseline that are still alive and not ignored, once the
	 * retries are spent.
	 * @param baseline the threads alive before
	 * @return what was found, and how long the check waited
	 */
	Findings find(LiveThreads.Baseline baseline) {
		// started with the baseline where the options ask for it (it must see the test's threads
		// start); a recording another check started still tells who started a thread
		@Nullable CreationSites sites = JvmCreationSites.ifStarted();
		long start = System.nanoTime();
		long maxWaitNanos = this.options.maxWait().toNanos();
		long sleepNanos = FIRST_SLEEP_NANOS;
		int looks = 0;
		while (true) {
			List<Thread> remaining = newThreadsNotIgnored(baseline, sites);
			looks++;
			long waited = System.nanoTime() - start;
			if (remaining.isEmpty()) {
				return new Findings(List.of(), Duration.ofNanos(waited), looks, sites != null);
			}
			if (waited >= maxWaitNanos) {
				List<LeakedThread> leaks = describe(remaining, sites);
				return new Findings(leaks, Duration.ofNanos(System.nanoTime() - start), looks,
						sites != null);
			}
			LockSupport.parkNanos(Math.min(sleepNanos, maxWaitNanos - waited));
			sleepNanos = Math.min(sleepNanos * 2, MAX_SLEEP_NANOS);
		}
	}

	CheckOptions options() {
		return this.options;
	}

	private List<Thread> newThreadsNotIgnored(LiveThreads.Baseline baseline, @Nullable CreationSites sites) {
		if (baseline.noThreadStartedSince()) {
			return List.of();
		}
		Thread[] now = LiveThreads.list();
		if (baseline.coversAll(now)) {
			return List.of();
		}
		List<Thread> remaining = null;
		Thread self = Thread.currentThread();
		for (Thread thread : now) {
			if (thread == self || baseline.contains(thread) || !isSuspect(thread, siteOf(thread, sites))
					|| JdkThreads.isVirtualThreadSchedulerDelayThread(thread, now)) {
				continue;
			}
			if (remaining == null) {
				remaining = new ArrayList<>(4);
			}
			remaining.add(thread);
		}
		return (remaining != null) ? remaining : List.of();
	}

	/**
	 * Whether nothing ignores a thread: the cheap tests (name, class, owners by name) first,
	 * its stack only for the threads that pass them.
	 */
	private boolean isSuspect(Thread thread, @Nullable CreationSite site) {
		if (!thread.isAlive() || JdkThreads.ownsByName(thread) || this.ignoredNames.matches(thread.getName())) {
			return false;
		}
		if (ThreadOwners.owned(thread, site)) {
			return false;
		}
		if (site != null && !this.ignoredCreators.isEmpty() && anyFrameMatches(site.stack(), this.ignoredCreators)) {
			return false;
		}
		if (!JdkThreads.isCommonPoolWorker(thread) && this.ignoredTopFrames.isEmpty()
				&& this.ignoredAnyFrames.isEmpty()) {
			return true;
		}
		StackTraceElement[] stack = thread.getStackTrace();
		if (JdkThreads.isIdleCommonPoolWorker(thread, stack)) {
			return false;
		}
		return !ignoredByStack(Arrays.asList(stack)) && thread.isAlive();
	}

	private boolean ignoredByStack(List<StackTraceElement> stack) {
		if (stack.isEmpty()) {
			return false;
		}
		if (!this.ignoredTopFrames.isEmpty()) {
			String top = StackFrames.methodName(stack.get(0));
			String blocking = StackFrames.methodName(stack.get(IdleFrames.blockingFrameIndex(stack)));
			if (this.ignoredTopFrames.matches(top) || this.ignoredTopFrames.matches(blocking)) {
				return true;
			}
		}
		return !this.ignoredAnyFrames.isEmpty() && anyFrameMatches(stack, this.ignoredAnyFrames);
	}

	private static boolean anyFrameMatches(List<StackTraceElement> stack, Globs globs) {
		for (StackTraceElement frame : stack) {
			if (globs.matches(StackFrames.methodName(frame))) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable CreationSite siteOf(Thread thread, @Nullable CreationSites sites) {
		return (sites != null) ? sites.siteOf(LiveThreads.idOf(thread)).orElse(null) : null;
	}

	/**
	 * The threads that stayed, as they are now. Where creation sites are recorded, JFR may not
	 * have handed over their start events yet: the message waits a little for them, and a
	 * thread whose site an ignore option matches is left out once it is known.
	 */
	private List<LeakedThread> describe(List<Thread> remaining, @Nullable CreationSites sites) {
		if (sites != null && this.options.recordsCreationSites()) {
			awaitCreationSites(remaining, sites);
		}
		List<LeakedThread> leaks = new ArrayList<>(remaining.size());
		for (Thread thread : remaining) {
			CreationSite site = siteOf(thread, sites);
			StackTraceElement[] stack = thread.getStackTrace();
			if (!thread.isAlive() || (site != null && !isSuspect(thread, site))) {
				continue;
			}
			leaks.add(new LeakedThread(thread.getName(), LiveThreads.idOf(thread), thread.isDaemon(),
					thread.getState(), Arrays.asList(stack), site));
		}
		return leaks;
	}

	private static void awaitCreationSites(List<Thread> threads, CreationSites sites) {
		long deadline = System.nanoTime() + CREATION_SITE_WAIT_NANOS;
		while (System.nanoTime() < deadline) {
			boolean allKnown = true;
			for (Thread thread : threads) {
				if (thread.isAlive() && siteOf(thread, sites) == null) {
					allKnown = false;
					break;
				}
			}
			if (allKnown) {
				return;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
		}
	}

	/**
	 * What one check found.
	 *
	 * @param leaks the threads left behind, empty when none
	 * @param waited how long the check looked again before it gave up or found none
	 * @param looks how many times it listed the threads: one means it never slept
	 * @param creationSitesRecorded whether JFR recorded who started threads
	 */
	record Findings(List<LeakedThread> leaks, Duration waited, int looks, boolean creationSitesRecorded) {

		boolean hasLeaks() {
			return !this.leaks.isEmpty();
		}

	}

}
