package io.github.threadleaks.detect;

import java.lang.management.LockInfo;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.threadleaks.detect.Deadlock.DeadlockedThread;

/**
 * Finds deadlock cycles, monitors and {@code java.util.concurrent} locks alike, through
 * {@link ThreadMXBean#findDeadlockedThreads()}: cheap enough for every sample (well under a
 * millisecond with thousands of threads), and only when it finds one does it read the lock
 * details of the threads involved.
 */
public final class DeadlockFinder {

	private final ThreadMXBean threads;

	private final int maxStackDepth;

	public DeadlockFinder(ThreadMXBean threads, int maxStackDepth) {
		this.threads = threads;
		this.maxStackDepth = maxStackDepth;
	}

	/**
	 * The deadlocks now.
	 * @return each cycle, empty if there is none
	 */
	public List<Deadlock> find() {
		long[] ids = this.threads.isSynchronizerUsageSupported() ? this.threads.findDeadlockedThreads()
				: this.threads.findMonitorDeadlockedThreads();
		if (ids == null || ids.length == 0) {
			return List.of();
		}
		ThreadInfo[] infos = this.threads.getThreadInfo(ids, this.threads.isObjectMonitorUsageSupported(),
				this.threads.isSynchronizerUsageSupported());
		Map<Long, ThreadInfo> byId = new HashMap<>();
		for (ThreadInfo info : infos) {
			if (info != null) {
				byId.put(info.getThreadId(), info);
			}
		}
		List<Deadlock> deadlocks = new ArrayList<>();
		Set<Long> assigned = new HashSet<>();
		for (long id : ids) {
			List<Long> cycle = cycleThrough(id, byId);
			if (!cycle.isEmpty() && assigned.addAll(cycle)) {
				deadlocks.add(new Deadlock(cycle.stream().map((member) -> describe(byId.get(member))).toList()));
			}
		}
		return deadlocks;
	}

	/**
	 * Follows "waits for a lock held by" from a thread until a thread repeats; the cycle is
	 * what lies from the first repeat on, starting at its lowest id so each cycle is found
	 * once.
	 */
	private static List<Long> cycleThrough(long start, Map<Long, ThreadInfo> byId) {
		LinkedHashSet<Long> path = new LinkedHashSet<>();
		long current = start;
		while (byId.containsKey(current) && path.add(current)) {
			current = byId.get(current).getLockOwnerId();
		}
		if (!path.contains(current)) {
			return List.of();
		}
		List<Long> ordered = new ArrayList<>(path);
		List<Long> cycle = new ArrayList<>(ordered.subList(ordered.indexOf(current), ordered.size()));
		int lowest = cycle.indexOf(cycle.stream().min(Long::compare).orElseThrow());
		List<Long> rotated = new ArrayList<>(cycle.subList(lowest, cycle.size()));
		rotated.addAll(cycle.subList(0, lowest));
		return rotated;
	}

	private DeadlockedThread describe(ThreadInfo info) {
		List<String> holds = new ArrayList<>();
		for (MonitorInfo monitor : info.getLockedMonitors()) {
			holds.add(monitor.toString());
		}
		for (LockInfo synchronizer : info.getLockedSynchronizers()) {
			holds.add(synchronizer.toString());
		}
		StackTraceElement[] stack = info.getStackTrace();
		List<StackTraceElement> frames = Arrays.asList(stack).subList(0, Math.min(stack.length, this.maxStackDepth));
		return new DeadlockedThread(info.getThreadId(), info.getThreadName(), info.getThreadState(),
				info.getLockName(), info.getLockOwnerName(), info.getLockOwnerId(), List.copyOf(holds),
				List.copyOf(frames));
	}

}
