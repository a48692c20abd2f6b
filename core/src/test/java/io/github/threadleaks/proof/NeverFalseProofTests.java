package io.github.threadleaks.proof;

import java.lang.ref.Cleaner;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import io.github.threadleaks.proof.Waiters.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.github.threadleaks.proof.Waiters.scenario;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Never a false proof: whatever a static field, a live object, a thread that can still run,
 * a live thread's ThreadLocal or a Cleaner can reach is not leaked, a thread blocked on a
 * monitor whose owner can run is not judged, and timed waits, sleeps and bare parks are
 * unknown. One dump serves all of them.
 */
@Tag("both-jdks")
class NeverFalseProofTests {

	/** A latch a static field holds, as a global would. */
	static final CountDownLatch GLOBAL_LATCH = new CountDownLatch(1);

	/** A live object (a bean, say) that a static field holds, with the queue its worker takes from. */
	static final Service SERVICE = new Service();

	static final class Service {

		final LinkedBlockingQueue<Object> work = new LinkedBlockingQueue<>();

	}

	private static final Map<String, Long> threads = new ConcurrentHashMap<>();

	private static final List<Long> liveThreads = new ArrayList<>();

	private static final AtomicBoolean stop = new AtomicBoolean();

	private static volatile Object cleanerKey = new Object();

	private static LeakProof proof;

	@BeforeAll
	static void waitInEveryWayThatIsNotLeakedAndProve() {
		threads.put("static", Waiters.start("proof-static-latch", scenario(GLOBAL_LATCH::await, () -> {
		}), "CountDownLatch.await"));
		threads.put("bean", Waiters.start("proof-bean-queue", scenario(SERVICE.work::take, () -> SERVICE.work.offer("end")),
				"LinkedBlockingQueue.take"));
		heldByARunningThread();
		heldByALiveThreadsThreadLocal();
		heldByACleaner();
		blockedOnAMonitorWhoseOwnerCanRun();
		blockedOnAMonitorWhoseOwnerIsLeaked();
		threads.put("timed", Waiters.start("proof-timed-wait", latchScenario((latch) -> latch.await(1, TimeUnit.HOURS)),
				"CountDownLatch.await"));
		threads.put("sleep", Waiters.start("proof-sleep-loop", scenario(() -> {
			while (!stop.get()) {
				Thread.sleep(20);
			}
		}, () -> stop.set(true)), "Thread.sleep"));
		threads.put("park", Waiters.start("proof-bare-park", scenario(LockSupport::park, () -> {
		}), "LockSupport.park"));
		readingASilentSocket();
		proof = new LeakProver(LeakProver.Limits.defaults(), Clock.systemUTC(), new ComparingDumper()).prove();
	}

	private static final List<java.io.Closeable> sockets = new ArrayList<>();

	/** A socket read with no timeout against a peer that never writes: RUNNABLE in native code. */
	private static void readingASilentSocket() {
		try {
			java.net.ServerSocket server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
			java.net.Socket client = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.getLocalPort());
			java.net.Socket accepted = server.accept();
			sockets.addAll(List.of(client, accepted, server));
			threads.put("socket", Waiters.startInNativeCode("proof-socket-read",
					scenario(() -> client.getInputStream().read(), () -> {
					}), "Socket"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	interface LatchBody {

		void run(CountDownLatch latch) throws Exception;

	}

	private static Scenario latchScenario(LatchBody body) {
		CountDownLatch latch = new CountDownLatch(1);
		return scenario(() -> body.run(latch), latch::countDown);
	}

	/** A thread that can still run (it sleeps in a loop) holds the latch in a local it uses after its loop. */
	private static void heldByARunningThread() {
		CountDownLatch latch = new CountDownLatch(1);
		threads.put("running", Waiters.start("proof-waits-on-running", scenario(latch::await, () -> {
		}), "CountDownLatch.await"));
		liveThreads.add(Waiters.start("proof-running-holder", scenario(() -> {
			while (!stop.get()) {
				Thread.sleep(20);
			}
			latch.countDown();
		}, () -> stop.set(true)), "Thread.sleep"));
	}

	/** A live thread keeps the latch only as the value of its ThreadLocal. */
	private static void heldByALiveThreadsThreadLocal() {
		CountDownLatch latch = new CountDownLatch(1);
		AtomicReference<CountDownLatch> handOff = new AtomicReference<>(latch);
		ThreadLocal<CountDownLatch> local = new ThreadLocal<>();
		threads.put("threadlocal", Waiters.start("proof-waits-on-threadlocal", scenario(latch::await, () -> {
		}), "CountDownLatch.await"));
		liveThreads.add(Waiters.start("proof-threadlocal-holder", scenario(() -> {
			local.set(handOff.getAndSet(null));
			while (!stop.get()) {
				Thread.sleep(20);
			}
			local.get().countDown();
		}, () -> stop.set(true)), "Thread.sleep"));
		await().atMost(Duration.ofSeconds(10)).until(() -> handOff.get() == null);
	}

	/** The latch is reachable only through a Cleaner's registered action, which will run. */
	private static void heldByACleaner() {
		CountDownLatch latch = new CountDownLatch(1);
		Cleaner cleaner = Cleaner.create((task) -> new Thread(task, "proof-cleaner"));
		cleaner.register(cleanerKey, latch::countDown);
		threads.put("cleaner", Waiters.start("proof-waits-on-cleaner", scenario(latch::await, () -> {
		}), "CountDownLatch.await"));
	}

	private static void blockedOnAMonitorWhoseOwnerCanRun() {
		Object monitor = new Object();
		liveThreads.add(Waiters.start("proof-monitor-owner", scenario(() -> {
			synchronized (monitor) {
				while (!stop.get()) {
					Thread.sleep(20);
				}
			}
		}, () -> stop.set(true)), "Thread.sleep"));
		threads.put("blocked", Waiters.start("proof-blocked-entering", scenario(() -> {
			synchronized (monitor) {
				monitor.notifyAll();
			}
		}, () -> {
		}), "NeverFalseProofTests"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Waiters.find(threads.get("blocked")).getState() == Thread.State.BLOCKED);
	}

	/** The owner waits on a latch nothing else reaches while it holds the monitor: both can never go on. */
	private static void blockedOnAMonitorWhoseOwnerIsLeaked() {
		Object monitor = new Object();
		CountDownLatch latch = new CountDownLatch(1);
		threads.put("leaked-owner", Waiters.start("proof-leaked-owner", scenario(() -> {
			synchronized (monitor) {
				latch.await();
			}
		}, latch::countDown), "CountDownLatch.await"));
		threads.put("blocked-on-leaked", Waiters.start("proof-blocked-on-leaked", scenario(() -> {
			synchronized (monitor) {
				monitor.notifyAll();
			}
		}, () -> {
		}), "NeverFalseProofTests"));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> Waiters.find(threads.get("blocked-on-leaked")).getState() == Thread.State.BLOCKED);
	}

	@AfterAll
	static void endThem() {
		stop.set(true);
		GLOBAL_LATCH.countDown();
		for (java.io.Closeable socket : sockets) {
			try {
				socket.close();
			}
			catch (java.io.IOException ex) {
				// closing is what ends the read
			}
		}
		Waiters.end(liveThreads);
		List<Long> waiting = new ArrayList<>(threads.values());
		waiting.remove(threads.get("cleaner"));
		Waiters.end(waiting);
		// the Cleaner runs its action once the key is unreachable, then ends its thread once the Cleaner is
		cleanerKey = null;
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			System.gc();
			return Waiters.find(threads.get("cleaner")) == null && Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.getName().equals("proof-cleaner"));
		});
	}

	private static ThreadProof verdictOf(String kind) {
		return proof.thread(threads.get(kind)).orElseThrow();
	}

	@Test
	void aLatchAStaticFieldHoldsIsReachableThroughThatField() {
		ThreadProof thread = verdictOf("static");
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.REACHABLE);
		assertThat(String.join(" ", thread.path())).contains("NeverFalseProofTests").contains("GLOBAL_LATCH");
		assertThat(thread.waitingOn()).isEqualTo("java.util.concurrent.CountDownLatch$Sync");
	}

	@Test
	void aQueueOfALiveObjectAStaticFieldHoldsIsReachable() {
		ThreadProof thread = verdictOf("bean");
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.REACHABLE);
		assertThat(String.join(" ", thread.path())).contains("SERVICE").contains("work");
		assertThat(thread.path()).hasSizeLessThanOrEqualTo(12);
	}

	@Test
	void aLatchARunningThreadHoldsIsReachableFromThatThread() {
		ThreadProof thread = verdictOf("running");
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.REACHABLE);
		assertThat(thread.path().get(0)).contains("proof-running-holder");
	}

	@Test
	void aLatchInALiveThreadsThreadLocalIsReachable() {
		ThreadProof thread = verdictOf("threadlocal");
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.REACHABLE);
		assertThat(String.join(" ", thread.path())).contains("threadLocals");
	}

	@Test
	void aLatchACleanerActionHoldsIsReachable() {
		ThreadProof thread = verdictOf("cleaner");
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.REACHABLE);
	}

	@Test
	void aThreadBlockedOnAMonitorWhoseOwnerCanRunIsNotJudged() {
		ThreadProof thread = verdictOf("blocked");
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.UNKNOWN);
		assertThat(thread.state()).isEqualTo(Thread.State.BLOCKED);
		assertThat(thread.reason()).contains("monitor");
	}

	@Test
	void aThreadBlockedOnAMonitorWhoseOwnerIsLeakedIsLeakedToo() {
		assertThat(verdictOf("leaked-owner").verdict()).isEqualTo(Verdict.LEAKED);
		ThreadProof thread = verdictOf("blocked-on-leaked");
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.LEAKED);
		assertThat(thread.reason()).contains("proof-leaked-owner");
	}

	@Test
	void aTimedWaitIsUnknownEvenOnALatchNothingReaches() {
		ThreadProof thread = verdictOf("timed");
		assertThat(thread.verdict()).isEqualTo(Verdict.UNKNOWN);
		assertThat(thread.state()).isEqualTo(Thread.State.TIMED_WAITING);
		assertThat(thread.reason()).contains("timed wait");
	}

	@Test
	void aSleepLoopIsUnknown() {
		ThreadProof thread = verdictOf("sleep");
		assertThat(thread.verdict()).isEqualTo(Verdict.UNKNOWN);
		assertThat(thread.reason()).contains("sleep");
	}

	@Test
	void aParkWithoutABlockerIsUnknown() {
		ThreadProof thread = verdictOf("park");
		assertThat(thread.verdict()).isEqualTo(Verdict.UNKNOWN);
		assertThat(thread.reason()).contains("without a blocker");
	}

	@Test
	void aSocketReadIsUnknown() {
		ThreadProof thread = verdictOf("socket");
		assertThat(thread.verdict()).isEqualTo(Verdict.UNKNOWN);
		assertThat(thread.state()).isEqualTo(Thread.State.RUNNABLE);
		assertThat(thread.reason()).contains("native code");
	}

	@Test
	void theProvingThreadIsNotJudged() {
		assertThat(proof.thread(Thread.currentThread().getId())).isEmpty();
	}

	@Test
	void everyPathIsAtMostTwelveSteps() {
		assertThat(proof.threads()).allSatisfy((thread) -> assertThat(thread.path()).hasSizeLessThanOrEqualTo(12));
		assertThat(proof.groups()).allSatisfy((group) -> assertThat(group.path()).hasSizeLessThanOrEqualTo(12));
	}

}
