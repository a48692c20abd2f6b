package io.github.threadleaks.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongFunction;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.detect.DetectionResult.PoolCount;
import io.github.threadleaks.detect.FirstSeen.Sighting;
import io.github.threadleaks.snapshot.FrameInterner;
import io.github.threadleaks.snapshot.StackSignature;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Judges a series of snapshots: which groups keep growing (suspects), which threads made no
 * progress (stuck). Keeps what it needs of earlier samples and nothing more: per live thread
 * when it was first seen and whether it stayed in its group, per group a few counters of
 * endings per horizon bucket, per thread its progress markers. Fed one snapshot at a time,
 * in order, by one thread.
 * <p>
 * <b>Groups.</b> Threads are grouped by pool, state and stack signature, and also by state
 * and stack signature alone (by code), so that threads named after their work
 * ({@code fetch-alice}, {@code job-q7hx}) that fold into no common pool are judged together,
 * as Go groups goroutines by stack alone. A group by code is judged over the pools with that
 * code that are not suspects themselves, where there are several.
 * <p>
 * <b>What grows.</b> Threads blocked in application code are a leak when they pile up: a
 * group's units are its threads that were born after detection started and stayed in it.
 * Idle pool workers (in an {@link IdleFrames idle frame} such as {@code getTask}) are a leak
 * when executors multiply, not when one pool fills up: their units are executors, told apart
 * by what their idle workers wait on (each pool's own queue), and an executor is new when its
 * oldest worker is.
 * <p>
 * <b>The rule</b>, for each horizon (the window and multiples of it, up to a bound), shortest
 * first: the units born within the horizon and still in the group, less the group's units
 * that ended within it, reach the minimum growth; they did not arrive at once (from the
 * first of them to now spans at least two thirds of the window) and are spread over that
 * span: each of its thirds, the latest included, saw new ones. So a leak too slow for the
 * window is named once it has grown by the minimum over a longer horizon, while a group that
 * grew and then held steady, a one-off burst, a pool that grows and shrinks, a pool that
 * fills up however slowly, and threads that ended are not suspects.
 */
public final class LeakDetector {

	/** The span of a group's arrivals is cut in this many parts, each of which must see new ones. */
	private static final int PARTS = 3;

	/** Frames a busy loop may move through at the top of its stack and still be "the same code". */
	private static final int LEAF_ALLOWANCE = 16;

	private static final long NANOS_PER_MINUTE = 60_000_000_000L;

	/** How often the counters of quiet groups are dropped, in samples. */
	private static final int FORGET_EVERY = 32;

	private final Settings settings;

	private final List<Duration> horizons;

	private final long[] horizonNanos;

	private final long longestHorizonNanos;

	/** Arrivals must span at least this: two thirds of the window, as the window rule always asked. */
	private final long minSpanNanos;

	private final Map<List<StackTraceElement>, StackFacts> stackFacts = new IdentityHashMap<>();

	private final Map<StackSignature, StackSignature> signatures = new HashMap<>();

	private boolean started;

	private int samplesSinceForgetting;

	private long firstSampleNanos;

	private final FirstSeen firstSeen = new FirstSeen();

	private final Map<Object, GroupHistory> histories = new HashMap<>();

	private final Map<Object, Instant> suspectSince = new HashMap<>();

	private Map<Long, Progress> progress = new HashMap<>();

	/** The current sample's groups, while it is judged. */
	private Map<PoolKey, Members> currentGroups = Map.of();

	/** What the current sample's idle threads wait on, once asked for. */
	private @Nullable Set<Object> liveExecutors;

	private final LongFunction<@Nullable CreationSite> creationSites;

	public LeakDetector(Settings settings) {
		this(settings, (threadId) -> null);
	}

	/**
	 * @param settings the bounds and rules
	 * @param creationSites where a live thread was started, by id, or {@code null} where that
	 * is not known; suspects carry the site of their newest thread that has one
	 */
	public LeakDetector(Settings settings, LongFunction<@Nullable CreationSite> creationSites) {
		this.settings = settings;
		this.creationSites = creationSites;
		this.horizons = settings.horizons();
		this.horizonNanos = this.horizons.stream().mapToLong(Duration::toNanos).toArray();
		this.longestHorizonNanos = this.horizonNanos[this.horizonNanos.length - 1];
		this.minSpanNanos = settings.window().toNanos() * (PARTS - 1) / PARTS;
	}

	/**
	 * The horizons growth is judged over, shortest first.
	 * @return the horizons
	 */
	public List<Duration> horizons() {
		return this.horizons;
	}

	/**
	 * Judges the next snapshot.
	 * @param snapshot the snapshot, later than the previous one
	 * @return what it found
	 */
	public synchronized Findings analyze(ThreadSnapshot snapshot) {
		Instant now = snapshot.takenAt();
		long nowNanos = nanos(now);
		if (!this.started) {
			this.started = true;
			this.firstSampleNanos = nowNanos;
		}
		if (this.stackFacts.size() > FrameInterner.MAX_STACKS) {
			this.stackFacts.clear();
			this.signatures.clear();
		}
		this.firstSeen.beginSample();
		Map<PoolKey, Members> groups = new LinkedHashMap<>();
		Map<Long, Progress> nextProgress = new HashMap<>();
		List<Stuck> stuck = new ArrayList<>();
		Map<String, Map<Thread.State, Integer>> byPool = new LinkedHashMap<>();
		for (ThreadRecord thread : snapshot.threads()) {
			byPool.computeIfAbsent(thread.pool(), (pool) -> new EnumMap<>(Thread.State.class))
				.merge(thread.state(), 1, Integer::sum);
			Sighting sighting = this.firstSeen.see(thread.id(), nowNanos);
			StackFacts facts = facts(thread.stack());
			if (facts.ignored() || this.settings.ignoreRules().ignoresName(thread)) {
				sighting.isIn(null, null);
				continue;
			}
			CodeKey code = facts.codeKey(thread.state());
			PoolKey key = new PoolKey(thread.pool(), code);
			sighting.isIn(key, code);
			Members members = groups.get(key);
			if (members == null) {
				members = new Members(facts);
				groups.put(key, members);
			}
			members.add(thread, sighting, isNew(sighting, nowNanos));
			StuckThread stuckThread = trackProgress(thread, facts, now, nextProgress);
			if (stuckThread != null) {
				stuck.add(new Stuck(stuckThread, key, code, thread.state() == Thread.State.RUNNABLE
						&& thread.cpuTimeNanos() >= 0));
			}
		}
		this.firstSeen.endSample((ended) -> recordEnding(ended, nowNanos));
		this.progress = nextProgress;
		this.currentGroups = groups;
		this.liveExecutors = null;
		List<Candidate> candidates = findCandidates(groups, nowNanos);
		this.currentGroups = Map.of();
		this.liveExecutors = null;
		forgetQuietHistories(groups, nowNanos);
		Map<Object, Instant> stillSuspect = new HashMap<>();
		for (Candidate candidate : candidates) {
			stillSuspect.put(candidate.key, this.suspectSince.getOrDefault(candidate.key, candidate.earliest()));
		}
		this.suspectSince.clear();
		this.suspectSince.putAll(stillSuspect);
		candidates.sort(Comparator.comparingInt(Candidate::growth)
			.reversed()
			.thenComparing((candidate) -> candidate.byCode)
			.thenComparing((candidate) -> candidate.pool));
		List<Candidate> shown = candidates.subList(0, Math.min(candidates.size(), this.settings.maxSuspects()));
		List<StuckGroup> stuckGroups = groupStuck(stuck, shown);
		List<Suspect> suspects = new ArrayList<>(shown.size());
		for (Candidate candidate : shown) {
			suspects.add(candidate.toSuspect(this.suspectSince.get(candidate.key), this.settings.maxThreadNames(),
					createdBy(candidate.arrivalsNewestFirst())));
		}
		List<PoolCount> pools = new ArrayList<>();
		byPool.forEach((pool, states) -> states.forEach((state, count) -> pools.add(new PoolCount(pool, state, count))));
		return new Findings(pools, suspects, stuckGroups);
	}

	private boolean isNew(Sighting sighting, long nowNanos) {
		return sighting.bornNanos > this.firstSampleNanos && nowNanos - sighting.bornNanos < this.longestHorizonNanos;
	}

	private StackFacts facts(List<StackTraceElement> stack) {
		return this.stackFacts.computeIfAbsent(stack, (s) -> {
			StackSignature signature = StackSignature.of(s, this.settings.groupingFrames());
			return new StackFacts(this.signatures.computeIfAbsent(signature, (same) -> same),
					List.copyOf(head(IdleFrames.fromBlockingFrame(s), this.settings.groupingFrames())),
					this.settings.idleFrames().isIdle(s), this.settings.ignoreRules().ignoresStack(s));
		});
	}

	/**
	 * A thread seen last sample and missing now has ended: its ending counts against its
	 * groups' growth. Idle workers count by executor, whose endings are judged by the
	 * executors that went missing, not by their threads.
	 */
	private void recordEnding(Sighting ended, long nowNanos) {
		Object pool = ended.poolGroup();
		Object code = ended.codeGroup();
		if (code == null || ((CodeKey) code).idle) {
			return;
		}
		history(pool, nowNanos).endings.add(nowNanos, 1);
		history(code, nowNanos).endings.add(nowNanos, 1);
	}

	/** How many groups the detector keeps counters for: what bounds its memory, for tests. */
	int historiesHeld() {
		return this.histories.size();
	}

	private GroupHistory history(Object key, long nowNanos) {
		return this.histories.computeIfAbsent(key, (k) -> new GroupHistory(new EndingCounts(this.horizonNanos, nowNanos)));
	}

	/**
	 * Drops the counters of groups that are gone and have had no ending within the longest
	 * horizon; every {@value #FORGET_EVERY} samples, since it only bounds memory.
	 */
	private void forgetQuietHistories(Map<PoolKey, Members> groups, long nowNanos) {
		if (++this.samplesSinceForgetting < FORGET_EVERY) {
			return;
		}
		this.samplesSinceForgetting = 0;
		Set<Object> live = null;
		Iterator<Map.Entry<Object, GroupHistory>> entries = this.histories.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<Object, GroupHistory> entry = entries.next();
			GroupHistory history = entry.getValue();
			if (groups.containsKey(entry.getKey())) {
				continue;
			}
			if (!history.executors.isEmpty()) {
				// a group of idle workers that is gone is judged by no one else: its executors
				// that are gone too end now, so that it is forgotten once they age out
				if (live == null) {
					live = executorsOf(groups.values());
				}
				if (Collections.disjoint(history.executors, live)) {
					history.endings.add(nowNanos, history.executors.size());
					history.executors = Set.of();
				}
			}
			if (history.executors.isEmpty() && history.endings.isEmpty(nowNanos)) {
				entries.remove();
			}
		}
	}

	private List<Candidate> findCandidates(Map<PoolKey, Members> groups, long nowNanos) {
		List<Candidate> candidates = new ArrayList<>();
		Map<CodeKey, Members> firstByCode = new HashMap<>();
		Map<CodeKey, List<Members>> byCode = new LinkedHashMap<>();
		groups.forEach((key, members) -> {
			Candidate candidate = judge(key, key.code, key.pool, List.of(members), false, nowNanos);
			if (candidate != null) {
				candidates.add(candidate);
				return;
			}
			// a group named by pool is not named again by code; a list only where a code has several pools
			Members first = firstByCode.putIfAbsent(key.code, members);
			if (first != null) {
				byCode.computeIfAbsent(key.code, (code) -> new ArrayList<>(List.of(first))).add(members);
			}
		});
		byCode.forEach((code, pools) -> {
			Candidate candidate = judge(code, code, null, pools, true, nowNanos);
			if (candidate != null) {
				candidates.add(candidate);
			}
		});
		return candidates;
	}

	/**
	 * Applies the rule to one group (by pool: one {@link Members}; by code: those of every pool
	 * with that code).
	 */
	private @Nullable Candidate judge(Object key, CodeKey code, @Nullable String pool, List<Members> groups,
			boolean byCode, long nowNanos) {
		// a bound counted while grouping: no horizon holds more new units than the group has new
		// threads, and none fewer endings than the window
		int bound = 0;
		for (Members members : groups) {
			bound += code.idle ? members.newThreads : (byCode ? members.newStayedInCode : members.newStayedInPool);
		}
		if (bound == 0 || (!code.idle && bound < this.settings.minGrowth())) {
			// the common case, decided without a look-up: nothing new, or too little to grow
			GroupHistory quiet = code.idle ? this.histories.get(key) : null;
			if (quiet == null || quiet.executors.isEmpty()) {
				return null;
			}
		}
		GroupHistory history = this.histories.get(key);
		// new executors are followed from their first sighting, so that their endings are counted
		boolean newExecutorsToFollow = code.idle && (bound > 0 || (history != null && !history.executors.isEmpty()));
		boolean mayGrow = bound - ((history != null) ? history.endings.within(0, nowNanos) : 0) >= this.settings
			.minGrowth();
		if (!mayGrow && !newExecutorsToFollow) {
			return null;
		}
		List<Arrival> arrivals = code.idle ? newExecutors(key, groups, nowNanos) : newThreads(groups, byCode, nowNanos);
		if (!mayGrow || arrivals.size() < this.settings.minGrowth() || (byCode && mostlyOnePool(arrivals))) {
			return null;
		}
		arrivals.sort(OLDEST_FIRST);
		history = this.histories.get(key);
		for (int h = 0; h < this.horizonNanos.length; h++) {
			int from = firstWithin(arrivals, nowNanos - this.horizonNanos[h]);
			int units = arrivals.size() - from;
			if (units < this.settings.minGrowth()) {
				continue;
			}
			int growth = units - ((history != null) ? history.endings.within(h, nowNanos) : 0);
			long earliest = arrivals.get(from).bornNanos();
			long span = nowNanos - earliest;
			if (growth < this.settings.minGrowth() || span < this.minSpanNanos
					|| !spread(arrivals, from, earliest, span)) {
				continue;
			}
			List<Arrival> counted = arrivals.subList(from, arrivals.size());
			long arrivalSpan = counted.get(counted.size() - 1).bornNanos() - earliest;
			double ratePerMinute = (counted.size() - 1) / ((double) arrivalSpan / NANOS_PER_MINUTE);
			return new Candidate(key, byCode, pool, code, groups, List.copyOf(counted), this.horizons.get(h), growth,
					Math.round(ratePerMinute * 100) / 100.0);
		}
		return null;
	}

	/** Threads born after detection started, within the longest horizon, that stayed in the group. */
	private List<Arrival> newThreads(List<Members> groups, boolean byCode, long nowNanos) {
		List<Arrival> arrivals = new ArrayList<>();
		for (Members members : groups) {
			for (int i = 0; i < members.threads.size(); i++) {
				Sighting sighting = members.sightings.get(i);
				if ((byCode ? sighting.stayedInCode() : sighting.stayedInPool()) && isNew(sighting, nowNanos)) {
					arrivals.add(new Arrival(members.threads.get(i), sighting.bornNanos));
				}
			}
		}
		return arrivals;
	}

	/**
	 * Executors whose idle workers wait in the group, told apart by what they wait on (each
	 * pool's own queue; a worker waiting on nothing the JVM names is its own executor), each
	 * born when its oldest worker was. New ones are those born after detection started; those
	 * that were new last sample and are gone now have ended.
	 */
	private List<Arrival> newExecutors(Object key, List<Members> groups, long nowNanos) {
		Map<Object, Arrival> oldestByExecutor = new HashMap<>();
		for (Members members : groups) {
			for (int i = 0; i < members.threads.size(); i++) {
				ThreadRecord thread = members.threads.get(i);
				Object executor = executorOf(thread);
				long born = members.sightings.get(i).bornNanos;
				Arrival oldest = oldestByExecutor.get(executor);
				if (oldest == null || born < oldest.bornNanos()) {
					oldestByExecutor.put(executor, new Arrival(thread, born));
				}
			}
		}
		List<Arrival> arrivals = new ArrayList<>();
		Set<Object> current = new HashSet<>();
		oldestByExecutor.forEach((executor, oldest) -> {
			if (oldest.bornNanos() > this.firstSampleNanos && nowNanos - oldest.bornNanos() < this.longestHorizonNanos) {
				arrivals.add(oldest);
				current.add(executor);
			}
		});
		GroupHistory history = this.histories.get(key);
		if (history == null && current.isEmpty()) {
			return arrivals;
		}
		if (history == null) {
			history = history(key, nowNanos);
		}
		int ended = 0;
		for (Object executor : history.executors) {
			if (!oldestByExecutor.containsKey(executor) && !liveExecutors().contains(executor)) {
				ended++;
			}
		}
		if (ended > 0) {
			history.endings.add(nowNanos, ended);
		}
		history.executors = current;
		return arrivals;
	}

	/**
	 * Whether one pool holds half the arrivals or more: then the growth is that pool's, and
	 * the rule by pool names it; grouping by code is for names that fold into no pool.
	 */
	private static boolean mostlyOnePool(List<Arrival> arrivals) {
		Map<String, Integer> byPool = new HashMap<>();
		for (Arrival arrival : arrivals) {
			if (byPool.merge(arrival.thread().pool(), 1, Integer::sum) * 2 >= arrivals.size()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * What every idle thread of this sample waits on, made once a sample and only when asked:
	 * an executor has ended when none of its workers is left anywhere, not when they moved to
	 * another group (from WAITING to TIMED_WAITING, or into a group that is a suspect).
	 */
	private Set<Object> liveExecutors() {
		Set<Object> live = this.liveExecutors;
		if (live == null) {
			live = executorsOf(this.currentGroups.values());
			this.liveExecutors = live;
		}
		return live;
	}

	private static Set<Object> executorsOf(Collection<Members> groups) {
		Set<Object> live = new HashSet<>();
		for (Members members : groups) {
			if (members.facts.idle()) {
				for (ThreadRecord thread : members.threads) {
					live.add(executorOf(thread));
				}
			}
		}
		return live;
	}

	private static Object executorOf(ThreadRecord thread) {
		return (thread.lockName() != null) ? thread.lockName() : thread.id();
	}

	private static int firstWithin(List<Arrival> oldestFirst, long fromNanos) {
		int low = 0;
		int high = oldestFirst.size();
		while (low < high) {
			int middle = (low + high) >>> 1;
			if (oldestFirst.get(middle).bornNanos() > fromNanos) {
				high = middle;
			}
			else {
				low = middle + 1;
			}
		}
		return low;
	}

	/** Whether every third of the span from the earliest arrival to now saw arrivals. */
	private static boolean spread(List<Arrival> oldestFirst, int from, long earliest, long span) {
		boolean[] parts = new boolean[PARTS];
		for (int i = from; i < oldestFirst.size(); i++) {
			long part = (oldestFirst.get(i).bornNanos() - earliest) * PARTS / span;
			parts[(int) Math.min(PARTS - 1, part)] = true;
		}
		for (boolean seen : parts) {
			if (!seen) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Stuck threads grouped by pool, state and code, and threads alone in their pool (named
	 * after their work) by state and code; those in a suspect are counted there instead. Busy loops first, then blocked threads, then waiting ones; longest stuck first
	 * within each.
	 */
	private List<StuckGroup> groupStuck(List<Stuck> stuck, List<Candidate> suspects) {
		Map<Object, Candidate> suspectByKey = new HashMap<>();
		suspects.forEach((suspect) -> suspectByKey.put(suspect.key, suspect));
		Map<PoolKey, List<StuckThread>> groups = new LinkedHashMap<>();
		Map<PoolKey, Boolean> cpuRising = new HashMap<>();
		for (Stuck thread : stuck) {
			Candidate suspect = suspectByKey.get(thread.pool());
			if (suspect == null) {
				suspect = suspectByKey.get(thread.code());
			}
			if (suspect != null) {
				suspect.stuck++;
				continue;
			}
			groups.computeIfAbsent(thread.pool(), (key) -> new ArrayList<>()).add(thread.thread());
			cpuRising.merge(thread.pool(), thread.cpuRising(), Boolean::logicalOr);
		}
		// threads named after their work are groups of one: those in the same code are one group
		Map<CodeKey, List<PoolKey>> loneByCode = new LinkedHashMap<>();
		groups.forEach((key, threads) -> {
			if (threads.size() == 1) {
				loneByCode.computeIfAbsent(key.code, (code) -> new ArrayList<>()).add(key);
			}
		});
		Map<Object, List<StuckThread>> merged = new LinkedHashMap<>(groups);
		Map<Object, Boolean> mergedCpu = new HashMap<>(cpuRising);
		loneByCode.forEach((code, keys) -> {
			if (keys.size() > 1) {
				List<StuckThread> together = new ArrayList<>();
				for (PoolKey key : keys) {
					together.addAll(merged.remove(key));
					mergedCpu.merge(code, cpuRising.get(key), Boolean::logicalOr);
				}
				merged.put(code, together);
			}
		});
		List<StuckGroup> result = new ArrayList<>(merged.size());
		merged.forEach((key, threads) -> {
			threads.sort(LONGEST_STUCK_FIRST);
			StuckThread longest = threads.get(0);
			String pool = (key instanceof CodeKey) ? commonPrefix(threads.stream().map(StuckThread::name).toList())
					: longest.pool();
			result.add(new StuckGroup(pool, longest.state(), longest.stack(), threads.size(), longest.since(),
					longest.stuckFor(), mergedCpu.get(key),
					threads.stream().limit(this.settings.maxThreadNames()).map(StuckThread::name).toList(),
					threads.stream().map(StuckThread::id).toList(), longest.lockName(), longest.lockOwnerName()));
		});
		result.sort(Comparator.comparingInt(StuckGroup::rank)
			.thenComparing(StuckGroup::stuckFor, Comparator.reverseOrder())
			.thenComparing(StuckGroup::count, Comparator.reverseOrder())
			.thenComparing(StuckGroup::pool));
		return result.subList(0, Math.min(result.size(), this.settings.maxStuck()));
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

	private @Nullable StuckThread trackProgress(ThreadRecord thread, StackFacts facts, Instant now,
			Map<Long, Progress> next) {
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

	private static List<StackTraceElement> head(List<StackTraceElement> stack, int frames) {
		return stack.subList(0, Math.min(frames, stack.size()));
	}

	private static long nanos(Instant instant) {
		return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
	}

	private static Instant instant(long nanos) {
		return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
	}

	/**
	 * The longest beginning all names share, followed by {@code *}: {@code fetch-*}, or
	 * {@code *} alone.
	 */
	static String commonPrefix(Iterable<String> names) {
		String prefix = null;
		for (String name : names) {
			if (prefix == null) {
				prefix = name;
				continue;
			}
			int length = 0;
			int limit = Math.min(prefix.length(), name.length());
			while (length < limit && prefix.charAt(length) == name.charAt(length)) {
				length++;
			}
			prefix = prefix.substring(0, length);
		}
		return ((prefix != null) ? prefix : "") + "*";
	}

	private static final Comparator<Arrival> OLDEST_FIRST = Comparator.comparingLong(Arrival::bornNanos)
		.thenComparingLong((arrival) -> arrival.thread().id());

	private static final Comparator<StuckThread> LONGEST_STUCK_FIRST = Comparator
		.comparing(StuckThread::stuckFor, Comparator.reverseOrder())
		.thenComparingLong(StuckThread::id);

	/** A thread (or, for idle workers, an executor's oldest thread) that joined its group, and when it was first seen. */
	private record Arrival(ThreadRecord thread, long bornNanos) {

	}

	/** A stuck thread with the groups it is in. */
	private record Stuck(StuckThread thread, PoolKey pool, CodeKey code, boolean cpuRising) {

	}

	/** A group's threads this sample, with their sightings. */
	private static final class Members {

		final StackFacts facts;

		final List<ThreadRecord> threads = new ArrayList<>();

		final List<Sighting> sightings = new ArrayList<>();

		int newThreads;

		int newStayedInPool;

		int newStayedInCode;

		Members(StackFacts facts) {
			this.facts = facts;
		}

		/** Adds a thread whose sighting already says where it is this sample. */
		void add(ThreadRecord thread, Sighting sighting, boolean isNew) {
			this.threads.add(thread);
			this.sightings.add(sighting);
			if (isNew) {
				this.newThreads++;
				this.newStayedInPool += sighting.stayedInPool() ? 1 : 0;
				this.newStayedInCode += sighting.stayedInCode() ? 1 : 0;
			}
		}

	}

	/** What a group keeps between samples: endings per horizon bucket, and its new executors (idle groups). */
	private static final class GroupHistory {

		final EndingCounts endings;

		Set<Object> executors = Set.of();

		GroupHistory(EndingCounts endings) {
			this.endings = endings;
		}

	}

	/** A group that meets the rule, before it becomes a {@link Suspect}. */
	private static final class Candidate {

		final Object key;

		final boolean byCode;

		final String pool;

		final CodeKey code;

		final List<Members> groups;

		final List<Arrival> arrivals;

		final Duration horizon;

		final int growth;

		final double ratePerMinute;

		int stuck;

		Candidate(Object key, boolean byCode, @Nullable String pool, CodeKey code, List<Members> groups,
				List<Arrival> arrivals, Duration horizon, int growth, double ratePerMinute) {
			this.key = key;
			this.byCode = byCode;
			this.code = code;
			this.groups = groups;
			this.arrivals = arrivals;
			this.horizon = horizon;
			this.growth = growth;
			this.ratePerMinute = ratePerMinute;
			this.pool = (pool != null) ? pool : commonPrefix(names());
		}

		int growth() {
			return this.growth;
		}

		Instant earliest() {
			return instant(this.arrivals.get(0).bornNanos());
		}

		List<Arrival> arrivalsNewestFirst() {
			List<Arrival> newestFirst = new ArrayList<>(this.arrivals);
			java.util.Collections.reverse(newestFirst);
			return newestFirst;
		}

		private Iterable<String> names() {
			List<String> names = new ArrayList<>();
			this.groups.forEach((members) -> members.threads.forEach((thread) -> names.add(thread.name())));
			return names;
		}

		Suspect toSuspect(Instant since, int maxThreadNames, @Nullable CreationSite createdBy) {
			int count = 0;
			Set<String> distinct = new TreeSet<>();
			for (Members members : this.groups) {
				count += members.threads.size();
				members.threads.forEach((thread) -> distinct.add(thread.name()));
			}
			List<String> newest = arrivalsNewestFirst().stream()
				.limit(maxThreadNames)
				.map((arrival) -> arrival.thread().name())
				.toList();
			return new Suspect(this.pool, this.code.state, this.groups.get(0).facts.fromBlockingFrame(), count,
					this.growth, this.ratePerMinute, since, newest, createdBy, false, this.horizon,
					this.byCode ? Suspect.GroupedBy.CODE : Suspect.GroupedBy.POOL, distinct.size(), this.stuck);
		}

	}

	/** State and stack signature (and whether that is an idle place): a group by code. */
	private static final class CodeKey {

		final Thread.State state;

		final StackSignature signature;

		final boolean idle;

		private final int hash;

		CodeKey(Thread.State state, StackSignature signature, boolean idle) {
			this.state = state;
			this.signature = signature;
			this.idle = idle;
			this.hash = (31 * state.hashCode() + signature.hashCode()) * 2 + (idle ? 1 : 0);
		}

		@Override
		public boolean equals(Object other) {
			return this == other || (other instanceof CodeKey that && this.hash == that.hash && this.state == that.state
					&& this.idle == that.idle && this.signature.equals(that.signature));
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

	/** Pool, state and stack signature: a group by pool. */
	private static final class PoolKey {

		final String pool;

		final CodeKey code;

		private final int hash;

		PoolKey(String pool, CodeKey code) {
			this.pool = pool;
			this.code = code;
			this.hash = 31 * pool.hashCode() + code.hash;
		}

		@Override
		public boolean equals(Object other) {
			return this == other || (other instanceof PoolKey that && this.hash == that.hash
					&& this.pool.equals(that.pool) && this.code.equals(that.code));
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

	private static final class StackFacts {

		private final StackSignature signature;

		private final List<StackTraceElement> fromBlockingFrame;

		private final boolean idle;

		private final boolean ignored;

		private final CodeKey[] codeKeys = new CodeKey[Thread.State.values().length];

		StackFacts(StackSignature signature, List<StackTraceElement> fromBlockingFrame, boolean idle, boolean ignored) {
			this.signature = signature;
			this.fromBlockingFrame = fromBlockingFrame;
			this.idle = idle;
			this.ignored = ignored;
		}

		List<StackTraceElement> fromBlockingFrame() {
			return this.fromBlockingFrame;
		}

		boolean idle() {
			return this.idle;
		}

		boolean ignored() {
			return this.ignored;
		}

		CodeKey codeKey(Thread.State state) {
			CodeKey key = this.codeKeys[state.ordinal()];
			if (key == null) {
				key = new CodeKey(state, this.signature, this.idle);
				this.codeKeys[state.ordinal()] = key;
			}
			return key;
		}

	}

	private record Progress(List<StackTraceElement> reference, Thread.State state, long waitTransitions,
			long cpuTimeNanos, Instant since) {

		Progress withCpu(long cpu) {
			return new Progress(this.reference, this.state, this.waitTransitions, cpu, this.since);
		}

	}

	/**
	 * The detector's bounds and rules.
	 *
	 * @param window how far back growth is judged first
	 * @param minGrowth the least growth that makes a suspect
	 * @param stuckThreshold how long without progress makes a thread stuck
	 * @param groupingFrames top frames that make two threads' stacks the same
	 * @param maxThreadNames thread names a suspect or stuck group lists
	 * @param maxSuspects suspects a result lists
	 * @param maxStuck stuck groups a result lists
	 * @param ignoreRules threads left out
	 * @param idleFrames where waiting is normal
	 * @param horizonMultiples the horizons growth is judged over, as multiples of the window
	 * @param maxHorizon the longest horizon: longer multiples are cut to it
	 */
	public record Settings(Duration window, int minGrowth, Duration stuckThreshold, int groupingFrames,
			int maxThreadNames, int maxSuspects, int maxStuck, IgnoreRules ignoreRules, IdleFrames idleFrames,
			List<Integer> horizonMultiples, Duration maxHorizon) {

		/** The default horizons: the window, and 4, 16 and 64 times it. */
		public static final List<Integer> DEFAULT_HORIZON_MULTIPLES = List.of(1, 4, 16, 64);

		/** The default bound of the horizons: a day. */
		public static final Duration DEFAULT_MAX_HORIZON = Duration.ofHours(24);

		public Settings {
			if (window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException("window must be positive, was " + window);
			}
			if (minGrowth < 1) {
				throw new IllegalArgumentException("minGrowth must be at least 1, was " + minGrowth);
			}
			horizonMultiples = List.copyOf(horizonMultiples);
			if (horizonMultiples.isEmpty()) {
				throw new IllegalArgumentException("horizonMultiples must not be empty");
			}
			for (int multiple : horizonMultiples) {
				if (multiple < 1) {
					throw new IllegalArgumentException("horizonMultiples must be at least 1 each, were " + horizonMultiples);
				}
			}
			if (maxHorizon.compareTo(window) < 0) {
				throw new IllegalArgumentException("maxHorizon must be at least the window (" + window + "), was "
						+ maxHorizon);
			}
		}

		/**
		 * Settings with the default horizons.
		 * @param window how far back growth is judged first
		 * @param minGrowth the least growth that makes a suspect
		 * @param stuckThreshold how long without progress makes a thread stuck
		 * @param groupingFrames top frames that make two threads' stacks the same
		 * @param maxThreadNames thread names a suspect or stuck group lists
		 * @param maxSuspects suspects a result lists
		 * @param maxStuck stuck groups a result lists
		 * @param ignoreRules threads left out
		 * @param idleFrames where waiting is normal
		 */
		public Settings(Duration window, int minGrowth, Duration stuckThreshold, int groupingFrames,
				int maxThreadNames, int maxSuspects, int maxStuck, IgnoreRules ignoreRules, IdleFrames idleFrames) {
			this(window, minGrowth, stuckThreshold, groupingFrames, maxThreadNames, maxSuspects, maxStuck, ignoreRules,
					idleFrames, DEFAULT_HORIZON_MULTIPLES, DEFAULT_MAX_HORIZON);
		}

		/**
		 * The starter's defaults: a 5 minute window judged also over 20, 80 and 320 minutes,
		 * growth of 10, stuck after 10 minutes, 10 grouping frames and thread names, 20
		 * suspects, 50 stuck groups, the default ignore rules and idle frames.
		 * @return the defaults
		 */
		public static Settings defaults() {
			return new Settings(Duration.ofMinutes(5), 10, Duration.ofMinutes(10), 10, 10, 20, 50,
					IgnoreRules.withDefaults(List.of(), List.of()), new IdleFrames(List.of()));
		}

		/**
		 * The horizons growth is judged over: the window times each multiple, cut to the
		 * longest horizon, without repeats, shortest first.
		 * @return the horizons
		 */
		public List<Duration> horizons() {
			return this.horizonMultiples.stream()
				.map((multiple) -> {
					Duration horizon = this.window.multipliedBy(multiple);
					return (horizon.compareTo(this.maxHorizon) > 0) ? this.maxHorizon : horizon;
				})
				.distinct()
				.sorted()
				.toList();
		}

		public Settings withWindow(Duration window) {
			return new Settings(window, this.minGrowth, this.stuckThreshold, this.groupingFrames, this.maxThreadNames,
					this.maxSuspects, this.maxStuck, this.ignoreRules, this.idleFrames, this.horizonMultiples,
					this.maxHorizon);
		}

		public Settings withMinGrowth(int minGrowth) {
			return new Settings(this.window, minGrowth, this.stuckThreshold, this.groupingFrames, this.maxThreadNames,
					this.maxSuspects, this.maxStuck, this.ignoreRules, this.idleFrames, this.horizonMultiples,
					this.maxHorizon);
		}

		public Settings withStuckThreshold(Duration stuckThreshold) {
			return new Settings(this.window, this.minGrowth, stuckThreshold, this.groupingFrames, this.maxThreadNames,
					this.maxSuspects, this.maxStuck, this.ignoreRules, this.idleFrames, this.horizonMultiples,
					this.maxHorizon);
		}

		public Settings withGroupingFrames(int groupingFrames) {
			return new Settings(this.window, this.minGrowth, this.stuckThreshold, groupingFrames, this.maxThreadNames,
					this.maxSuspects, this.maxStuck, this.ignoreRules, this.idleFrames, this.horizonMultiples,
					this.maxHorizon);
		}

		public Settings withMaxThreadNames(int maxThreadNames) {
			return new Settings(this.window, this.minGrowth, this.stuckThreshold, this.groupingFrames, maxThreadNames,
					this.maxSuspects, this.maxStuck, this.ignoreRules, this.idleFrames, this.horizonMultiples,
					this.maxHorizon);
		}

		public Settings withMaxSuspects(int maxSuspects) {
			return new Settings(this.window, this.minGrowth, this.stuckThreshold, this.groupingFrames,
					this.maxThreadNames, maxSuspects, this.maxStuck, this.ignoreRules, this.idleFrames,
					this.horizonMultiples, this.maxHorizon);
		}

		public Settings withMaxStuck(int maxStuck) {
			return new Settings(this.window, this.minGrowth, this.stuckThreshold, this.groupingFrames,
					this.maxThreadNames, this.maxSuspects, maxStuck, this.ignoreRules, this.idleFrames,
					this.horizonMultiples, this.maxHorizon);
		}

		public Settings withIgnoreRules(IgnoreRules ignoreRules) {
			return new Settings(this.window, this.minGrowth, this.stuckThreshold, this.groupingFrames,
					this.maxThreadNames, this.maxSuspects, this.maxStuck, ignoreRules, this.idleFrames,
					this.horizonMultiples, this.maxHorizon);
		}

		public Settings withIdleFrames(IdleFrames idleFrames) {
			return new Settings(this.window, this.minGrowth, this.stuckThreshold, this.groupingFrames,
					this.maxThreadNames, this.maxSuspects, this.maxStuck, this.ignoreRules, idleFrames,
					this.horizonMultiples, this.maxHorizon);
		}

		/**
		 * The same settings with other horizons.
		 * @param horizonMultiples the horizons as multiples of the window
		 * @param maxHorizon the longest horizon
		 * @return the copy
		 */
		public Settings withHorizons(List<Integer> horizonMultiples, Duration maxHorizon) {
			return new Settings(this.window, this.minGrowth, this.stuckThreshold, this.groupingFrames,
					this.maxThreadNames, this.maxSuspects, this.maxStuck, this.ignoreRules, this.idleFrames,
					horizonMultiples, maxHorizon);
		}

	}

}
