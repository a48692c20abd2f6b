package io.github.threadleaks.proof;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Virtual threads (Java 21+, started by reflection as the module compiles for 17). No
 * enumeration finds a virtual thread, so the release of the leaked one rides on a leaked
 * platform thread, which the test finds again; nothing else reaches either.
 */
@Tag("java21")
class VirtualThreadProofTests {

	static final CountDownLatch GLOBAL = new CountDownLatch(1);

	private static final AtomicInteger ended = new AtomicInteger();

	private static long leakedVirtual;

	private static long reachableVirtual;

	private static long carrierOfRelease;

	private static LeakProof proof;

	@BeforeAll
	static void leakAVirtualThreadAndProve() throws Exception {
		leakOne();
		reachableVirtual = startVirtual(GLOBAL);
		proof = new LeakProver(LeakProver.Limits.defaults(), Clock.systemUTC(), new ComparingDumper()).prove();
	}

	private static void leakOne() throws Exception {
		CountDownLatch latch = new CountDownLatch(1);
		leakedVirtual = startVirtual(latch);
		CountDownLatch own = new CountDownLatch(1);
		carrierOfRelease = Waiters.start("proof-virtual-release", new Waiters.Scenario() {
			@Override
			public void await() throws Exception {
				own.await();
			}

			@Override
			public void release() {
				latch.countDown();
				own.countDown();
			}
		}, "CountDownLatch.await");
	}

	private static long startVirtual(CountDownLatch latch) throws Exception {
		Runnable body = () -> {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				ended.incrementAndGet();
			}
		};
		Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body);
		await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> thread.getState() == Thread.State.WAITING);
		return thread.getId();
	}

	@AfterAll
	static void endThem() {
		GLOBAL.countDown();
		Waiters.end(List.of(carrierOfRelease));
		await().atMost(Duration.ofSeconds(10)).until(() -> ended.get() == 2);
	}

	@Test
	void aVirtualThreadWaitingOnALatchOnlyItHoldsIsLeaked() {
		ThreadProof thread = proof.thread(leakedVirtual).orElseThrow();
		assertThat(thread.virtual()).isTrue();
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.LEAKED);
		assertThat(thread.waitingOn()).isEqualTo("java.util.concurrent.CountDownLatch$Sync");
		assertThat(proof.groups()).anySatisfy((group) -> {
			assertThat(group.virtual()).isTrue();
			assertThat(group.verdict()).isEqualTo(Verdict.LEAKED);
		});
	}

	@Test
	void aVirtualThreadWaitingOnAStaticLatchIsReachable() {
		ThreadProof thread = proof.thread(reachableVirtual).orElseThrow();
		assertThat(thread.verdict()).as(thread.reason()).isEqualTo(Verdict.REACHABLE);
		assertThat(String.join(" ", thread.path())).contains("GLOBAL");
	}

}
