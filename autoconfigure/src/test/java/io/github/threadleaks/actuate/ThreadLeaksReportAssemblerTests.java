package io.github.threadleaks.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.detect.Deadlock;
import io.github.threadleaks.detect.DetectionResult;
import io.github.threadleaks.detect.StuckGroup;
import io.github.threadleaks.detect.Suspect;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.proof.LeakProof;
import io.github.threadleaks.proof.ThreadProof;
import io.github.threadleaks.proof.Verdict;
import io.github.threadleaks.snapshot.PoolNames;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.snapshot.ThreadTotals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the endpoint's report shows each finding of a published result: suspects (with their
 * creation site), stuck threads and deadlocks, field by field.
 */
class ThreadLeaksReportAssemblerTests {

	private static final Instant SAMPLED = Instant.parse("2026-01-01T00:10:00Z");

	private static final StackTraceElement TAKE = new StackTraceElement("java.util.concurrent.LinkedBlockingQueue",
			"take", "LinkedBlockingQueue.java", 435);

	private static final StackTraceElement LISTEN = new StackTraceElement("com.example.Listener", "listen",
			"Listener.java", 42);

	private static final StackTraceElement START = new StackTraceElement("java.lang.Thread", "start", "Thread.java",
			809);

	private final ThreadLeaksReportAssembler assembler = new ThreadLeaksReportAssembler(new SnapshotStore(2),
			new ThreadGroups(10, 10), null, null, 10);

	@Test
	void aSuspectKeepsItsNumbersAndShowsItsFramesAndCreationSiteAsText() {
		CreationSite site = new CreationSite("http-nio-8080-exec-3", List.of(START, LISTEN));
		Suspect suspect = new Suspect("listener-#", Thread.State.WAITING, List.of(TAKE, LISTEN), 12, 10, 2.5,
				SAMPLED.minusSeconds(240), List.of("listener-12", "listener-11"), site, false);
		ThreadLeaksReport report = report(result(List.of(suspect), List.of(), List.of()));
		assertThat(report.computedAt()).isEqualTo(SAMPLED);
		assertThat(report.suspects()).singleElement().satisfies((shown) -> {
			assertThat(shown.pool()).isEqualTo("listener-#");
			assertThat(shown.state()).isEqualTo(Thread.State.WAITING);
			assertThat(shown.count()).isEqualTo(12);
			assertThat(shown.growth()).isEqualTo(10);
			assertThat(shown.ratePerMinute()).isEqualTo(2.5);
			assertThat(shown.since()).isEqualTo(SAMPLED.minusSeconds(240));
			assertThat(shown.stack()).containsExactly(
					"java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)",
					"com.example.Listener.listen(Listener.java:42)");
			assertThat(shown.threadNames()).containsExactly("listener-12", "listener-11");
			assertThat(shown.virtual()).isFalse();
			assertThat(shown.createdBy().thread()).isEqualTo("http-nio-8080-exec-3");
			assertThat(shown.createdBy().at()).isEqualTo("com.example.Listener.listen(Listener.java:42)");
		});
		assertThat(report.suspectsByCreationSite()).singleElement().satisfies((bySite) -> {
			assertThat(bySite.pools()).containsExactly("listener-#");
			assertThat(bySite.count()).isEqualTo(12);
			assertThat(bySite.growth()).isEqualTo(10);
		});
	}

	@Test
	void aStuckGroupShowsHowLongInWholeSecondsWhatItWaitsForAndWhetherItBurnsCpu() {
		StuckGroup stuck = new StuckGroup("worker-#", Thread.State.BLOCKED, List.of(LISTEN), 3,
				SAMPLED.minusSeconds(700), Duration.ofMillis(700_900), false, List.of("worker-1", "worker-2"),
				List.of(7L, 8L, 9L), "java.lang.Object@1b2c3d", "holder");
		StuckGroup busy = new StuckGroup("crunch", Thread.State.RUNNABLE, List.of(TAKE), 1, SAMPLED.minusSeconds(60),
				Duration.ofSeconds(60), true, List.of("crunch"), List.of(10L), null, null);
		ThreadLeaksReport report = report(result(List.of(), List.of(busy, stuck), List.of()));
		assertThat(report.stuck()).extracting(ThreadLeaksReport.Stuck::pool).containsExactly("crunch", "worker-#");
		assertThat(report.stuck().get(0).cpuRising()).isTrue();
		assertThat(report.stuck().get(1)).satisfies((shown) -> {
			assertThat(shown.pool()).isEqualTo("worker-#");
			assertThat(shown.state()).isEqualTo(Thread.State.BLOCKED);
			assertThat(shown.count()).isEqualTo(3);
			assertThat(shown.since()).isEqualTo(SAMPLED.minusSeconds(700));
			assertThat(shown.stuckForSeconds()).isEqualTo(700);
			assertThat(shown.cpuRising()).isFalse();
			assertThat(shown.threadNames()).containsExactly("worker-1", "worker-2");
			assertThat(shown.lockName()).isEqualTo("java.lang.Object@1b2c3d");
			assertThat(shown.lockOwnerName()).isEqualTo("holder");
			assertThat(shown.stack()).containsExactly("com.example.Listener.listen(Listener.java:42)");
		});
	}

	@Test
	void aSuspectSaysOverWhichHorizonItGrewAndWhatGroupsIt() {
		Suspect suspect = new Suspect("fetch-*", Thread.State.WAITING, List.of(TAKE, LISTEN), 14, 11, 0.5,
				SAMPLED.minusSeconds(1500), List.of("fetch-zoe", "fetch-yan"), null, false, Duration.ofMinutes(20),
				Suspect.GroupedBy.CODE, 14, 3);
		ThreadLeaksReport report = report(result(List.of(suspect), List.of(), List.of()));
		assertThat(report.suspects()).singleElement().satisfies((shown) -> {
			assertThat(shown.horizon()).isEqualTo("PT20M");
			assertThat(shown.groupedBy()).isEqualTo("code");
			assertThat(shown.distinctNames()).isEqualTo(14);
			assertThat(shown.stuck()).isEqualTo(3);
			assertThat(shown.ratePerMinute()).isEqualTo(0.5);
		});
	}

	@Test
	void aDeadlockShowsEachThreadOfItsCycle() {
		Deadlock deadlock = new Deadlock(List.of(
				new Deadlock.DeadlockedThread(1, "a", Thread.State.BLOCKED, "lock-x", "b", 2, List.of("lock-y"),
						List.of(LISTEN)),
				new Deadlock.DeadlockedThread(2, "b", Thread.State.BLOCKED, "lock-y", "a", 1, List.of("lock-x"),
						List.of(TAKE))));
		ThreadLeaksReport report = report(result(List.of(), List.of(), List.of(deadlock)));
		assertThat(report.deadlocks()).singleElement().satisfies((shown) -> {
			assertThat(shown.threads()).extracting(ThreadLeaksReport.DeadlockedThread::name).containsExactly("a", "b");
			ThreadLeaksReport.DeadlockedThread first = shown.threads().get(0);
			assertThat(first.id()).isEqualTo(1);
			assertThat(first.waitingFor()).isEqualTo("lock-x");
			assertThat(first.heldBy()).isEqualTo("b");
			assertThat(first.holds()).containsExactly("lock-y");
			assertThat(first.stack()).containsExactly("com.example.Listener.listen(Listener.java:42)");
		});
	}

	@Test
	void withoutAResultTheReportSaysSoAndListsNoFindings() {
		ThreadLeaksReport report = this.assembler.report(snapshot(), List.of(), null, false);
		assertThat(report.computedAt()).isNull();
		assertThat(report.suspects()).isEmpty();
		assertThat(report.stuck()).isEmpty();
		assertThat(report.deadlocks()).isEmpty();
		assertThat(report.virtualThreads()).isNull();
	}

	private ThreadLeaksReport report(DetectionResult result) {
		return this.assembler.report(snapshot(), List.of(), result, false);
	}

	private static ThreadSnapshot snapshot() {
		return new ThreadSnapshot(1, SAMPLED.plusSeconds(1), new ThreadTotals(0, 0, 0, 0), List.of(), 32);
	}

	private static DetectionResult result(List<Suspect> suspects, List<StuckGroup> stuck, List<Deadlock> deadlocks) {
		return new DetectionResult(SAMPLED, 5, 1_000_000, new ThreadTotals(40, 30, 45, 100), List.of(), suspects,
				stuck, deadlocks, 0, null);
	}

	@Test
	void aSuspectCarriesWhatTheLatestProofSaidOfItsThreads() {
		StackTraceElement park = new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2);
		List<StackTraceElement> waiting = List.of(park, TAKE, LISTEN);
		List<ThreadRecord> threads = List.of(record(1, "listener-1", waiting), record(2, "listener-2", waiting),
				record(3, "other-1", waiting));
		ThreadSnapshot snapshot = new ThreadSnapshot(1, SAMPLED, new ThreadTotals(3, 3, 3, 3), threads, 32);
		LeakProof proof = new LeakProof(SAMPLED.minusSeconds(30), 100, 200, 1 << 20, Map.of(), List.of(),
				List.of(proven(1, Verdict.LEAKED), proven(2, Verdict.LEAKED), proven(3, Verdict.REACHABLE)));
		ThreadLeaksReportAssembler withProof = new ThreadLeaksReportAssembler(new SnapshotStore(2),
				new ThreadGroups(10, 10), null, null, 10, () -> Optional.of(proof));
		Suspect suspect = new Suspect("listener-#", Thread.State.WAITING, List.of(TAKE, LISTEN), 2, 2, 1.0,
				SAMPLED.minusSeconds(240), List.of("listener-2"), null, false);
		ThreadLeaksReport report = withProof.report(snapshot, List.of(), result(List.of(suspect), List.of(), List.of()),
				false);
		assertThat(report.suspects()).singleElement().satisfies((shown) -> {
			assertThat(shown.proof()).isNotNull();
			assertThat(shown.proof().at()).isEqualTo(SAMPLED.minusSeconds(30));
			assertThat(shown.proof().leaked()).isEqualTo(2);
			assertThat(shown.proof().reachable()).isZero();
			assertThat(shown.proof().text()).startsWith("proven leaked: 2 of 2 threads, nothing can reach the");
		});
		assertThat(report(result(List.of(suspect), List.of(), List.of())).suspects().get(0).proof())
			.as("no proof taken, none shown")
			.isNull();
	}

	private static ThreadRecord record(long id, String name, List<StackTraceElement> stack) {
		return new ThreadRecord(id, name, PoolNames.fold(name), Thread.State.WAITING, true, stack, false, null, -1, null,
				-1, 1, 1);
	}

	private static ThreadProof proven(long id, Verdict verdict) {
		return new ThreadProof(id, "t-" + id, false, Thread.State.WAITING, List.of(TAKE), "java.lang.Object", verdict,
				"because", List.of());
	}

}
