package io.github.threadleaks.snapshot;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SamplerTests {

	private final Sampler sampler = new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC());

	private final ThreadGroups grouping = new ThreadGroups(10, 5);

	@Test
	void threadsBlockedInOneMethodAreOneGroupAndGoneOnceTheyEnd() {
		try (BlockedThreads blocked = BlockedThreads.start("sampler-test-worker-", 12)) {
			ThreadSnapshot snapshot = this.sampler.take();
			ThreadGroupSummary group = groupOf(snapshot, "sampler-test-worker-#").orElseThrow();
			assertThat(group.count()).isEqualTo(12);
			assertThat(group.state()).isEqualTo(Thread.State.WAITING);
			assertThat(group.stack()).extracting(StackTraceElement::getMethodName)
				.contains(BlockedThreads.BLOCKING_METHOD, "await");
			assertThat(group.threadIds()).containsExactlyElementsOf(
					blocked.threads().stream().map(Thread::getId).sorted().toList());
			assertThat(group.threadNames()).hasSize(5).allMatch((name) -> name.startsWith("sampler-test-worker-"));
		}
		assertThat(groupOf(this.sampler.take(), "sampler-test-worker-#")).isEmpty();
	}

	@Test
	void recordsEveryFieldOfALiveThread() {
		try (BlockedThreads blocked = BlockedThreads.start("record-test-", 1)) {
			Thread thread = blocked.threads().get(0);
			ThreadRecord record = recordOf(this.sampler.take(), thread);
			assertThat(record.name()).isEqualTo("record-test-1");
			assertThat(record.pool()).isEqualTo("record-test-#");
			assertThat(record.state()).isEqualTo(Thread.State.WAITING);
			assertThat(record.daemon()).isTrue();
			assertThat(record.lockName()).startsWith("java.util.concurrent.CountDownLatch$Sync@");
			assertThat(record.lockOwnerId()).isEqualTo(-1);
			assertThat(record.stackTruncated()).isFalse();
			if (ManagementFactory.getThreadMXBean().isThreadCpuTimeEnabled()) {
				assertThat(record.cpuTimeNanos()).isPositive();
			}
		}
	}

	@Test
	void aThreadWaitingForAMonitorNamesItsOwner() throws Exception {
		Object lock = new Object();
		Thread waiter;
		synchronized (lock) {
			waiter = new Thread(() -> {
				synchronized (lock) {
					lock.notifyAll();
				}
			}, "monitor-waiter");
			waiter.start();
			org.awaitility.Awaitility.await().until(() -> waiter.getState() == Thread.State.BLOCKED);
			ThreadRecord record = recordOf(this.sampler.take(), waiter);
			assertThat(record.state()).isEqualTo(Thread.State.BLOCKED);
			assertThat(record.lockOwnerId()).isEqualTo(Thread.currentThread().getId());
			assertThat(record.lockOwnerName()).isEqualTo(Thread.currentThread().getName());
		}
		waiter.join(10_000);
	}

	@Test
	void identicalStacksAreSharedWithinAndAcrossSnapshots() {
		try (BlockedThreads blocked = BlockedThreads.start("shared-stack-", 3)) {
			ThreadSnapshot first = this.sampler.take();
			ThreadSnapshot second = this.sampler.take();
			List<StackTraceElement> stack = recordOf(first, blocked.threads().get(0)).stack();
			assertThat(recordOf(first, blocked.threads().get(1)).stack()).isSameAs(stack);
			assertThat(recordOf(second, blocked.threads().get(2)).stack()).isSameAs(stack);
		}
	}

	@Test
	void stacksDeeperThanTheLimitAreCutAndMarked() {
		Sampler shallow = new Sampler(ManagementFactory.getThreadMXBean(), 3, Clock.systemUTC());
		try (BlockedThreads blocked = BlockedThreads.start("shallow-", 1)) {
			ThreadRecord record = recordOf(shallow.take(), blocked.threads().get(0));
			assertThat(record.stack()).hasSize(3);
			assertThat(record.stackTruncated()).isTrue();
		}
	}

	@Test
	void totalsAndStatesCountTheLiveThreads() {
		ThreadSnapshot snapshot = this.sampler.take();
		assertThat(snapshot.totals().live()).isPositive();
		assertThat(snapshot.totals().peak()).isGreaterThanOrEqualTo(snapshot.totals().live());
		assertThat(snapshot.countByState()).containsKeys(Thread.State.values());
		assertThat(snapshot.countByState().values().stream().mapToInt(Integer::intValue).sum())
			.isEqualTo(snapshot.threads().size());
		assertThat(snapshot.countByState().get(Thread.State.RUNNABLE)).isPositive();
	}

	@Test
	void rejectsADepthBelowOne() {
		org.assertj.core.api.Assertions
			.assertThatIllegalArgumentException()
			.isThrownBy(() -> new Sampler(ManagementFactory.getThreadMXBean(), 0, Clock.systemUTC()))
			.withMessageContaining("maxStackDepth");
	}

	private Optional<ThreadGroupSummary> groupOf(ThreadSnapshot snapshot, String pool) {
		return this.grouping.group(snapshot).stream().filter((group) -> group.pool().equals(pool)).findFirst();
	}

	private static ThreadRecord recordOf(ThreadSnapshot snapshot, Thread thread) {
		return snapshot.threads().stream().filter((record) -> record.id() == thread.getId()).findFirst().orElseThrow();
	}

}
