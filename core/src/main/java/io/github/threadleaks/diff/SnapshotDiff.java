package io.github.threadleaks.diff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.threadleaks.snapshot.ThreadGroupSummary;
import io.github.threadleaks.snapshot.ThreadGroupSummary.GroupKey;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * What changed between two snapshots: threads that appeared, threads that ended and, per
 * group, the count before and after.
 *
 * @param from the earlier snapshot
 * @param to the later snapshot
 * @param added threads alive in {@code to} but not in {@code from}, by id (at most the
 * configured number)
 * @param addedCount how many threads appeared in all
 * @param ended threads alive in {@code from} but not in {@code to}, by id (likewise bounded)
 * @param endedCount how many threads ended in all
 * @param groups every group present in either snapshot, growth first
 */
public record SnapshotDiff(SnapshotRef from, SnapshotRef to, List<ThreadRef> added, int addedCount,
		List<ThreadRef> ended, int endedCount, List<GroupDelta> groups) {

	/**
	 * Growth first, then by the count after, then by name, so the order is stable.
	 */
	private static final Comparator<GroupDelta> GROWTH_FIRST = Comparator.comparingInt(GroupDelta::delta)
		.reversed()
		.thenComparing(Comparator.comparingInt(GroupDelta::after).reversed())
		.thenComparing(GroupDelta::pool)
		.thenComparing(GroupDelta::state);

	/**
	 * Compares two snapshots.
	 * @param from the earlier snapshot
	 * @param to the later snapshot
	 * @param grouping how to group threads
	 * @param maxThreads how many added and ended threads to list (the counts are always
	 * complete)
	 * @return the diff
	 */
	public static SnapshotDiff between(StoredSnapshot from, ThreadSnapshot to, ThreadGroups grouping, int maxThreads) {
		ThreadSnapshot before = from.snapshot();
		Set<Long> idsBefore = ids(before);
		Set<Long> idsAfter = ids(to);
		List<ThreadRecord> added = missingFrom(to, idsBefore);
		List<ThreadRecord> ended = missingFrom(before, idsAfter);
		Map<GroupKey, ThreadGroupSummary> groupsBefore = byKey(grouping.group(before));
		Map<GroupKey, ThreadGroupSummary> groupsAfter = byKey(grouping.group(to));
		Map<GroupKey, GroupDelta> deltas = new LinkedHashMap<>();
		groupsAfter.forEach((key, group) -> {
			ThreadGroupSummary old = groupsBefore.get(key);
			deltas.put(key, GroupDelta.of(group, (old != null) ? old.count() : 0, group.count()));
		});
		groupsBefore.forEach((key, group) -> deltas.computeIfAbsent(key, (k) -> GroupDelta.of(group, group.count(), 0)));
		List<GroupDelta> groups = new ArrayList<>(deltas.values());
		groups.sort(GROWTH_FIRST);
		return new SnapshotDiff(SnapshotRef.of(from), SnapshotRef.of(null, to), refs(added, maxThreads), added.size(),
				refs(ended, maxThreads), ended.size(), List.copyOf(groups));
	}

	private static Set<Long> ids(ThreadSnapshot snapshot) {
		return snapshot.threads().stream().map(ThreadRecord::id).collect(Collectors.toSet());
	}

	private static List<ThreadRecord> missingFrom(ThreadSnapshot snapshot, Set<Long> otherIds) {
		return snapshot.threads()
			.stream()
			.filter((thread) -> !otherIds.contains(thread.id()))
			.sorted(Comparator.comparingLong(ThreadRecord::id))
			.toList();
	}

	private static Map<GroupKey, ThreadGroupSummary> byKey(List<ThreadGroupSummary> groups) {
		Map<GroupKey, ThreadGroupSummary> byKey = new HashMap<>(groups.size() * 2);
		groups.forEach((group) -> byKey.put(group.key(), group));
		return byKey;
	}

	private static List<ThreadRef> refs(List<ThreadRecord> threads, int max) {
		return threads.stream().limit(max).map(ThreadRef::of).toList();
	}

	/**
	 * Which snapshot one side of a diff is.
	 *
	 * @param id the stored snapshot's id, or {@code null} for a fresh one
	 * @param name its name, or {@code null}
	 * @param takenAt when it was taken
	 * @param threads how many threads it holds
	 */
	public record SnapshotRef(@Nullable String id, @Nullable String name, Instant takenAt, int threads) {

		static SnapshotRef of(StoredSnapshot stored) {
			return new SnapshotRef(stored.id(), stored.name(), stored.snapshot().takenAt(),
					stored.snapshot().threads().size());
		}

		static SnapshotRef of(String name, ThreadSnapshot snapshot) {
			return new SnapshotRef(null, name, snapshot.takenAt(), snapshot.threads().size());
		}

	}

	/**
	 * A thread that appeared or ended.
	 *
	 * @param id its id
	 * @param name its name
	 * @param pool its pool
	 * @param state its state (at the snapshot that saw it)
	 * @param topFrame its top frame, or {@code null}
	 */
	public record ThreadRef(long id, String name, String pool, Thread.State state, @Nullable StackTraceElement topFrame) {

		static ThreadRef of(ThreadRecord thread) {
			return new ThreadRef(thread.id(), thread.name(), thread.pool(), thread.state(), thread.topFrame());
		}

	}

	/**
	 * How one group changed.
	 *
	 * @param pool the pool
	 * @param state the state
	 * @param stack the group's representative stack (from the later snapshot where the group
	 * is in both)
	 * @param stackTruncated whether that stack reached the depth limit
	 * @param before threads in the group in the earlier snapshot
	 * @param after threads in the group in the later snapshot
	 * @param threadIds the ids of the group's threads in the later snapshot, or in the earlier
	 * one for a group that is gone
	 */
	public record GroupDelta(String pool, Thread.State state, List<StackTraceElement> stack, boolean stackTruncated,
			int before, int after, List<Long> threadIds) {

		public GroupDelta(String pool, Thread.State state, List<StackTraceElement> stack, boolean stackTruncated,
				int before, int after) {
			this(pool, state, stack, stackTruncated, before, after, List.of());
		}

		static GroupDelta of(ThreadGroupSummary group, int before, int after) {
			return new GroupDelta(group.pool(), group.state(), group.stack(), group.stackTruncated(), before, after,
					group.threadIds());
		}

		public int delta() {
			return this.after - this.before;
		}

	}

}
