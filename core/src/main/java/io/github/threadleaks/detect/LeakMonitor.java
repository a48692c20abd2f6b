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
import org.jspecify.annotations.Nullable;
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

	/** Groups whose recent counts are kept for the suspects' trends: the largest, suspects first. */
	static final int TREND_GROUPS = 200;

	private final Sampler sampler;

	private final DeadlockFinder deadlockFinder;

	private final LeakDetector detector;

	private final Duration interval;

	private final Clock clock;

	private final FindingsLog findingsLog = new FindingsLog();

	private final GroupTrends trends;

	private volatile CountDownLatch stopped = new CountDownLatch(1);

	private final AtomicLong failedSamples = new AtomicLong();

	private final Set<String> loggedFailures = Collections.synchronizedSet(new LinkedHashSet<>());

	private final List<Consumer<DetectionResult>> listeners = new CopyOnWriteArrayList<>();

	private volatile @Nullable DetectionResult latest;

	private @Nullable PlatformSample latestPlatform;

	private volatile @Nullable VirtualThreadSchedule virtual;

	private DetectionResult.@Nullable VirtualThreads latestVirtual;

	private volatile @Nullable Instant startedAt;

	private long sampleNumber;

	private @Nullable Thread thread;

	public LeakMonitor(Sampler sampler, DeadlockFinder deadlockFinder, LeakDetector detector, Duration interval,
			Clock clock) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
		this.sampler = sampler;
		this.deadlockFinder = deadlockFinder;
		this.detector = detector;
		this.trends = new GroupTrends(detector.horizons(), TREND_GROUPS);
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Samples virtual threads too, every {@code interval} at the least, and less often when a
	 * sample costs more than {@value VirtualThreadSchedule#COST_SHARE_PERCENT}% of the time
	 * between two.
	 * Call before {@link #start()}.
	 * @param source takes the virtual-thread snapshots
	 * @param detector judges them (its own, since their groups and times are their own)
	 * @param interval the least time between two virtual-thread samples
	 */
	public void sampleVirtualThreads(SnapshotSource source, LeakDetector detector, Duration interval) {
		this.virtual = new VirtualThreadSchedule(source, detector, interval);
	}

	/**
	 * Whether virtual threads are sampled.
	 * @return whether {@link #sampleVirtualThreads} was called
	 */
	public boolean samplesVirtualThreads() {
		return this.virtual != null;
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
	public @Nullable DetectionResult latest() {
		return this.latest;
	}

	/**
	 * How a suspect of the latest result grew: its thread count in each bucket (a sixth) of
	 * the horizon it grew over, oldest first.
	 * @param suspect a suspect of {@link #latest()}
	 * @return the points, empty when its group was not followed
	 */
	public List<TrendPoint> trend(Suspect suspect) {
		DetectionResult result = this.latest;
		return (result != null) ? this.trends.of(suspect, result.computedAt()) : List.of();
	}

	/**
	 * When sampling started, or {@code null} if it has not.
	 * @return the start time
	 */
	public @Nullable Instant startedAt() {
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
				VirtualThreadSchedule schedule = this.virtual;
				if (schedule != null && schedule.due()) {
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
	public synchronized @Nullable DetectionResult sampleNow() {
		long start = System.nanoTime();
		try {
			ThreadSnapshot snapshot = this.sampler.take();
			List<Deadlock> deadlocks = this.deadlockFinder.find();
			Findings found = this.detector.analyze(snapshot);
			PlatformSample sample = new PlatformSample(snapshot, found, deadlocks, ++this.sampleNumber,
					System.nanoTime() - start);
			this.latestPlatform = sample;
			return publish(sample.with(this.latestVirtual, this.failedSamples.get()));
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
	public synchronized DetectionResult.@Nullable VirtualThreads sampleVirtualThreadsNow() {
		VirtualThreadSchedule schedule = this.virtual;
		if (schedule == null) {
			return null;
		}
		try {
			DetectionResult.VirtualThreads virtualThreads = schedule.sample();
			this.latestVirtual = virtualThreads;
			PlatformSample platform = this.latestPlatform;
			if (platform != null) {
				publish(platform.with(virtualThreads, this.failedSamples.get()));
			}
			return virtualThreads;
		}
		catch (IOException | RuntimeException | LinkageError | AssertionError ex) {
			logOnce("A virtual-thread sample failed; sampling goes on (further failures of this kind are counted, "
					+ "not logged)", ex);
			return null;
		}
	}

	private DetectionResult publish(DetectionResult result) {
		this.trends.record(result);
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

	/** The platform part of a published result, kept to publish again beside a newer virtual-thread sample. */
	private record PlatformSample(ThreadSnapshot snapshot, Findings found, List<Deadlock> deadlocks, long number,
			long costNanos) {

		DetectionResult with(DetectionResult.@Nullable VirtualThreads virtualThreads, long failedSamples) {
			return DetectionResult.of(this.snapshot, this.found, this.deadlocks, this.number, this.costNanos,
					failedSamples, virtualThreads);
		}

	}

	private void logOnce(String message, Throwable ex) {
		String cause = ex.getClass().getName() + ": " + ex.getMessage();
		if (this.loggedFailures.size() < MAX_REMEMBERED_FAILURES && this.loggedFailures.add(cause)) {
			logger.error(message, ex);
		}
	}

}
