package io.github.threadleaks.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pools under the starter's defaults: idle workers are a leak when executors multiply, not
 * when one pool fills up, however slowly, nor when a cached pool grows and shrinks with
 * traffic. Real pools and threads, on the simulated clock; each test shuts down every pool
 * it made.
 */
@Tag("both-jdks")
class PoolGrowthTests {

	private static final int TICKS_PER_HOUR = 360;

	@Test
	void aFixedPoolFillingUpOverAnHourAndThenStayingIsNeverASuspect() {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		Pool pool = new Pool("filling-", 200, new LinkedBlockingQueue<>());
		try {
			detector.sample();
			Random traffic = new Random(17);
			for (int tick = 0; tick < 3 * TICKS_PER_HOUR; tick++) {
				// as traffic rises over the first hour, 200 workers start, about 17 per window
				int workers = Math.min(200, (tick + 1) * 200 / TICKS_PER_HOUR);
				while (pool.executor.getPoolSize() < workers) {
					pool.executor.execute(() -> { });
				}
				for (int task = traffic.nextInt(30); task > 0; task--) {
					pool.executor.execute(() -> Math.sqrt(System.nanoTime()));
				}
				pool.awaitAllIdle();
				assertNotNamed(detector.tick(), "filling-");
			}
			assertThat(pool.executor.getPoolSize()).isEqualTo(200);
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void aFixedPoolFillingUpWhileSomeOfItsWorkersAreBusyInApplicationCodeIsNeverASuspect() {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		Pool pool = new Pool("busy-filling-", 200, new LinkedBlockingQueue<>());
		try {
			detector.sample();
			Random traffic = new Random(23);
			for (int tick = 0; tick < 2 * TICKS_PER_HOUR; tick++) {
				int workers = Math.min(200, (tick + 1) * 200 / TICKS_PER_HOUR);
				CountDownLatch requestsDone = new CountDownLatch(1);
				int busy = 0;
				while (pool.executor.getPoolSize() < workers) {
					// a new worker's first task may still run when the sample is taken
					pool.executor.execute(pool.request(requestsDone));
					busy++;
				}
				int more = (pool.executor.getPoolSize() < 200) ? 0 : traffic.nextInt(25);
				for (int task = 0; task < more; task++) {
					pool.executor.execute(pool.request(requestsDone));
				}
				int expected = busy + more;
				soon().until(() -> pool.executor.getActiveCount() == expected
						&& pool.blockedInApplicationCode() == expected);
				Findings result = detector.tick();
				requestsDone.countDown();
				pool.awaitAllIdle();
				assertNotNamed(result, "busy-filling-");
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void aCachedPoolGrowingAndShrinkingWithTrafficOverHoursIsNeverASuspect() {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		Pool pool = new Pool("cached-", Integer.MAX_VALUE, new SynchronousQueue<>());
		pool.executor.setCorePoolSize(0);
		pool.executor.setKeepAliveTime(20, TimeUnit.MILLISECONDS);
		try {
			detector.sample();
			for (int tick = 0; tick < 3 * TICKS_PER_HOUR; tick++) {
				// traffic as a wave with a period of an hour and a half: 0 to 40 requests at once
				int concurrent = (int) Math.round(20 - 20 * Math.cos(2 * Math.PI * tick / (1.5 * TICKS_PER_HOUR)));
				CountDownLatch requestsDone = new CountDownLatch(1);
				for (int request = 0; request < concurrent; request++) {
					pool.executor.execute(pool.request(requestsDone));
				}
				soon().until(() -> pool.blockedInApplicationCode() == concurrent);
				Findings result = detector.tick();
				requestsDone.countDown();
				soon().until(() -> pool.executor.getActiveCount() == 0);
				if (tick % 10 == 0) {
					// now and then the workers left idle time out
					soon().until(() -> pool.executor.getPoolSize() == 0);
				}
				assertNotNamed(result, "cached-");
				assertNotNamed(detector.tick(), "cached-");
			}
		}
		finally {
			pool.shutdown();
		}
	}

	@Test
	void executorsMultiplyingSlowlyAreNamedWithinTwiceTheTimeToGainTheMinimumGrowth() {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		List<ExecutorService> leaked = new ArrayList<>();
		Pool steady = new Pool("steady-", 8, new LinkedBlockingQueue<>());
		try {
			detector.sample();
			Suspect named = null;
			int tick = 0;
			// one executor per failed request, one every 2 minutes: ten in 20 minutes
			while (named == null && tick <= 40 * 6) {
				tick++;
				if (tick % 12 == 0) {
					ExecutorService perRequest = Executors.newFixedThreadPool(2);
					leaked.add(perRequest);
					perRequest.submit(() -> { }).get();
					perRequest.submit(() -> { }).get();
				}
				if (steady.executor.getPoolSize() < 8) {
					steady.executor.execute(() -> { });
				}
				soon()
					.until(() -> leaked.stream().allMatch((executor) -> ((ThreadPoolExecutor) executor).getActiveCount() == 0));
				steady.awaitAllIdle();
				Findings result = detector.tick();
				named = DetectorHarness.suspect(result, "pool-#-thread-#").orElse(null);
				assertNotNamed(result, "steady-");
			}
			assertThat(named).as("executors multiplying").isNotNull();
			assertThat(tick * 10).as("seconds until named").isLessThanOrEqualTo(40 * 60);
			assertThat(named.growth()).as("executors, not threads").isBetween(10, 12);
			assertThat(named.count()).isEqualTo(2 * leaked.size());
			assertThat(named.horizon()).isEqualTo(Duration.ofMinutes(20));
			assertThat(named.ratePerMinute()).isEqualTo(0.5);
			assertThat(named.stack()).extracting(StackTraceElement::getMethodName).contains("getTask");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			leaked.forEach(ExecutorService::shutdownNow);
			steady.shutdown();
		}
	}

	@Test
	void aTimerPerRequestIsNamedWhileOneLongLivedTimerIsNot() {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		List<Timer> leaked = new ArrayList<>();
		Timer longLived = new Timer("housekeeping", true);
		try {
			detector.sample();
			Suspect named = null;
			int tick = 0;
			while (named == null && tick <= 2 * 5 * 6 * 6) {
				tick++;
				if (tick % 18 == 0) {
					// one every 3 minutes: ten in half an hour
					Timer perRequest = new Timer("reminder-" + leaked.size(), true);
					perRequest.schedule(noop(), 3_600_000);
					leaked.add(perRequest);
				}
				if (tick % 7 == 0) {
					longLived.schedule(noop(), 0);
				}
				soon().until(() -> leaked.size() == 0 || threadState("reminder-"
						+ (leaked.size() - 1)) == Thread.State.TIMED_WAITING);
				Findings result = detector.tick();
				named = DetectorHarness.suspect(result, "reminder-#").orElse(null);
				assertNotNamed(result, "housekeeping");
			}
			assertThat(named).isNotNull();
			assertThat(tick * 10).isLessThanOrEqualTo(2 * 30 * 60);
			assertThat(named.stack().get(0).getMethodName()).isEqualTo("mainLoop");
		}
		finally {
			leaked.forEach(Timer::cancel);
			longLived.cancel();
		}
	}

	/** Awaits a condition of real threads that holds within milliseconds, checking every millisecond. */
	private static org.awaitility.core.ConditionFactory soon() {
		return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10));
	}

	private static Thread.State threadState(String name) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(name))
			.map(Thread::getState)
			.findFirst()
			.orElse(Thread.State.NEW);
	}

	private static TimerTask noop() {
		return new TimerTask() {
			@Override
			public void run() {
			}
		};
	}

	private static void assertNotNamed(Findings result, String prefix) {
		assertThat(result.suspects()).as("suspects")
			.noneMatch((suspect) -> suspect.pool().startsWith(prefix)
					|| suspect.threadNames().stream().anyMatch((name) -> name.startsWith(prefix)));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** A pool whose workers the test can see. */
	private static final class Pool {

		final List<Thread> workers = new CopyOnWriteArrayList<>();

		final ThreadPoolExecutor executor;

		Pool(String prefix, int size, java.util.concurrent.BlockingQueue<Runnable> queue) {
			AtomicInteger number = new AtomicInteger();
			ThreadFactory factory = (task) -> {
				Thread worker = new Thread(task, prefix + number.incrementAndGet());
				worker.setDaemon(true);
				this.workers.add(worker);
				return worker;
			};
			this.executor = new ThreadPoolExecutor(Math.min(size, 1_000), size, 60, TimeUnit.SECONDS, queue, factory);
		}

		/** Waits until no task runs and every live worker waits for the next one. */
		void awaitAllIdle() {
			soon().until(() -> this.executor.getActiveCount() == 0
					&& this.executor.getQueue().isEmpty() && this.workers.stream()
						.filter(Thread::isAlive)
						.allMatch((worker) -> worker.getState() == Thread.State.WAITING
								|| worker.getState() == Thread.State.TIMED_WAITING));
		}

		private final java.util.Set<Thread> inRequests = java.util.concurrent.ConcurrentHashMap.newKeySet();

		/** A request that holds its worker in application code until the latch opens. */
		Runnable request(CountDownLatch done) {
			return () -> {
				this.inRequests.add(Thread.currentThread());
				try {
					awaitQuietly(done);
				}
				finally {
					this.inRequests.remove(Thread.currentThread());
				}
			};
		}

		/** How many workers wait in application code (a request in progress), not for work. */
		long blockedInApplicationCode() {
			return this.inRequests.stream().filter((worker) -> worker.getState() == Thread.State.WAITING).count();
		}

		void shutdown() {
			this.executor.shutdownNow();
			soon().until(() -> this.workers.stream().noneMatch(Thread::isAlive));
		}

	}

}
