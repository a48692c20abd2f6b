package io.github.threadleaks.proof;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.snapshot.SafeText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A proof in words, and the lookup the suspects' report uses. */
class ProofWordsTests {

	private static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

	@Test
	void aSuspectAllOfWhoseThreadsLeakedSaysSo() {
		assertThat(ProofWords.describe(new SuspectProof(AT, 12, 0, 0, "java.util.concurrent.CountDownLatch$Sync")))
			.isEqualTo("proven leaked: 12 of 12 threads, nothing can reach the CountDownLatch$Sync they wait on");
	}

	@Test
	void aMixedSuspectCountsTheRest() {
		assertThat(ProofWords.describe(new SuspectProof(AT, 3, 1, 2, "java.util.concurrent.Semaphore$NonfairSync")))
			.isEqualTo("proven leaked: 3 of 6 threads, nothing can reach the Semaphore$NonfairSync they wait on;"
					+ " 1 reachable; 2 unknown");
		assertThat(ProofWords.describe(new SuspectProof(AT, 0, 2, 0, "java.util.concurrent.CountDownLatch$Sync")))
			.isEqualTo("not leaked: something can still reach the CountDownLatch$Sync 2 of 2 threads wait on");
		assertThat(ProofWords.describe(new SuspectProof(AT, 0, 0, 1, null)))
			.isEqualTo("not proven: the heap cannot say what would wake these 1 thread");
	}

	@Test
	void namesFromApplicationCodeLoseTheirControlCharacters() {
		assertThat(SafeText.neutralize("evil\nINFO forged\u001b[31m\u2028")).isEqualTo("evil\\nINFO forged\\u001b[31m\\u2028");
	}

	@Test
	void aSuspectsThreadsAreLookedUpById() {
		LeakProof proof = LeakProver.proof(AT, 10, 20, 1024,
				List.of(thread(1, "pool-1-thread-1", Verdict.LEAKED), thread(2, "pool-2-thread-1", Verdict.LEAKED),
						thread(3, "pool-3-thread-1", Verdict.REACHABLE)));
		assertThat(proof.forThreads(List.of(1L, 2L, 3L, 99L)))
			.contains(new SuspectProof(AT, 2, 1, 0, "java.util.concurrent.CountDownLatch$Sync"));
		assertThat(proof.forThreads(List.of(99L))).isEmpty();
		assertThat(proof.thread(3)).map(ThreadProof::verdict).contains(Verdict.REACHABLE);
		assertThat(proof.leakedThreads()).isEqualTo(2);
	}

	@Test
	void groupsArePoolStateStackAndVerdictLeakedFirst() {
		LeakProof proof = LeakProver.proof(AT, 10, 20, 1024,
				List.of(thread(1, "pool-1-thread-1", Verdict.REACHABLE), thread(2, "pool-2-thread-1", Verdict.LEAKED),
						thread(3, "pool-3-thread-1", Verdict.LEAKED)));
		assertThat(proof.groups()).extracting(ProofGroup::pool, ProofGroup::verdict, ProofGroup::count)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("pool-#-thread-#", Verdict.LEAKED, 2),
					org.assertj.core.groups.Tuple.tuple("pool-#-thread-#", Verdict.REACHABLE, 1));
		assertThat(proof.counts()).isEqualTo(Map.of(Verdict.LEAKED, 2, Verdict.REACHABLE, 1, Verdict.UNKNOWN, 0));
		assertThat(ProofWords.logLine(proof))
			.isEqualTo("Leak proof: 2 leaked, 1 reachable, 0 unknown waiting threads; heap dump 10 ms (1 MB in use),"
					+ " analysis 20 ms");
	}

	private static ThreadProof thread(long id, String name, Verdict verdict) {
		return new ThreadProof(id, name, false, Thread.State.WAITING,
				List.of(new StackTraceElement("java.util.concurrent.CountDownLatch", "await", "CountDownLatch.java", 230)),
				"java.util.concurrent.CountDownLatch$Sync", verdict, "reason", List.of());
	}

}
