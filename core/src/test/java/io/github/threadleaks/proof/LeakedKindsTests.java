package io.github.threadleaks.proof;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.github.threadleaks.proof.Waiters.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.threadleaks.proof.Waiters.scenario;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of wait the issue lists, leaked as applications leak them: the waited-on object
 * is held by the waiting thread alone. One dump serves all of them; each is asserted alone.
 */
@Tag("both-jdks")
class LeakedKindsTests {

	private static final Map<String, Long> threads = new ConcurrentHashMap<>();

	private static LeakProof proof;

	@BeforeAll
	static void leakEveryKindAndProve() {
		leak("latch", "CountDownLatch.await", () -> {
			CountDownLatch latch = new CountDownLatch(1);
			return scenario(latch::await, latch::countDown);
		});
		leak("condition", "await", () -> {
			ReentrantLock lock = new ReentrantLock();
			Condition condition = lock.newCondition();
			return scenario(() -> {
				lock.lock();
				try {
					condition.await();
				}
				finally {
					lock.unlock();
				}
			}, () -> {
			});
		});
		leak("queue-take", "LinkedBlockingQueue.take", () -> {
			LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
			return scenario(queue::take, () -> queue.offer("end"));
		});
		leak("queue-put", "ArrayBlockingQueue.put", () -> {
			ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(1, false, List.of("full"));
			return scenario(() -> queue.put("more"), queue::clear);
		});
		leak("synchronous-queue", "SynchronousQueue.take", () -> {
			SynchronousQueue<Object> queue = new SynchronousQueue<>();
			return scenario(queue::take, () -> queue.offer("end"));
		});
		leak("future-get", "CompletableFuture.get", () -> {
			CompletableFuture<Object> future = new CompletableFuture<>();
			return scenario(future::get, () -> future.complete("end"));
		});
		leak("future-join", "CompletableFuture.join", () -> {
			CompletableFuture<Object> future = new CompletableFuture<>();
			return scenario(future::join, () -> future.complete("end"));
		});
		leak("futuretask-get", "FutureTask.get", () -> {
			FutureTask<Object> task = new FutureTask<>(() -> "never run");
			return scenario(task::get, () -> task.cancel(true));
		});
		leak("exchanger", "Exchanger.exchange", () -> {
			Exchanger<Object> exchanger = new Exchanger<>();
			return scenario(() -> exchanger.exchange("mine"), () -> {
			});
		});
		leak("phaser", "Phaser.arriveAndAwaitAdvance", () -> {
			Phaser phaser = new Phaser(2);
			return scenario(phaser::arriveAndAwaitAdvance, phaser::arriveAndDeregister);
		});
		leak("semaphore", "Semaphore.acquire", () -> {
			Semaphore semaphore = new Semaphore(0);
			return scenario(semaphore::acquire, semaphore::release);
		});
		leak("object-wait", "Object.wait", () -> {
			Object monitor = new Object();
			return scenario(() -> {
				synchronized (monitor) {
					monitor.wait();
				}
			}, () -> {
			});
		});
		leakExecutorPerCall();
		proof = new LeakProver(LeakProver.Limits.defaults(), Clock.systemUTC(), new ComparingDumper()).prove();
	}

	/** An executor made for one call and never shut down: its idle worker waits on a queue nothing else reaches. */
	private static void leakExecutorPerCall() {
		AtomicInteger created = new AtomicInteger();
		List<Waiters.Waiter> workers = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(1, (task) -> {
			Waiters.Waiter worker = new Waiters.Waiter("proof-leaked-executor-" + created.incrementAndGet(), task,
					() -> {
					});
			workers.add(worker);
			return worker;
		});
		executor.execute(() -> {
		});
		workers.get(0).releaseWith(executor::shutdownNow);
		long id = workers.get(0).getId();
		workers.clear();
		threads.put("executor", id);
		Waiters.awaitWaiting(id, "LinkedBlockingQueue.take");
	}

	private static void leak(String kind, String frame, java.util.function.Supplier<Scenario> scenario) {
		threads.put(kind, Waiters.start("proof-leaked-" + kind, scenario.get(), frame));
	}

	@AfterAll
	static void endThem() {
		Waiters.end(threads.values());
	}

	@ParameterizedTest
	@ValueSource(strings = { "latch", "condition", "queue-take", "queue-put", "synchronous-queue", "future-get",
			"future-join", "futuretask-get", "exchanger", "phaser", "semaphore", "object-wait", "executor" })
	void isProvenLeaked(String kind) {
		ThreadProof thread = proof.thread(threads.get(kind)).orElseThrow();
		assertThat(thread.verdict()).as("%s: %s", kind, thread.reason()).isEqualTo(Verdict.LEAKED);
		assertThat(thread.reason()).startsWith("Nothing that can still run");
		assertThat(thread.path()).isEmpty();
	}

}
