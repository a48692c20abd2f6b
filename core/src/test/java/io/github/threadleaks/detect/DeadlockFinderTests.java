package io.github.threadleaks.detect;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deadlocks of {@code java.util.concurrent} locks (see {@link LockCycle}).
 */
class DeadlockFinderTests {

	private final DeadlockFinder finder = new DeadlockFinder(ManagementFactory.getThreadMXBean(), 32);

	@Test
	void aReentrantLockCycleIsFoundWithWhoHoldsWhatAndWhoWaitsForWhat() throws Exception {
		Thread a;
		try (LockCycle cycle = LockCycle.start("deadlock-")) {
			a = cycle.first();
			Thread b = cycle.second();
			await().atMost(Duration.ofSeconds(10)).until(() -> !mine(this.finder.find(), a).isEmpty());
			Deadlock deadlock = mine(this.finder.find(), a).get(0);
			assertThat(deadlock.threads()).extracting(Deadlock.DeadlockedThread::name)
				.containsExactlyInAnyOrder("deadlock-a", "deadlock-b");
			Deadlock.DeadlockedThread threadA = deadlock.threads()
				.stream()
				.filter((thread) -> thread.name().equals("deadlock-a"))
				.findFirst()
				.orElseThrow();
			assertThat(threadA.heldBy()).isEqualTo("deadlock-b");
			assertThat(threadA.heldById()).isEqualTo(b.getId());
			assertThat(threadA.waitingFor()).startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@");
			assertThat(threadA.holds()).singleElement().asString()
				.startsWith("java.util.concurrent.locks.ReentrantLock$NonfairSync@");
			assertThat(threadA.stack()).extracting(StackTraceElement::getMethodName).contains("lockInterruptibly");
			assertThat(FindingsLog.describe(deadlock)).contains("'deadlock-a' (#" + a.getId() + ") waits for",
					"held by 'deadlock-b'");
		}
		assertThat(mine(this.finder.find(), a)).isEmpty();
	}

	@Test
	void noDeadlockIsAnEmptyList() {
		assertThat(mine(this.finder.find(), Thread.currentThread())).isEmpty();
	}

	private static List<Deadlock> mine(List<Deadlock> deadlocks, Thread member) {
		return deadlocks.stream()
			.filter((deadlock) -> deadlock.threads().stream().anyMatch((thread) -> thread.id() == member.getId()))
			.toList();
	}

}
