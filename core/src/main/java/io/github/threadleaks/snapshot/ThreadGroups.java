package io.github.threadleaks.snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.snapshot.ThreadGroupSummary.GroupKey;

/**
 * Groups the threads of a snapshot by pool, state and top frames.
 */
public final class ThreadGroups {

	private final int frames;

	private final int maxThreadNames;

	/**
	 * @param frames how many top frames make two stacks the same
	 * @param maxThreadNames how many thread names a group keeps as a sample
	 */
	public ThreadGroups(int frames, int maxThreadNames) {
		if (frames < 1) {
			throw new IllegalArgumentException("frames must be at least 1, was " + frames);
		}
		if (maxThreadNames < 0) {
			throw new IllegalArgumentException("maxThreadNames must not be negative, was " + maxThreadNames);
		}
		this.frames = frames;
		this.maxThreadNames = maxThreadNames;
	}

	/**
	 * The groups of a snapshot, most populous first (ties by pool name, then state).
	 * @param snapshot the snapshot
	 * @return every group
	 */
	public List<ThreadGroupSummary> group(ThreadSnapshot snapshot) {
		// stacks are interned by the sampler, so one signature per distinct stack object
		Map<List<StackTraceElement>, StackSignature> signatures = new IdentityHashMap<>();
		Map<GroupKey, List<ThreadRecord>> members = new LinkedHashMap<>();
		for (ThreadRecord thread : snapshot.threads()) {
			StackSignature signature = signatures.computeIfAbsent(thread.stack(),
					(stack) -> StackSignature.of(stack, this.frames));
			GroupKey key = new GroupKey(thread.pool(), thread.state(), signature);
			members.computeIfAbsent(key, (k) -> new ArrayList<>()).add(thread);
		}
		List<ThreadGroupSummary> groups = new ArrayList<>(members.size());
		members.forEach((key, threads) -> groups.add(summarize(key, threads)));
		groups.sort(MOST_POPULOUS_FIRST);
		return groups;
	}

	private ThreadGroupSummary summarize(GroupKey key, List<ThreadRecord> threads) {
		threads.sort(Comparator.comparingLong(ThreadRecord::id));
		ThreadRecord oldest = threads.get(0);
		List<Long> ids = new ArrayList<>(threads.size());
		List<String> names = new ArrayList<>(Math.min(threads.size(), this.maxThreadNames));
		for (ThreadRecord thread : threads) {
			ids.add(thread.id());
			if (names.size() < this.maxThreadNames) {
				names.add(thread.name());
			}
		}
		return new ThreadGroupSummary(key, threads.size(), oldest.stack(), oldest.stackTruncated(), List.copyOf(ids),
				List.copyOf(names));
	}

	static final Comparator<ThreadGroupSummary> MOST_POPULOUS_FIRST = Comparator
		.comparingInt(ThreadGroupSummary::count)
		.reversed()
		.thenComparing(ThreadGroupSummary::pool)
		.thenComparing(ThreadGroupSummary::state);

}
