package io.github.threadleaks.detect;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * Real leaking threads of the kinds the Go guide names, started on demand and all released
 * (interrupted, unblocked, shut down) when the test closes the fixture.
 */
final class LeakFixtures implements AutoCloseable {

	private final List<Thread> threads = new CopyOnWriteArrayList<>();

	private final List<ExecutorService> executors = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicBoolean stop = new AtomicBoolean();

	private final AtomicInteger counter = new AtomicInteger();

	private final Object neverReleased = new Object();

	private Thread lockHolder;

	private final Runnable releaseOthers;

	LeakFixtures() {
		this(() -> { });
	}

	/**
	 * @param releaseOthers releases the threads a test started here with bodies of its own
	 * (a busy loop's stop flag), run before every thread is awaited to end
	 */
	LeakFixtures(Runnable releaseOthers) {
		this.releaseOthers = releaseOthers;
	}

	/** The kinds of blocking the detector must see through, with the frame they block in. */
	enum Kind {

		/** {@code BlockingQueue.take()} on a queue nobody feeds. */
		UNFED_QUEUE("java.util.concurrent.LinkedBlockingQueue.take"),

		/** {@code Future.get()} on a future nobody completes. */
		FUTURE_NEVER_COMPLETED("java.util.concurrent.CompletableFuture.get"),

		/** Entering a {@code synchronized} block whose lock is never released. */
		LOCK_NEVER_RELEASED("io.github.threadleaks.detect.LeakFixtures.enterNeverReleased"),

		/** A {@code Thread.sleep} loop nobody stops. */
		SLEEP_LOOP("java.lang.Thread.sleep");

		final String blockingFrame;

		Kind(String blockingFrame) {
			this.blockingFrame = blockingFrame;
		}

	}

	/**
	 * Starts threads of one kind and waits until each blocks.
	 */
	void leak(Kind kind, String namePrefix, int count) {
		if (kind == Kind.LOCK_NEVER_RELEASED) {
			holdTheLock();
		}
		for (int i = 0; i < count; i++) {
			Runnable body = switch (kind) {
				case UNFED_QUEUE -> this::takeFromUnfedQueue;
				case FUTURE_NEVER_COMPLETED -> this::getNeverCompleted;
				case LOCK_NEVER_RELEASED -> this::enterNeverReleased;
				case SLEEP_LOOP -> this::sleepForever;
			};
			start(namePrefix + this.counter.incrementAndGet(), body,
					(kind == Kind.LOCK_NEVER_RELEASED) ? Thread.State.BLOCKED
							: (kind == Kind.SLEEP_LOOP) ? Thread.State.TIMED_WAITING : Thread.State.WAITING);
		}
	}

	/**
	 * An executor created for one request, used once and never shut down: its worker idles in
	 * {@code ThreadPoolExecutor.getTask} forever.
	 */
	void executorPerRequest() {
		ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(1);
		this.executors.add(executor);
		CompletableFuture.runAsync(() -> { }, executor).join();
	}

	Thread start(String name, Runnable body, Thread.State blockedState) {
		Thread thread = new Thread(body, name);
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
		await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10)).until(() -> thread.getState() == blockedState);
		return thread;
	}

	List<Thread> threads() {
		return this.threads;
	}

	/**
	 * Ends every thread started so far and waits until they have ended.
	 */
	void endAll() {
		this.releaseOthers.run();
		this.stop.set(true);
		this.release.countDown();
		this.threads.forEach(Thread::interrupt);
		this.executors.forEach(ExecutorService::shutdownNow);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.threads.stream().noneMatch(Thread::isAlive)
					&& this.executors.stream().allMatch(ExecutorService::isTerminated));
	}

	@Override
	public void close() {
		endAll();
	}

	private void holdTheLock() {
		if (this.lockHolder != null) {
			return;
		}
		this.lockHolder = start("lock-holder", () -> {
			synchronized (this.neverReleased) {
				awaitRelease();
			}
		}, Thread.State.WAITING);
	}

	void enterNeverReleased() {
		synchronized (this.neverReleased) {
			this.neverReleased.hashCode();
		}
	}

	private void takeFromUnfedQueue() {
		BlockingQueue<Object> unfed = new LinkedBlockingQueue<>();
		try {
			unfed.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void getNeverCompleted() {
		try {
			new CompletableFuture<>().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void sleepForever() {
		while (!this.stop.get()) {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private void awaitRelease() {
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
