package io.github.threadleaks.snapshot;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes {@link ThreadSnapshot snapshots} of the live platform threads through the
 * {@link ThreadMXBean}. Asks only for stacks to the configured depth and for no locked
 * monitors or synchronizers, which is what keeps a sample cheaper than a full thread dump.
 * Safe to call from several threads: samples are taken one at a time.
 */
public class Sampler {

	private static final int MAX_INTERNED_STACKS = 50_000;

	private final ThreadMXBean threads;

	private final int maxStackDepth;

	private final Clock clock;

	private final FrameInterner interner = new FrameInterner(MAX_INTERNED_STACKS);

	private Map<Long, Instant> firstSeen = new HashMap<>();

	private long sequence;

	/**
	 * @param threads the JVM's thread bean
	 * @param maxStackDepth how many frames of each stack to keep
	 * @param clock the clock that stamps snapshots
	 */
	public Sampler(ThreadMXBean threads, int maxStackDepth, Clock clock) {
		if (maxStackDepth < 1) {
			throw new IllegalArgumentException("maxStackDepth must be at least 1, was " + maxStackDepth);
		}
		this.threads = threads;
		this.maxStackDepth = maxStackDepth;
		this.clock = clock;
	}

	/**
	 * Takes a snapshot now.
	 * @return the snapshot
	 */
	public synchronized ThreadSnapshot take() {
		Instant now = this.clock.instant();
		long[] ids = this.threads.getAllThreadIds();
		ThreadInfo[] infos = this.threads.getThreadInfo(ids, false, false, this.maxStackDepth);
		long[] cpuTimes = cpuTimes(ids);
		ThreadTotals totals = new ThreadTotals(this.threads.getThreadCount(), this.threads.getDaemonThreadCount(),
				this.threads.getPeakThreadCount(), this.threads.getTotalStartedThreadCount());
		List<ThreadRecord> records = new ArrayList<>(infos.length);
		Map<Long, Instant> seen = new HashMap<>(infos.length * 2);
		for (int i = 0; i < infos.length; i++) {
			ThreadInfo info = infos[i];
			if (info == null) {
				// ended between listing the ids and reading them
				continue;
			}
			long id = info.getThreadId();
			Instant first = this.firstSeen.getOrDefault(id, now);
			seen.put(id, first);
			StackTraceElement[] stack = info.getStackTrace();
			records.add(new ThreadRecord(id, info.getThreadName(), PoolNames.fold(info.getThreadName()),
					info.getThreadState(), info.isDaemon(), this.interner.intern(stack),
					stack.length >= this.maxStackDepth, info.getLockName(), info.getLockOwnerId(),
					info.getLockOwnerName(), (cpuTimes != null) ? cpuTimes[i] : -1, info.getBlockedCount(),
					info.getWaitedCount(), first));
		}
		this.firstSeen = seen;
		return new ThreadSnapshot(++this.sequence, now, totals, records, this.maxStackDepth);
	}

	/**
	 * The stack depth this sampler keeps.
	 * @return the depth
	 */
	public int maxStackDepth() {
		return this.maxStackDepth;
	}

	private long[] cpuTimes(long[] ids) {
		if (!this.threads.isThreadCpuTimeSupported() || !this.threads.isThreadCpuTimeEnabled()) {
			return null;
		}
		if (this.threads instanceof com.sun.management.ThreadMXBean batch) {
			return batch.getThreadCpuTime(ids);
		}
		long[] times = new long[ids.length];
		for (int i = 0; i < ids.length; i++) {
			times[i] = this.threads.getThreadCpuTime(ids[i]);
		}
		return times;
	}

}
