package io.github.threadleaks.proof;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

import com.sun.management.HotSpotDiagnosticMXBean;
import io.github.threadleaks.snapshot.PoolNames;
import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proves leaks on request: dumps the live heap into a fresh owner-only directory, analyses it
 * in this JVM within a bound checked before each large table is allocated, deletes the dump
 * whatever happens, and keeps only the verdicts. One proof runs at a time; it runs on the
 * caller's thread and starts none.
 */
public final class LeakProver {

	private static final Logger logger = LoggerFactory.getLogger(LeakProver.class);

	/** Frames of a group's stack, and of its key. */
	static final int GROUP_STACK_DEPTH = 12;

	private final Limits limits;

	private final Clock clock;

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final ThreadMXBean threadsBean = ManagementFactory.getThreadMXBean();

	private final AtomicBoolean running = new AtomicBoolean();

	private final AtomicReference<@Nullable LeakProof> latest = new AtomicReference<>();

	private final HeapDumper dumper;

	private final ToLongFunction<Path> freeDiskSpace;

	private final List<Consumer<LeakProof>> listeners = new CopyOnWriteArrayList<>();

	/** Writes a heap dump: the JVM's own {@link #dumpHeap(Path)}, or a stand-in in tests. */
	@FunctionalInterface
	public interface HeapDumper {

		/**
		 * Writes the live heap into a file that does not exist yet.
		 * @param file the file, ending in {@code .hprof}
		 * @throws IOException when the dump cannot be written
		 */
		void dump(Path file) throws IOException;

	}

	/**
	 * The bounds of a proof.
	 * @param maxHeapBytes refuse to dump when more heap than this is in use
	 * @param timeout give up (and delete the dump) after this long
	 * @param dumpDirectory where the dump's private directory is made, or {@code null} for
	 * {@code java.io.tmpdir}
	 */
	public record Limits(long maxHeapBytes, Duration timeout, @Nullable Path dumpDirectory) {

		public Limits {
			if (maxHeapBytes <= 0) {
				throw new IllegalArgumentException("threadleaks.proof.max-heap must be positive");
			}
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("threadleaks.proof.timeout must be positive");
			}
		}

		/** 4 GB of heap in use at most, 5 minutes, the temporary directory. */
		public static Limits defaults() {
			return new Limits(4L << 30, Duration.ofMinutes(5), null);
		}

	}

	public LeakProver(Limits limits, Clock clock) {
		this(limits, clock, LeakProver::dumpHeap);
	}

	/**
	 * A prover that dumps the heap its own way.
	 * @param limits the bounds
	 * @param clock the clock stamping each proof
	 * @param dumper how the heap is dumped
	 */
	public LeakProver(Limits limits, Clock clock, HeapDumper dumper) {
		this(limits, clock, dumper, LeakProver::usableSpace);
	}

	LeakProver(Limits limits, Clock clock, HeapDumper dumper, ToLongFunction<Path> freeDiskSpace) {
		this.limits = limits;
		this.clock = clock;
		this.dumper = dumper;
		this.freeDiskSpace = freeDiskSpace;
	}

	/**
	 * The bounds this prover keeps.
	 * @return its limits
	 */
	public Limits limits() {
		return this.limits;
	}

	/**
	 * The latest proof.
	 * @return it, or empty before the first
	 */
	public Optional<LeakProof> latest() {
		return Optional.ofNullable(this.latest.get());
	}

	/**
	 * Tells a listener of every proof from now on, on the thread that made it (a meter that
	 * must not exist before the first proof registers itself this way).
	 * @param listener what to tell; it must return quickly
	 */
	public void onProof(Consumer<LeakProof> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Dumps the heap and proves which waiting threads nothing can ever wake.
	 * @return the proof, also kept as {@link #latest()}
	 * @throws ProofException when another proof runs, a limit refuses it, it times out or
	 * the dump cannot be taken or read; the message says which
	 */
	public LeakProof prove() {
		if (!this.running.compareAndSet(false, true)) {
			throw new ProofException(ProofException.Reason.BUSY,
					"Another leak proof is running; ask again when it has finished");
		}
		try {
			LeakProof proof = proveAlone();
			this.latest.set(proof);
			logger.info(ProofWords.logLine(proof));
			for (Consumer<LeakProof> listener : this.listeners) {
				listener.accept(proof);
			}
			return proof;
		}
		finally {
			this.running.set(false);
		}
	}

	private LeakProof proveAlone() {
		long heapInUse = this.memory.getHeapMemoryUsage().getUsed();
		if (heapInUse > this.limits.maxHeapBytes()) {
			throw new ProofException(ProofException.Reason.LIMIT,
					"The heap in use (" + HeapDumpReader.megabytes(heapInUse) + " MB) is over threadleaks.proof.max-heap ("
							+ HeapDumpReader.megabytes(this.limits.maxHeapBytes()) + " MB) by "
							+ HeapDumpReader.megabytes(heapInUse - this.limits.maxHeapBytes())
							+ " MB; no dump was taken");
		}
		Path parent = (this.limits.dumpDirectory() != null) ? this.limits.dumpDirectory()
				: Path.of(System.getProperty("java.io.tmpdir"));
		if (!Files.isDirectory(parent)) {
			throw new ProofException(ProofException.Reason.LIMIT, "The dump directory " + parent
					+ " (threadleaks.proof.dump-directory) does not exist or is not a directory; no dump was taken");
		}
		long freeDisk = this.freeDiskSpace.applyAsLong(parent);
		if (freeDisk < heapInUse) {
			throw new ProofException(ProofException.Reason.LIMIT,
					"Free disk space in " + parent + " (" + HeapDumpReader.megabytes(freeDisk)
							+ " MB) is short of the heap in use (" + HeapDumpReader.megabytes(heapInUse) + " MB) by "
							+ HeapDumpReader.megabytes(heapInUse - freeDisk) + " MB; no dump was taken");
		}
		Deadline deadline = Deadline.after(this.limits.timeout());
		Path directory = null;
		Path dump = null;
		try {
			directory = privateDirectory(parent);
			dump = directory.resolve("heap.hprof");
			Map<Long, ThreadInfo> before = threadInfos();
			Instant takenAt = this.clock.instant();
			long dumpStart = System.nanoTime();
			this.dumper.dump(dump);
			long dumpMillis = (System.nanoTime() - dumpStart) / 1_000_000;
			Map<Long, ThreadInfo> afterDump = threadInfos();
			deadline.check();
			long analysisStart = System.nanoTime();
			List<ThreadProof> proofs = ProofAnalysis.analyse(dump, monitorOwners(before, afterDump), deadline,
					LeakProver::halfTheFreeHeap);
			long prover = Thread.currentThread().getId();
			// the thread proving was in the native dump call at the dump: not something to judge
			proofs = recheck(proofs.stream().filter((proof) -> proof.threadId() != prover).toList(), before,
					threadInfos());
			long analysisMillis = (System.nanoTime() - analysisStart) / 1_000_000;
			return proof(takenAt, dumpMillis, analysisMillis, heapInUse, proofs);
		}
		catch (IOException ex) {
			throw new ProofException(ProofException.Reason.FAILED,
					"The heap dump could not be " + ((dump != null && Files.exists(dump)) ? "read" : "taken") + ": "
							+ ex.getMessage(),
					ex);
		}
		finally {
			delete(dump, directory);
		}
	}

	/**
	 * Analyses a dump taken elsewhere (a benchmark, a dump copied from a pod), with this JVM's
	 * whole heap as its bound. Blocked threads are judged without monitor owners, so they are
	 * never {@code leaked} here, and nothing is re-checked against live threads.
	 * @param dump an HPROF file written by HotSpot
	 * @return a verdict per waiting or blocked thread
	 * @throws IOException when the file cannot be read
	 */
	public static List<ThreadProof> analyseFile(Path dump) throws IOException {
		return ProofAnalysis.analyse(dump, Map.of(), Deadline.none(), () -> Long.MAX_VALUE);
	}

	/**
	 * The analysis may take half the heap that is free now: the application keeps the rest,
	 * and a table that does not fit is refused before it is allocated.
	 */
	static long halfTheFreeHeap() {
		Runtime runtime = Runtime.getRuntime();
		return (runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory())) / 2;
	}

	private static long usableSpace(Path directory) {
		try {
			FileStore store = Files.getFileStore(directory);
			return store.getUsableSpace();
		}
		catch (IOException ex) {
			throw new ProofException(ProofException.Reason.LIMIT,
					"The free disk space in " + directory + " cannot be read (" + ex.getMessage() + "); no dump was taken");
		}
	}

	private static Path privateDirectory(Path parent) throws IOException {
		try {
			return Files.createTempDirectory(parent, "threadleaks-proof-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the JDK then makes it readable by its owner alone as far as it can
			return Files.createTempDirectory(parent, "threadleaks-proof-");
		}
	}

	/**
	 * Dumps the live heap (after a full GC) the JVM's own way, with {@code HotSpotDiagnosticMXBean}.
	 * @param dump the file to write, ending in {@code .hprof}; it must not exist
	 * @throws IOException when it cannot be written
	 */
	public static void dumpHeap(Path dump) throws IOException {
		HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
		diagnostics.dumpHeap(dump.toString(), true);
	}

	private static void delete(@Nullable Path dump, @Nullable Path directory) {
		try {
			if (dump != null) {
				Files.deleteIfExists(dump);
			}
			if (directory != null) {
				Files.deleteIfExists(directory);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not delete the heap dump {}: {}; delete it by hand, it holds the heap's contents", dump,
					ex.getMessage());
		}
	}

	private Map<Long, ThreadInfo> threadInfos() {
		Map<Long, ThreadInfo> infos = new HashMap<>();
		for (ThreadInfo info : this.threadsBean.dumpAllThreads(false, false, 0)) {
			if (info != null) {
				infos.put(info.getThreadId(), info);
			}
		}
		return infos;
	}

	/**
	 * Owners of contended monitors the JVM reported alike just before and just after the dump,
	 * for threads that did not block anew in between: a held monitor is not in a heap dump,
	 * so this is the only evidence of who holds it.
	 */
	private static Map<Long, Long> monitorOwners(Map<Long, ThreadInfo> before, Map<Long, ThreadInfo> after) {
		Map<Long, Long> owners = new HashMap<>();
		before.forEach((id, earlier) -> {
			ThreadInfo later = after.get(id);
			if (later != null && earlier.getThreadState() == Thread.State.BLOCKED
					&& later.getThreadState() == Thread.State.BLOCKED && earlier.getLockOwnerId() >= 0
					&& earlier.getLockOwnerId() == later.getLockOwnerId()
					&& earlier.getBlockedCount() == later.getBlockedCount()) {
				owners.put(id, earlier.getLockOwnerId());
			}
		});
		return owners;
	}

	/**
	 * A leaked platform thread must have waited in one and the same wait from before the dump
	 * until after the analysis: a thread woken just before the safepoint still looks parked in
	 * the dump, and only the JVM's wait counters show that it moved.
	 */
	static List<ThreadProof> recheck(List<ThreadProof> proofs, Map<Long, ThreadInfo> before,
			Map<Long, ThreadInfo> after) {
		List<ThreadProof> checked = new ArrayList<>(proofs.size());
		for (ThreadProof proof : proofs) {
			if (proof.verdict() == Verdict.LEAKED && !proof.virtual()
					&& !waitedThroughout(before.get(proof.threadId()), after.get(proof.threadId()))) {
				checked.add(new ThreadProof(proof.threadId(), proof.name(), false, proof.state(), proof.stack(),
						proof.waitingOn(), Verdict.UNKNOWN, ProofWords.movedReason(), List.of()));
			}
			else {
				checked.add(proof);
			}
		}
		return checked;
	}

	private static boolean waitedThroughout(@Nullable ThreadInfo before, @Nullable ThreadInfo after) {
		if (before == null || after == null || before.getThreadState() != after.getThreadState()) {
			return false;
		}
		return switch (before.getThreadState()) {
			case WAITING -> before.getWaitedCount() == after.getWaitedCount();
			case BLOCKED -> before.getBlockedCount() == after.getBlockedCount();
			default -> false;
		};
	}

	static LeakProof proof(Instant takenAt, long dumpMillis, long analysisMillis, long heapBytes,
			List<ThreadProof> proofs) {
		Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
		Map<String, List<ThreadProof>> grouped = new LinkedHashMap<>();
		for (ThreadProof proof : proofs) {
			counts.merge(proof.verdict(), 1, Integer::sum);
			String key = PoolNames.fold(proof.name()) + '\n' + proof.state() + '\n' + proof.verdict() + '\n'
					+ proof.virtual() + '\n' + String.join("\n", frames(proof));
			grouped.computeIfAbsent(key, (k) -> new ArrayList<>()).add(proof);
		}
		List<ProofGroup> groups = new ArrayList<>();
		for (List<ThreadProof> members : grouped.values()) {
			ThreadProof first = members.get(0);
			List<String> names = members.stream()
				.map(ThreadProof::name)
				.limit(LeakProof.MAX_NAMES_PER_GROUP)
				.toList();
			groups.add(new ProofGroup(PoolNames.fold(first.name()), first.state(), members.size(), frames(first),
					names, first.waitingOn(), first.verdict(), first.reason(), first.path(), first.virtual()));
		}
		groups.sort(Comparator.comparing(ProofGroup::verdict).thenComparing(ProofGroup::count, Comparator.reverseOrder()));
		return new LeakProof(takenAt, dumpMillis, analysisMillis, heapBytes, counts, groups, proofs);
	}

	private static List<String> frames(ThreadProof proof) {
		return proof.stack().stream().limit(GROUP_STACK_DEPTH).map(StackFrames::format).toList();
	}

}
