package io.github.threadleaks.snapshot;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Takes {@link ThreadSnapshot snapshots} of the live platform threads through the
 * {@link ThreadMXBean}. Asks only for stacks to the configured depth and for no locked
 * monitors or synchronizers, which is what keeps a sample cheaper than a full thread dump.
 * Safe to call from several threads: samples are taken one at a time. Keeps no memory of
 * earlier samples but the shared frames, so whoever takes a snapshot (the monitor, the
 * endpoint) changes nothing another one sees; when a thread was first seen is the
 * detector's to remember.
 */
public class Sampler {

	private final ThreadMXBean threads;

	private final int maxStackDepth;

	private final Clock clock;

	private final FrameInterner interner = new FrameInterner();

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
		for (int i = 0; i < infos.length; i++) {
			ThreadInfo info = infos[i];
			if (info == null) {
				// ended between listing the ids and reading them
				continue;
			}
			StackTraceElement[] stack = info.getStackTrace();
			records.add(ThreadRecord.platform(info, this.interner.intern(stack), stack.length >= this.maxStackDepth,
					(cpuTimes != null) ? cpuTimes[i] : -1));
		}
		return new ThreadSnapshot(++this.sequence, now, totals, records, this.maxStackDepth);
	}

	/**
	 * The stack depth this sampler keeps.
	 * @return the depth
	 */
	public int maxStackDepth() {
		return this.maxStackDepth;
	}

	private long @Nullable [] cpuTimes(long[] ids) {
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
