package io.github.threadleaks.proof;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/** The prover's bounds: one at a time, refusals before the dump, the timeout, and a dump that never outlives a proof. */
@org.junit.jupiter.api.Tag("both-jdks")
class LeakProverTests {

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path dumps;

	private LeakProver prover(Duration timeout, LeakProver.HeapDumper dumper) {
		return new LeakProver(new LeakProver.Limits(4L << 30, timeout, this.dumps), CLOCK, dumper,
				(directory) -> Long.MAX_VALUE);
	}

	@Test
	void theDumpIsWrittenIntoAFreshOwnerOnlyDirectoryAndDeletedAfterwards() throws IOException {
		AtomicReference<Set<PosixFilePermission>> permissions = new AtomicReference<>();
		AtomicReference<Path> written = new AtomicReference<>();
		LeakProof proof = prover(Duration.ofMinutes(1), (file) -> {
			permissions.set(Files.getPosixFilePermissions(file.getParent()));
			written.set(file);
			LeakProver.dumpHeap(file);
		}).prove();
		assertThat(permissions.get()).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		assertThat(written.get().getParent().getParent()).isEqualTo(this.dumps);
		assertThat(written.get().getParent().getFileName().toString()).startsWith("threadleaks-proof-");
		assertThat(proof.takenAt()).isEqualTo(CLOCK.instant());
		assertThat(proof.heapBytes()).isPositive();
		assertThat(proof.counts()).containsOnlyKeys(Verdict.values());
		assertThat(listing(this.dumps)).isEmpty();
	}

	@Test
	void twoProofsGetTwoDirectoriesWithRandomNames() {
		List<Path> written = new java.util.ArrayList<>();
		LeakProver prover = prover(Duration.ofMinutes(1), (file) -> {
			written.add(file.getParent());
			LeakProver.dumpHeap(file);
		});
		prover.prove();
		prover.prove();
		assertThat(written).hasSize(2);
		assertThat(written.get(0)).isNotEqualTo(written.get(1));
	}

	@Test
	void aSecondProofWhileOneRunsIsRefusedAsBusy() throws Exception {
		CountDownLatch dumping = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		LeakProver prover = prover(Duration.ofMinutes(1), (file) -> {
			dumping.countDown();
			try {
				finish.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			LeakProver.dumpHeap(file);
		});
		AtomicReference<Object> first = new AtomicReference<>();
		Thread running = new Thread(() -> first.set(prover.prove()), "proof-first");
		running.start();
		try {
			assertThat(dumping.await(30, TimeUnit.SECONDS)).isTrue();
			assertThatExceptionOfType(ProofException.class).isThrownBy(prover::prove)
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.BUSY))
				.withMessageContaining("Another leak proof is running");
		}
		finally {
			finish.countDown();
			running.join(60_000);
		}
		assertThat(first.get()).isInstanceOf(LeakProof.class);
		assertThat(prover.latest()).containsSame((LeakProof) first.get());
	}

	@Test
	void moreHeapInUseThanMaxHeapIsRefusedBeforeAnyDump() {
		LeakProver prover = new LeakProver(new LeakProver.Limits(1024, Duration.ofMinutes(1), this.dumps), CLOCK,
				(file) -> {
					throw new AssertionError("no dump may be taken");
				}, (directory) -> Long.MAX_VALUE);
		assertThatExceptionOfType(ProofException.class).isThrownBy(prover::prove)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.LIMIT))
			.withMessageContaining("is over threadleaks.proof.max-heap (1 MB) by")
			.withMessageContaining("no dump was taken");
		assertThat(prover.latest()).isEmpty();
	}

	@Test
	void lessFreeDiskThanHeapInUseIsRefusedBeforeAnyDump() {
		LeakProver prover = new LeakProver(new LeakProver.Limits(4L << 30, Duration.ofMinutes(1), this.dumps), CLOCK,
				(file) -> {
					throw new AssertionError("no dump may be taken");
				}, (directory) -> 1L << 20);
		assertThatExceptionOfType(ProofException.class).isThrownBy(prover::prove)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.LIMIT))
			.withMessageContaining("Free disk space in " + this.dumps + " (1 MB) is short of the heap in use")
			.withMessageContaining("no dump was taken");
	}

	@Test
	void aMissingDumpDirectoryIsRefused() {
		LeakProver prover = new LeakProver(
				new LeakProver.Limits(4L << 30, Duration.ofMinutes(1), this.dumps.resolve("missing")), CLOCK);
		assertThatExceptionOfType(ProofException.class).isThrownBy(prover::prove)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.LIMIT))
			.withMessageContaining("threadleaks.proof.dump-directory");
	}

	@Test
	void aProofPastItsTimeoutIsAbandonedAndItsDumpDeleted() {
		LeakProver prover = prover(Duration.ofMillis(1), (file) -> {
			LeakProver.dumpHeap(file);
			await().pollDelay(Duration.ofMillis(20)).until(() -> true);
		});
		assertThatExceptionOfType(ProofException.class).isThrownBy(prover::prove)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.TIMEOUT))
			.withMessageContaining("threadleaks.proof.timeout (PT0.001S)");
		assertThat(listing(this.dumps)).isEmpty();
		assertThat(prover.latest()).isEmpty();
	}

	@Test
	void aDumpThatCannotBeReadFailsWithAMessageAndIsDeleted() {
		LeakProver prover = prover(Duration.ofMinutes(1),
				(file) -> Files.writeString(file, "JAVA PROFILE 1.0.2\0not really a dump"));
		assertThatExceptionOfType(ProofException.class).isThrownBy(prover::prove)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.FAILED))
			.withMessageStartingWith("The heap dump could not be read: ");
		assertThat(listing(this.dumps)).isEmpty();
	}

	@Test
	void anAnalysisThatWouldNotFitItsBudgetIsRefusedBeforeAllocating() throws IOException {
		Path dump = this.dumps.resolve("budget.hprof");
		LeakProver.dumpHeap(dump);
		try {
			assertThatExceptionOfType(ProofException.class)
				.isThrownBy(() -> ProofAnalysis.analyse(dump, java.util.Map.of(), Deadline.none(), () -> 1024))
				.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.LIMIT))
				.withMessageContaining("but may take only 1 MB (half the free heap)");
		}
		finally {
			Files.delete(dump);
		}
	}

	@Test
	void aProofStartsNoThreadThatOutlivesIt() {
		Set<Long> before = threadIds();
		prover(Duration.ofMinutes(1), LeakProver::dumpHeap).prove();
		assertThat(threadIds()).isSubsetOf(before);
	}

	@Test
	void limitsNameThePropertyThatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> new LeakProver.Limits(0, Duration.ofMinutes(1), null))
			.withMessage("threadleaks.proof.max-heap must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> new LeakProver.Limits(1, Duration.ZERO, null))
			.withMessage("threadleaks.proof.timeout must be positive");
	}

	private static Set<Long> threadIds() {
		return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
	}

	private static List<Path> listing(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
