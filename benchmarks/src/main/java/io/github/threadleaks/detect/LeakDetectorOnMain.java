package io.github.threadleaks.detect;

// The detector as it was on main at d39d342 (git show d39d342:core/src/main/java/io/github/threadleaks/detect/LeakDetector.java),
// renamed, with main's FirstSeen nested and its own findings record, so that DetectorCost can
// run today's and the reworked detector side by side in one JVM. Not product code.

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.detect.DetectionResult.PoolCount;
import io.github.threadleaks.snapshot.FrameInterner;
import io.github.threadleaks.snapshot.StackSignature;
import io.github.threadleaks.snapshot.ThreadGroupSummary.GroupKey;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Judges a series of snapshots: which groups keep growing (suspects), which threads made no
 * progress (stuck). Keeps what it needs of earlier samples and nothing more: per group the
 * times its threads ended within the window, per thread its progress markers. Fed one
 * snapshot at a time, in order, by one thread.
 * <p>
 * A group is a <em>suspect</em> when, over the detection window, threads born after the
 * detector started joined it in every third of the window and are still in it, and their
 * number less the group's threads that ended within the window reaches the minimum growth.
 * So a group that grew and then held steady for a window, a one-off burst, and a pool that
 * grows and shrinks are not suspects, and a thread that ended never counts.
 */
public final class LeakDetectorOnMain {

	/** What main's detector returned: stuck threads one by one. */
	public record FindingsOnMain(List<PoolCount> threadsByPool, List<Suspect> suspects, List<StuckThread> stuck) {

	}

	/** Main's FirstSeen, as it was. */
	private static final class FirstSeen {

		private Map<Long, Instant> seen = new HashMap<>();

		Map<Long, Instant> update(ThreadSnapshot snapshot) {
			Map<Long, Instant> next = new HashMap<>(snapshot.threads().size() * 2);
			for (ThreadRecord thread : snapshot.threads()) {
				next.put(thread.id(), this.seen.getOrDefault(thread.id(), snapshot.takenAt()));
			}
			this.seen = next;
			return next;
		}

	}


	/** The window is cut in this many parts, each of which must see new threads. */
	private static final int WINDOW_PARTS = 3;

	/** Frames a busy loop may move through at the top of its stack and still be "the same code". */
	private static final int LEAF_ALLOWANCE = 16;

	private final LeakDetector.Settings settings;

	private final Map<List<StackTraceElement>, StackFacts> stackFacts = new IdentityHashMap<>();

	private Instant firstSampleAt;

	private final FirstSeen firstSeen = new FirstSeen();

	private Map<Long, GroupKey> lastGroupOf = new HashMap<>();

	private final Map<GroupKey, Deque<Instant>> endings = new HashMap<>();

	private final Map<GroupKey, Instant> suspectSince = new HashMap<>();

	private Map<Long, Progress> progress = new HashMap<>();

	private final LongFunction<CreationSite> creationSites;

	public LeakDetectorOnMain(LeakDetector.Settings settings) {
		this(settings, (threadId) -> null);
	}

	/**
	 * @param settings the bounds and rules
	 * @param creationSites where a live thread was started, by id, or {@code null} where that
	 * is not known; suspects carry the site of their newest thread that has one
	 */
	public LeakDetectorOnMain(LeakDetector.Settings settings, LongFunction<CreationSite> creationSites) {
		this.settings = settings;
		this.creationSites = creationSites;
	}

	/**
	 * Judges the next snapshot.
	 * @param snapshot the snapshot, later than the previous one
	 * @return what it found
	 */
	public synchronized FindingsOnMain analyze(ThreadSnapshot snapshot) {
		Instant now = snapshot.takenAt();
		if (this.firstSampleAt == null) {
			this.firstSampleAt = now;
		}
		Map<Long, Instant> born = this.firstSeen.update(snapshot);
		if (this.stackFacts.size() > FrameInterner.MAX_STACKS) {
			this.stackFacts.clear();
		}
		Instant windowStart = now.minus(this.settings.window());
		Map<GroupKey, List<ThreadRecord>> members = new LinkedHashMap<>();
		Map<Long, GroupKey> groupOf = new HashMap<>(snapshot.threads().size() * 2);
		Map<Long, Progress> nextProgress = new HashMap<>();
		List<StuckThread> stuck = new ArrayList<>();
		Map<String, Map<Thread.State, Integer>> byPool = new LinkedHashMap<>();
		for (ThreadRecord thread : snapshot.threads()) {
			byPool.computeIfAbsent(thread.pool(), (pool) -> new EnumMap<>(Thread.State.class))
				.merge(thread.state(), 1, Integer::sum);
			StackFacts facts = facts(thread.stack());
			if (facts.ignored() || this.settings.ignoreRules().ignoresName(thread)) {
				continue;
			}
			GroupKey key = new GroupKey(thread.pool(), thread.state(), facts.signature());
			members.computeIfAbsent(key, (k) -> new ArrayList<>()).add(thread);
			groupOf.put(thread.id(), key);
			StuckThread stuckThread = trackProgress(thread, facts, now, nextProgress);
			if (stuckThread != null) {
				stuck.add(stuckThread);
			}
		}
		recordEndings(groupOf, now, windowStart);
		this.lastGroupOf = groupOf;
		this.progress = nextProgress;
		List<Suspect> suspects = findSuspects(members, born, now, windowStart);
		stuck.sort(Comparator.comparing(StuckThread::stuckFor).reversed().thenComparingLong(StuckThread::id));
		List<PoolCount> pools = new ArrayList<>();
		byPool.forEach((pool, states) -> states.forEach((state, count) -> pools.add(new PoolCount(pool, state, count))));
		return new FindingsOnMain(pools, suspects.subList(0, Math.min(suspects.size(), this.settings.maxSuspects())),
				stuck.subList(0, Math.min(stuck.size(), this.settings.maxStuck())));
	}

	private StackFacts facts(List<StackTraceElement> stack) {
		return this.stackFacts.computeIfAbsent(stack,
				(s) -> new StackFacts(StackSignature.of(s, this.settings.groupingFrames()),
						List.copyOf(head(IdleFrames.fromBlockingFrame(s), this.settings.groupingFrames())),
						this.settings.idleFrames().isIdle(s), this.settings.ignoreRules().ignoresStack(s)));
	}

	/**
	 * A thread seen last sample and missing now has ended (or is newly ignored, which only
	 * makes its old group look smaller): its ending counts against that group's growth.
	 */
	private void recordEndings(Map<Long, GroupKey> groupOf, Instant now, Instant windowStart) {
		this.lastGroupOf.forEach((id, key) -> {
			if (!groupOf.containsKey(id)) {
				this.endings.computeIfAbsent(key, (k) -> new ArrayDeque<>()).add(now);
			}
		});
		Iterator<Deque<Instant>> groups = this.endings.values().iterator();
		while (groups.hasNext()) {
			Deque<Instant> times = groups.next();
			while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
				times.removeFirst();
			}
			if (times.isEmpty()) {
				groups.remove();
			}
		}
	}

	private List<Suspect> findSuspects(Map<GroupKey, List<ThreadRecord>> members, Map<Long, Instant> bornAt,
			Instant now, Instant windowStart) {
		long partNanos = this.settings.window().toNanos() / WINDOW_PARTS;
		List<Suspect> suspects = new ArrayList<>();
		Map<GroupKey, Instant> stillSuspect = new HashMap<>();
		members.forEach((key, threads) -> {
			List<Arrival> arrivals = new ArrayList<>();
			boolean[] partsWithArrivals = new boolean[WINDOW_PARTS];
			for (ThreadRecord thread : threads) {
				Instant born = bornAt.get(thread.id());
				if (born.isAfter(windowStart) && born.isAfter(this.firstSampleAt)) {
					arrivals.add(new Arrival(thread, born));
					long part = Duration.between(windowStart, born).toNanos() / partNanos;
					partsWithArrivals[(int) Math.min(WINDOW_PARTS - 1, part)] = true;
				}
			}
			Deque<Instant> ended = this.endings.get(key);
			int growth = arrivals.size() - ((ended != null) ? ended.size() : 0);
			if (growth < this.settings.minGrowth() || !all(partsWithArrivals)) {
				return;
			}
			arrivals.sort(NEWEST_FIRST);
			Instant earliest = arrivals.get(arrivals.size() - 1).born();
			Instant since = this.suspectSince.getOrDefault(key, earliest);
			stillSuspect.put(key, since);
			double minutes = Math.max(1, Duration.between(earliest, now).toMillis()) / 60_000.0;
			List<String> names = arrivals.stream()
				.limit(this.settings.maxThreadNames())
				.map((arrival) -> arrival.thread().name())
				.toList();
			suspects.add(new Suspect(key.pool(), key.state(), facts(arrivals.get(0).thread().stack()).fromBlockingFrame(),
					threads.size(), growth, Math.round(arrivals.size() / minutes * 10) / 10.0, since, names,
					createdBy(arrivals), false));
		});
		this.suspectSince.clear();
		this.suspectSince.putAll(stillSuspect);
		suspects.sort(Comparator.comparingInt(Suspect::growth).reversed().thenComparing(Suspect::pool));
		return suspects;
	}

	/**
	 * The site of the newest arrival whose site is known; newest because a thread's site is
	 * recorded a moment after it starts and forgotten when it ends, and the newest threads are
	 * the leak in action.
	 */
	private @Nullable CreationSite createdBy(List<Arrival> arrivalsNewestFirst) {
		for (Arrival arrival : arrivalsNewestFirst) {
			CreationSite site = this.creationSites.apply(arrival.thread().id());
			if (site != null) {
				return site;
			}
		}
		return null;
	}

	private StuckThread trackProgress(ThreadRecord thread, StackFacts facts, Instant now, Map<Long, Progress> next) {
		if (facts.idle() || !thread.progressKnown()) {
			return null;
		}
		Progress previous = this.progress.get(thread.id());
		if (previous == null || madeProgress(previous, thread)) {
			next.put(thread.id(), new Progress(thread.stack(), thread.state(), thread.waitTransitions(),
					thread.cpuTimeNanos(), now));
			return null;
		}
		next.put(thread.id(), previous.withCpu(thread.cpuTimeNanos()));
		Duration stuckFor = Duration.between(previous.since(), now);
		if (stuckFor.compareTo(this.settings.stuckThreshold()) < 0) {
			return null;
		}
		return new StuckThread(thread.id(), thread.name(), thread.pool(), thread.state(), facts.fromBlockingFrame(),
				previous.since(), stuckFor, thread.lockName(), thread.lockOwnerName());
	}

	private static boolean madeProgress(Progress previous, ThreadRecord thread) {
		if (thread.state() != previous.state() || thread.waitTransitions() != previous.waitTransitions()) {
			return true;
		}
		if (thread.state() == Thread.State.RUNNABLE && thread.cpuTimeNanos() >= 0 && previous.cpuTimeNanos() >= 0
				&& thread.cpuTimeNanos() <= previous.cpuTimeNanos()) {
			// RUNNABLE without CPU is a thread in native code or I/O, not a busy loop
			return true;
		}
		return !sameCode(previous.reference(), thread.stack());
	}

	/**
	 * Whether two stacks run the same code below their changing top: after dropping up to
	 * {@value #LEAF_ALLOWANCE} leaf frames from each, the rest agree (class and method) over
	 * at least half of the shorter stack.
	 */
	static boolean sameCode(List<StackTraceElement> reference, List<StackTraceElement> current) {
		if (reference == current) {
			return true;
		}
		int shorter = Math.min(reference.size(), current.size());
		if (shorter == 0) {
			return reference.size() == current.size();
		}
		int needed = Math.max(Math.min(2, shorter), (shorter + 1) / 2);
		for (int i = 0; i <= Math.min(LEAF_ALLOWANCE, reference.size() - 1); i++) {
			for (int j = 0; j <= Math.min(LEAF_ALLOWANCE, current.size() - 1); j++) {
				int overlap = Math.min(reference.size() - i, current.size() - j);
				if (overlap >= needed && agree(reference, i, current, j, overlap)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean agree(List<StackTraceElement> a, int from, List<StackTraceElement> b, int bFrom, int length) {
		for (int k = 0; k < length; k++) {
			StackTraceElement x = a.get(from + k);
			StackTraceElement y = b.get(bFrom + k);
			if (x != y && !(x.getMethodName().equals(y.getMethodName()) && x.getClassName().equals(y.getClassName()))) {
				return false;
			}
		}
		return true;
	}

	private static boolean all(boolean[] values) {
		for (boolean value : values) {
			if (!value) {
				return false;
			}
		}
		return true;
	}

	private static List<StackTraceElement> head(List<StackTraceElement> stack, int frames) {
		return stack.subList(0, Math.min(frames, stack.size()));
	}

	private static final Comparator<Arrival> NEWEST_FIRST = Comparator.comparing(Arrival::born)
		.thenComparingLong((arrival) -> arrival.thread().id())
		.reversed();

	/** A thread that joined its group within the window, and when the detector first saw it. */
	private record Arrival(ThreadRecord thread, Instant born) {

	}

	private record StackFacts(StackSignature signature, List<StackTraceElement> fromBlockingFrame, boolean idle,
			boolean ignored) {

	}

	private record Progress(List<StackTraceElement> reference, Thread.State state, long waitTransitions,
			long cpuTimeNanos, Instant since) {

		Progress withCpu(long cpu) {
			return new Progress(this.reference, this.state, this.waitTransitions, cpu, this.since);
		}

	}

}
