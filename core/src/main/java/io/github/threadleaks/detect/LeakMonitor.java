package io.github.threadleaks.detect;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread the starter runs, {@value #THREAD_NAME}: every interval it takes a
 * snapshot, looks for deadlocks, feeds the {@link LeakDetector} and publishes the result.
 * Where {@link #sampleVirtualThreads virtual threads are sampled}, the same thread does that
 * on its own, longer interval, after the platform sample, with a detector of its own; each
 * published result carries the latest virtual-thread findings beside the platform ones.
 * A sample that fails is counted and logged (once per distinct cause) and the next one runs;
 * the thread never dies of it. {@link #close()} stops and joins it.
 */
public final class LeakMonitor implements AutoCloseable {

	/** The name of the sampling thread. */
	public static final String THREAD_NAME = "threadleaks-sampler";

	private static final Logger logger = LoggerFactory.getLogger(LeakMonitor.class);

	private static final int MAX_REMEMBERED_FAILURES = 100;

	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * The most of the sampler thread's time virtual-thread samples may take: with 100,000
	 * virtual threads the JVM's dump alone takes seconds, so the interval stretches.
	 */
	static final int VIRTUAL_COST_SHARE_PERCENT = 5;

	private final Sampler sampler;

	private final DeadlockFinder deadlockFinder;

	private final LeakDetector detector;

	private final Duration interval;

	private final Clock clock;

	private final FindingsLog findingsLog = new FindingsLog();

	private volatile CountDownLatch stopped = new CountDownLatch(1);

	private final AtomicLong failedSamples = new AtomicLong();

	private final Set<String> loggedFailures = Collections.synchronizedSet(new LinkedHashSet<>());

	private final List<Consumer<DetectionResult>> listeners = new CopyOnWriteArrayList<>();

	private volatile DetectionResult latest;

	private DetectionResult latestPlatform;

	private volatile VirtualSampling virtual;

	private volatile DetectionResult.VirtualThreads latestVirtual;

	private volatile ThreadSnapshot latestVirtualSnapshot;

	private final AtomicLong failedVirtualSamples = new AtomicLong();

	private long virtualSampleNumber;

	private long nextVirtualSampleNanos;

	private volatile Instant startedAt;

	private long sampleNumber;

	private Thread thread;

	public LeakMonitor(Sampler sampler, DeadlockFinder deadlockFinder, LeakDetector detector, Duration interval,
			Clock clock) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
		this.sampler = sampler;
		this.deadlockFinder = deadlockFinder;
		this.detector = detector;
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Samples virtual threads too, every {@code interval} at the least, and less often when a
	 * sample costs more than {@value #VIRTUAL_COST_SHARE_PERCENT}% of the time between two.
	 * Call before {@link #start()}.
	 * @param source takes the virtual-thread snapshots
	 * @param detector judges them (its own, since their groups and times are their own)
	 * @param interval the least time between two virtual-thread samples
	 */
	public void sampleVirtualThreads(SnapshotSource source, LeakDetector detector, Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
		this.virtual = new VirtualSampling(source, detector, interval);
		this.nextVirtualSampleNanos = System.nanoTime();
	}

	/**
	 * Whether virtual threads are sampled.
	 * @return whether {@link #sampleVirtualThreads} was called
	 */
	public boolean samplesVirtualThreads() {
		return this.virtual != null;
	}

	/**
	 * The latest snapshot of virtual threads, or {@code null} where they are not sampled or
	 * before the first sample.
	 * @return the snapshot
	 */
	public ThreadSnapshot latestVirtualSnapshot() {
		return this.latestVirtualSnapshot;
	}

	/**
	 * Starts the sampling thread; the first sample is taken at once.
	 */
	public synchronized void start() {
		if (this.thread != null) {
			return;
		}
		// a new latch per start, so a monitor closed by a stopped lifecycle can start again
		CountDownLatch stop = new CountDownLatch(1);
		this.stopped = stop;
		this.startedAt = this.clock.instant();
		this.thread = new Thread(() -> run(stop), THREAD_NAME);
		this.thread.setDaemon(true);
		this.thread.start();
	}

	/**
	 * Stops the sampling thread and waits for it to end.
	 */
	@Override
	public void close() {
		Thread running;
		synchronized (this) {
			running = this.thread;
			this.thread = null;
			this.stopped.countDown();
		}
		if (running == null) {
			return;
		}
		running.interrupt();
		try {
			running.join(JOIN_TIMEOUT.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (running.isAlive()) {
			logger.warn("{} did not stop within {}", THREAD_NAME, JOIN_TIMEOUT);
		}
	}

	public synchronized boolean isRunning() {
		Thread running = this.thread;
		return running != null && running.isAlive();
	}

	/**
	 * The latest result, or {@code null} before the first sample completed.
	 * @return the result
	 */
	public DetectionResult latest() {
		return this.latest;
	}

	/**
	 * When sampling started, or {@code null} if it has not.
	 * @return the start time
	 */
	public Instant startedAt() {
		return this.startedAt;
	}

	public Duration interval() {
		return this.interval;
	}

	public long failedSamples() {
		return this.failedSamples.get();
	}

	/**
	 * Calls a listener with every new result, on the sampler thread, right after it is
	 * published. A listener that throws is logged like a failed sample and the others still
	 * run.
	 * @param listener the listener
	 */
	public void addListener(Consumer<DetectionResult> listener) {
		this.listeners.add(listener);
	}

	public void removeListener(Consumer<DetectionResult> listener) {
		this.listeners.remove(listener);
	}

	private void run(CountDownLatch stop) {
		try {
			do {
				sampleNow();
				if (this.virtual != null && System.nanoTime() - this.nextVirtualSampleNanos >= 0) {
					sampleVirtualThreadsNow();
				}
			}
			while (!stop.await(this.interval.toNanos(), TimeUnit.NANOSECONDS));
		}
		catch (InterruptedException ex) {
			// close() interrupts to stop a wait early; nothing else interrupts this thread
		}
	}

	/**
	 * Takes, analyzes and publishes one sample now, on the calling thread, as the sampler
	 * thread does every interval.
	 * @return the result, or {@code null} if the sample failed
	 */
	public synchronized DetectionResult sampleNow() {
		long start = System.nanoTime();
		try {
			ThreadSnapshot snapshot = this.sampler.take();
			DetectionResult result = this.detector.analyze(snapshot, this.deadlockFinder.find(), ++this.sampleNumber,
					System.nanoTime() - start);
			result = result.withCost(System.nanoTime() - start, this.failedSamples.get());
			this.latestPlatform = result;
			return publish(result.withVirtualThreads(this.latestVirtual));
		}
		catch (RuntimeException | LinkageError | AssertionError ex) {
			this.failedSamples.incrementAndGet();
			logOnce("A thread sample failed; sampling goes on (further failures of this kind are counted, not logged)",
					ex);
			return null;
		}
	}

	/**
	 * Takes, analyzes and publishes one sample of virtual threads now, on the calling thread.
	 * @return the virtual-thread findings, or {@code null} if they are not sampled or the
	 * sample failed
	 */
	public synchronized DetectionResult.VirtualThreads sampleVirtualThreadsNow() {
		VirtualSampling sampling = this.virtual;
		if (sampling == null) {
			return null;
		}
		long start = System.nanoTime();
		try {
			ThreadSnapshot snapshot = sampling.source().take();
			DetectionResult found = sampling.detector()
				.analyze(snapshot, List.of(), ++this.virtualSampleNumber, System.nanoTime() - start);
			long cost = System.nanoTime() - start;
			DetectionResult.VirtualThreads virtualThreads = new DetectionResult.VirtualThreads(snapshot.takenAt(),
					snapshot.totals().live(), snapshot.threads().size(), found.threadsByPool(),
					found.suspects().stream().map(Suspect::asVirtual).toList(), cost, this.failedVirtualSamples.get());
			this.latestVirtualSnapshot = snapshot;
			this.latestVirtual = virtualThreads;
			if (this.latestPlatform != null) {
				publish(this.latestPlatform.withVirtualThreads(virtualThreads));
			}
			return virtualThreads;
		}
		catch (IOException | RuntimeException | LinkageError | AssertionError ex) {
			this.failedVirtualSamples.incrementAndGet();
			logOnce("A virtual-thread sample failed; sampling goes on (further failures of this kind are counted, "
					+ "not logged)", ex);
			return null;
		}
		finally {
			long cost = System.nanoTime() - start;
			long spacing = Math.max(sampling.interval().toNanos(), cost * (100 / VIRTUAL_COST_SHARE_PERCENT));
			this.nextVirtualSampleNanos = System.nanoTime() + spacing;
		}
	}

	private DetectionResult publish(DetectionResult result) {
		this.latest = result;
		this.findingsLog.update(result);
		for (Consumer<DetectionResult> listener : this.listeners) {
			try {
				listener.accept(result);
			}
			catch (RuntimeException ex) {
				logOnce("A listener of thread samples failed; sampling goes on", ex);
			}
		}
		return result;
	}

	private record VirtualSampling(SnapshotSource source, LeakDetector detector, Duration interval) {

	}

	private void logOnce(String message, Throwable ex) {
		String cause = ex.getClass().getName() + ": " + ex.getMessage();
		if (this.loggedFailures.size() < MAX_REMEMBERED_FAILURES && this.loggedFailures.add(cause)) {
			logger.error(message, ex);
		}
	}

}
