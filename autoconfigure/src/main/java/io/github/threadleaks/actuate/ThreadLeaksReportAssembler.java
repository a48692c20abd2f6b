package io.github.threadleaks.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.creation.CreationSites;
import io.github.threadleaks.detect.DetectionResult;
import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.detect.Suspect;
import io.github.threadleaks.detect.TrendPoint;
import io.github.threadleaks.diff.SnapshotDiff;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.proof.LeakProof;
import io.github.threadleaks.proof.ProofWords;
import io.github.threadleaks.snapshot.StackFrames;
import io.github.threadleaks.snapshot.ThreadGroupSummary;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.tasks.TaskCounts;
import org.jspecify.annotations.Nullable;

/**
 * Turns what the engine holds (a grouped dump, the published {@link DetectionResult}, a
 * {@link SnapshotDiff}) into the endpoint's report records, which are what JSON, text and
 * the page show. The endpoint only decides what to dump and how to answer.
 */
final class ThreadLeaksReportAssembler {

	/** Frames from the blocking frame on that make a thread one of a suspect's. */
	private static final int SAME_CODE_FRAMES = 5;

	private final SnapshotStore store;

	private final ThreadGroups grouping;

	private final @Nullable TaskCounts taskCounts;

	private final @Nullable CreationSites creationSites;

	private final int maxGroups;

	private final Supplier<Optional<LeakProof>> proofs;

	private @Nullable GroupedVirtualThreads lastVirtualGroups;

	/**
	 * @param store the stored snapshots, listed in every report
	 * @param grouping groups virtual threads
	 * @param taskCounts counts of tracked work, or {@code null} for none
	 * @param creationSites who started threads, or {@code null} when not recorded
	 * @param maxGroups how many groups a report or a diff lists
	 */
	ThreadLeaksReportAssembler(SnapshotStore store, ThreadGroups grouping, @Nullable TaskCounts taskCounts,
			@Nullable CreationSites creationSites, int maxGroups) {
		this(store, grouping, taskCounts, creationSites, maxGroups, Optional::empty);
	}

	/**
	 * @param store the stored snapshots, listed in every report
	 * @param grouping groups virtual threads
	 * @param taskCounts counts of tracked work, or {@code null} for none
	 * @param creationSites who started threads, or {@code null} when not recorded
	 * @param maxGroups how many groups a report or a diff lists
	 * @param proofs the latest heap proof, if any, whose verdicts the suspects carry
	 */
	ThreadLeaksReportAssembler(SnapshotStore store, ThreadGroups grouping, @Nullable TaskCounts taskCounts,
			@Nullable CreationSites creationSites, int maxGroups, Supplier<Optional<LeakProof>> proofs) {
		this.proofs = proofs;
		this.store = store;
		this.grouping = grouping;
		this.taskCounts = taskCounts;
		this.creationSites = creationSites;
		this.maxGroups = maxGroups;
	}

	/**
	 * The report of one grouped dump beside the latest detection result.
	 * @param snapshot the dump
	 * @param groups its groups, most populous first
	 * @param result the latest detection result, or {@code null} before the first or without
	 * detection
	 * @param virtualThreadsSampled whether virtual threads are sampled at all
	 * @return the report
	 */
	ThreadLeaksReport report(ThreadSnapshot snapshot, List<ThreadGroupSummary> groups,
			@Nullable DetectionResult result, boolean virtualThreadsSampled) {
		return report(snapshot, groups, result, virtualThreadsSampled, (suspect) -> List.of());
	}

	/**
	 * The report of one grouped dump beside the latest detection result.
	 * @param snapshot the dump
	 * @param groups its groups, most populous first
	 * @param result the latest detection result, or {@code null} before the first or without
	 * detection
	 * @param virtualThreadsSampled whether virtual threads are sampled at all
	 * @param trends how each suspect of the result grew
	 * @return the report
	 */
	ThreadLeaksReport report(ThreadSnapshot snapshot, List<ThreadGroupSummary> groups,
			@Nullable DetectionResult result, boolean virtualThreadsSampled,
			Function<Suspect, List<TrendPoint>> trends) {
		ThreadLeaksReport.Threads threads = new ThreadLeaksReport.Threads(snapshot.totals().live(),
				snapshot.totals().daemon(), snapshot.totals().peak(), snapshot.totals().started(),
				snapshot.countByState());
		List<ThreadLeaksReport.Group> shown = groups.stream()
			.limit(this.maxGroups)
			.map((group) -> group(group, createdBy(group.threadIds())))
			.toList();
		List<ThreadLeaksReport.Snapshot> snapshots = this.store.list()
			.stream()
			.map((stored) -> new ThreadLeaksReport.Snapshot(stored.id(), stored.name(), stored.snapshot().takenAt(),
					stored.snapshot().threads().size()))
			.toList();
		TaskSummary tasks = (this.taskCounts != null) ? TaskSummary.of(this.taskCounts) : null;
		ThreadLeaksReport.VirtualThreads virtual = virtualThreadsSampled
				? virtualThreads((result != null) ? result.virtualThreads() : null) : null;
		if (result == null) {
			return new ThreadLeaksReport(snapshot.takenAt(), threads, null, List.of(), List.of(), List.of(), List.of(),
					groups.size(), shown, snapshots, tasks, virtual);
		}
		return new ThreadLeaksReport(snapshot.takenAt(), threads, result.computedAt(),
				suspects(result, snapshot, this.proofs.get().orElse(null), trends),
				suspectsBySite(result), stuck(result), deadlocks(result), groups.size(), shown, snapshots, tasks,
				virtual);
	}

	/**
	 * The diff as the endpoint shows it.
	 * @param diff the engine's diff
	 * @return its report
	 */
	ThreadLeaksDiff diff(SnapshotDiff diff) {
		List<ThreadLeaksDiff.GroupChange> groups = diff.groups()
			.stream()
			.limit(this.maxGroups)
			.map((group) -> new ThreadLeaksDiff.GroupChange(group.pool(), group.state(), frames(group.stack()),
					group.before(), group.after(), group.delta(), createdBy(group.threadIds()), blockedIn(group.stack())))
			.toList();
		return new ThreadLeaksDiff(diff.from(), diff.to(), diff.addedCount(), diff.endedCount(), threads(diff.added()),
				threads(diff.ended()), groups);
	}

	private ThreadLeaksReport.VirtualThreads virtualThreads(DetectionResult.@Nullable VirtualThreads found) {
		if (found == null) {
			return new ThreadLeaksReport.VirtualThreads(null, 0, 0, Map.of(), 0, 0, List.of());
		}
		List<ThreadGroupSummary> groups = virtualGroups(found.snapshot());
		List<ThreadLeaksReport.Group> shown = groups.stream()
			.limit(this.maxGroups)
			.map((group) -> group(group, null))
			.toList();
		return new ThreadLeaksReport.VirtualThreads(found.computedAt(), found.live(), found.judged(),
				found.countByState(), Duration.ofNanos(found.sampleDurationNanos()).toMillis(), groups.size(), shown);
	}

	/**
	 * Groups the latest virtual-thread snapshot once, however many requests read it.
	 */
	private synchronized List<ThreadGroupSummary> virtualGroups(ThreadSnapshot snapshot) {
		GroupedVirtualThreads last = this.lastVirtualGroups;
		if (last == null || last.snapshot() != snapshot) {
			last = new GroupedVirtualThreads(snapshot, this.grouping.group(snapshot));
			this.lastVirtualGroups = last;
		}
		return last.groups();
	}

	private static ThreadLeaksReport.Group group(ThreadGroupSummary group,
			ThreadLeaksReport.@Nullable CreatedBy createdBy) {
		return new ThreadLeaksReport.Group(group.pool(), group.state(), group.count(), frames(group.stack()),
				group.stackTruncated(), group.threadNames(), createdBy, blockedIn(group.stack()));
	}

	/**
	 * The creation site of the oldest of these threads whose site is known.
	 */
	private ThreadLeaksReport.@Nullable CreatedBy createdBy(List<Long> threadIds) {
		if (this.creationSites == null) {
			return null;
		}
		for (Long id : threadIds) {
			CreationSite site = this.creationSites.siteOf(id).orElse(null);
			if (site != null) {
				return createdBy(site);
			}
		}
		return null;
	}

	private @Nullable String createdAt(long threadId) {
		if (this.creationSites == null) {
			return null;
		}
		return this.creationSites.siteOf(threadId).map(CreationSite::originText).orElse(null);
	}

	private static ThreadLeaksReport.@Nullable CreatedBy createdBy(@Nullable CreationSite site) {
		if (site == null) {
			return null;
		}
		return new ThreadLeaksReport.CreatedBy(site.creatorThread(), site.originText(), frames(site.stack()));
	}

	private static List<ThreadLeaksReport.Suspect> suspects(DetectionResult result, ThreadSnapshot platform,
			@Nullable LeakProof proof, Function<Suspect, List<TrendPoint>> trends) {
		DetectionResult.VirtualThreads virtual = result.virtualThreads();
		return result.suspects()
			.stream()
			.map((suspect) -> new ThreadLeaksReport.Suspect(suspect.pool(), suspect.state(), suspect.count(),
					suspect.growth(), suspect.ratePerMinute(), suspect.horizon().toString(), suspect.since(),
					frames(suspect.stack()), suspect.threadNames(), createdBy(suspect.createdBy()), suspect.virtual(),
					suspect.groupedBy().text(), suspect.distinctNames(), suspect.stuck(),
					proof(suspect, suspect.virtual() && virtual != null ? virtual.snapshot() : platform, proof),
					trends.apply(suspect)))
			.toList();
	}

	/**
	 * What the latest proof said of the suspect's threads: they are found in the snapshot
	 * by what makes them the suspect (state, pool or, for threads named after their work, the
	 * names' common beginning, and the code they wait in), then looked up in the proof by id.
	 */
	private static ThreadLeaksReport.@Nullable Proof proof(Suspect suspect, ThreadSnapshot snapshot,
			@Nullable LeakProof proof) {
		if (proof == null) {
			return null;
		}
		List<Long> ids = snapshot.threads()
			.stream()
			.filter((thread) -> isMember(suspect, thread))
			.map(ThreadRecord::id)
			.toList();
		return proof.forThreads(ids)
			.map((found) -> new ThreadLeaksReport.Proof(found.at(), found.leaked(), found.reachable(), found.unknown(),
					ProofWords.describe(found)))
			.orElse(null);
	}

	private static boolean isMember(Suspect suspect, ThreadRecord thread) {
		if (thread.state() != suspect.state()) {
			return false;
		}
		String pool = suspect.pool();
		boolean named = pool.endsWith("*") ? thread.name().startsWith(pool.substring(0, pool.length() - 1))
				: thread.pool().equals(pool);
		if (!named) {
			return false;
		}
		List<StackTraceElement> waiting = IdleFrames.fromBlockingFrame(thread.stack());
		if (waiting.isEmpty() != suspect.stack().isEmpty()) {
			return false;
		}
		int compared = Math.min(SAME_CODE_FRAMES, Math.min(waiting.size(), suspect.stack().size()));
		for (int i = 0; i < compared; i++) {
			if (!StackFrames.methodName(waiting.get(i)).equals(StackFrames.methodName(suspect.stack().get(i)))) {
				return false;
			}
		}
		return true;
	}

	private static List<ThreadLeaksReport.SuspectsBySite> suspectsBySite(DetectionResult result) {
		return result.suspectsByCreationSite()
			.stream()
			.map((bySite) -> new ThreadLeaksReport.SuspectsBySite(bySite.site().originText(),
					createdBy(bySite.site()), bySite.suspects().stream().map(Suspect::pool).distinct().toList(),
					bySite.count(), bySite.growth()))
			.toList();
	}

	private static List<ThreadLeaksReport.Stuck> stuck(DetectionResult result) {
		return result.stuck()
			.stream()
			.map((stuck) -> new ThreadLeaksReport.Stuck(stuck.pool(), stuck.state(), stuck.count(), stuck.since(),
					stuck.stuckFor().toSeconds(), stuck.cpuRising(), stuck.threadNames(), frames(stuck.stack()),
					stuck.lockName(), stuck.lockOwnerName()))
			.toList();
	}

	private static List<ThreadLeaksReport.Deadlock> deadlocks(DetectionResult result) {
		return result.deadlocks()
			.stream()
			.map((deadlock) -> new ThreadLeaksReport.Deadlock(deadlock.threads()
				.stream()
				.map((thread) -> new ThreadLeaksReport.DeadlockedThread(thread.id(), thread.name(), thread.state(),
						thread.waitingFor(), thread.heldBy(), thread.holds(), frames(thread.stack())))
				.toList()))
			.toList();
	}

	private List<ThreadLeaksDiff.Thread> threads(List<SnapshotDiff.ThreadRef> threads) {
		return threads.stream()
			.map((thread) -> new ThreadLeaksDiff.Thread(thread.id(), thread.name(), thread.pool(), thread.state(),
					StackFrames.formatOrNull(thread.topFrame()), createdAt(thread.id())))
			.toList();
	}

	private static @Nullable String blockedIn(List<StackTraceElement> stack) {
		return StackFrames.formatOrNull(StackFrames.top(IdleFrames.fromBlockingFrame(stack)));
	}

	private static List<String> frames(List<StackTraceElement> stack) {
		return stack.stream().map(StackFrames::format).toList();
	}

	private record GroupedVirtualThreads(ThreadSnapshot snapshot, List<ThreadGroupSummary> groups) {

	}

}
