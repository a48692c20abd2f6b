package io.github.threadleaks.detect;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.threadleaks.detect.DetectionResult.VirtualThreads;
import io.github.threadleaks.snapshot.ThreadSnapshot;

/**
 * Virtual-thread sampling on the monitor's thread: its own source and detector (their groups
 * and times are their own), its own interval, stretched when a sample costs more than
 * {@value #COST_SHARE_PERCENT}% of the time between two (with 100,000 virtual threads the
 * JVM's dump alone takes seconds). Used by one thread, the monitor's, under its lock.
 */
final class VirtualThreadSchedule {

	/** The most of the sampler thread's time virtual-thread samples may take. */
	static final int COST_SHARE_PERCENT = 5;

	private final SnapshotSource source;

	private final LeakDetector detector;

	private final Duration interval;

	private final AtomicLong failedSamples = new AtomicLong();

	private long nextSampleNanos = System.nanoTime();

	VirtualThreadSchedule(SnapshotSource source, LeakDetector detector, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
		this.source = source;
		this.detector = detector;
		this.interval = interval;
	}

	/**
	 * Whether the next virtual-thread sample is due.
	 * @return whether its time has come
	 */
	boolean due() {
		return System.nanoTime() - this.nextSampleNanos >= 0;
	}

	/**
	 * Takes and judges one sample now, and sets when the next is due.
	 * @return what it found
	 * @throws IOException if the dump could not be written or read (counted as a failure)
	 */
	VirtualThreads sample() throws IOException {
		long start = System.nanoTime();
		try {
			ThreadSnapshot snapshot = this.source.take();
			Findings found = this.detector.analyze(snapshot);
			return new VirtualThreads(snapshot.takenAt(), snapshot.totals().live(), snapshot.threads().size(),
					found.threadsByPool(), found.suspects().stream().map(Suspect::asVirtual).toList(),
					System.nanoTime() - start, this.failedSamples.get(), snapshot);
		}
		catch (IOException | RuntimeException | LinkageError | AssertionError ex) {
			this.failedSamples.incrementAndGet();
			throw ex;
		}
		finally {
			long cost = System.nanoTime() - start;
			long spacing = Math.max(this.interval.toNanos(), cost * (100 / COST_SHARE_PERCENT));
			this.nextSampleNanos = System.nanoTime() + spacing;
		}
	}

}
