package io.github.threadleaks.snapshot;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThreadGroupsTests {

	private final Sampler sampler = new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC());

	@Test
	void groupsSortMostPopulousFirst() {
		try (BlockedThreads few = BlockedThreads.start("few-", 2); BlockedThreads many = BlockedThreads.start("many-", 9)) {
			List<ThreadGroupSummary> groups = new ThreadGroups(10, 10).group(this.sampler.take());
			assertThat(groups).isSortedAccordingTo(ThreadGroups.MOST_POPULOUS_FIRST);
			assertThat(groups).extracting(ThreadGroupSummary::pool).containsSubsequence("many-#", "few-#");
		}
	}

	@Test
	void samePoolButDifferentStatesAreDifferentGroups() throws Exception {
		try (BlockedThreads waiting = BlockedThreads.start("mixed-", 3)) {
			CountDownLatch never = new CountDownLatch(1);
			Thread sleeper = new Thread(() -> {
				try {
					never.await(60, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "mixed-99");
			sleeper.setDaemon(true);
			sleeper.start();
			org.awaitility.Awaitility.await().until(() -> sleeper.getState() == Thread.State.TIMED_WAITING);
			List<ThreadGroupSummary> mixed = new ThreadGroups(10, 10).group(this.sampler.take())
				.stream()
				.filter((group) -> group.pool().equals("mixed-#"))
				.toList();
			assertThat(mixed).extracting(ThreadGroupSummary::state, ThreadGroupSummary::count)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(Thread.State.WAITING, 3),
						org.assertj.core.groups.Tuple.tuple(Thread.State.TIMED_WAITING, 1));
			sleeper.interrupt();
			sleeper.join(10_000);
		}
	}

	@Test
	void signatureIgnoresLineNumbersAndKeepsTheTopFrames() {
		List<StackTraceElement> one = List.of(new StackTraceElement("a.B", "run", "B.java", 10),
				new StackTraceElement("a.C", "call", "C.java", 5));
		List<StackTraceElement> other = List.of(new StackTraceElement("a.B", "run", "B.java", 99),
				new StackTraceElement("a.C", "call", "C.java", 7));
		assertThat(StackSignature.of(one, 10)).isEqualTo(StackSignature.of(other, 10));
		assertThat(StackSignature.of(one, 1).frames()).containsExactly("a.B.run");
	}

}
