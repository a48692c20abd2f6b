package io.github.threadleaks.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

import io.github.threadleaks.detect.DetectionResult;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.detect.Suspect;
import io.github.threadleaks.snapshot.SafeText;
import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskOutcome;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The starter's meters. They only read the {@link LeakMonitor}'s published result (updated
 * on the sampler thread as each sample completes): a scrape never walks the threads. Pool
 * tags are bounded: the {@code maxPools} largest pools keep their names, the rest add up
 * under {@code pool="other"}; a pool that disappears stops being reported.
 */
public class ThreadLeaksMeterBinder implements MeterBinder, AutoCloseable {

	/** The pool tag value of the pools past the bound. */
	public static final String OTHER_POOLS = "other";

	private final LeakMonitor monitor;

	private final TaskCounts tasks;

	private final int maxPools;

	private final Clock clock;

	private final List<Consumer<DetectionResult>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * @param monitor publishes the results
	 * @param tasks counts tracked work
	 * @param maxPools how many pools keep their own tag value
	 * @param clock the clock the sample age is measured by
	 */
	public ThreadLeaksMeterBinder(LeakMonitor monitor, TaskCounts tasks, int maxPools, Clock clock) {
		if (maxPools < 1) {
			throw new IllegalArgumentException("maxPools must be at least 1, was " + maxPools);
		}
		this.monitor = monitor;
		this.tasks = tasks;
		this.maxPools = maxPools;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		LiveRows threads = new LiveRows(MultiGauge.builder("threadleaks.threads")
			.description("Live platform threads by pool and state")
			.baseUnit("threads")
			.register(registry));
		LiveRows virtualThreads = new LiveRows(MultiGauge.builder("threadleaks.virtual.threads")
			.description("Live virtual threads by pool and state, as of their latest sample (Java 21+)")
			.baseUnit("threads")
			.register(registry));
		LiveRows suspectThreads = new LiveRows(MultiGauge.builder("threadleaks.suspect.threads")
			.description("Threads in groups that keep growing, by pool")
			.baseUnit("threads")
			.register(registry));
		Gauge.builder("threadleaks.suspects", this, (binder) -> binder.latest(DetectionResult::suspects))
			.description("Groups of threads that keep growing (leak suspects)")
			.register(registry);
		Gauge.builder("threadleaks.stuck.threads", this, (binder) -> binder.latestValue(DetectionResult::stuckThreads))
			.description("Threads that made no progress for the stuck threshold (grouped or counted in a suspect)")
			.baseUnit("threads")
			.register(registry);
		Gauge.builder("threadleaks.deadlocked.threads", this,
				(binder) -> binder.latestValue(DetectionResult::deadlockedThreads))
			.description("Threads in deadlock cycles")
			.baseUnit("threads")
			.register(registry);
		Gauge.builder("threadleaks.last.sample.age", this, ThreadLeaksMeterBinder::lastSampleAgeSeconds)
			.description("Seconds since the last completed sample; rising means the sampler is stale")
			.baseUnit("seconds")
			.register(registry);
		Timer sampleDuration = Timer.builder("threadleaks.sample.duration")
			.description("What each sample and its analysis cost the sampler thread")
			.register(registry);
		Gauge.builder("threadleaks.tasks.active", this.tasks, TaskCounts::active)
			.description("Tracked tasks running now")
			.register(registry);
		for (TaskOutcome outcome : TaskOutcome.values()) {
			FunctionCounter.builder("threadleaks.tasks", this.tasks, (counts) -> counts.count(outcome))
				.description("Tracked tasks that ended, by outcome")
				.tag("outcome", outcome.tagValue())
				.register(registry);
		}
		Consumer<DetectionResult> update = (result) -> {
			threads.update(threadRows(result.threadsByPool()));
			virtualThreads.update((result.virtualThreads() != null)
					? threadRows(result.virtualThreads().threadsByPool()) : Map.of());
			suspectThreads.update(suspectRows(result));
			sampleDuration.record(result.sampleDurationNanos(), TimeUnit.NANOSECONDS);
		};
		DetectionResult latest = this.monitor.latest();
		if (latest != null) {
			update.accept(latest);
		}
		this.monitor.addListener(update);
		this.listeners.add(update);
	}

	@Override
	public void close() throws Exception {
		this.listeners.forEach(this.monitor::removeListener);
		this.listeners.clear();
	}

	private Map<Tags, Integer> threadRows(List<DetectionResult.PoolCount> threadsByPool) {
		Map<String, Integer> countByPool = new LinkedHashMap<>();
		threadsByPool.forEach((count) -> countByPool.merge(count.pool(), count.count(), Integer::sum));
		Set<String> named = largestPools(countByPool);
		Map<String, Map<Thread.State, Integer>> counts = new LinkedHashMap<>();
		for (DetectionResult.PoolCount count : threadsByPool) {
			String pool = named.contains(count.pool()) ? count.pool() : OTHER_POOLS;
			counts.computeIfAbsent(pool, (p) -> new EnumMap<>(Thread.State.class))
				.merge(count.state(), count.count(), Integer::sum);
		}
		Map<Tags, Integer> rows = new LinkedHashMap<>();
		counts.forEach((pool, states) -> states
			.forEach((state, count) -> rows.put(Tags.of("pool", SafeText.neutralize(pool), "state", stateTag(state)),
					count)));
		return rows;
	}

	private Map<Tags, Integer> suspectRows(DetectionResult result) {
		Map<String, Integer> byPool = new LinkedHashMap<>();
		for (Suspect suspect : result.suspects()) {
			byPool.merge(suspect.pool(), suspect.count(), Integer::sum);
		}
		Set<String> named = largestPools(byPool);
		Map<String, Integer> bounded = new LinkedHashMap<>();
		byPool.forEach((pool, count) -> bounded.merge(named.contains(pool) ? pool : OTHER_POOLS, count, Integer::sum));
		Map<Tags, Integer> rows = new LinkedHashMap<>();
		bounded.forEach((pool, count) -> rows.put(Tags.of("pool", SafeText.neutralize(pool)), count));
		return rows;
	}

	private Set<String> largestPools(Map<String, Integer> countByPool) {
		Set<String> named = new HashSet<>();
		countByPool.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.limit(this.maxPools)
			.forEach((entry) -> named.add(entry.getKey()));
		return named;
	}

	/**
	 * Thread states as Micrometer's own thread meters spell them: {@code timed-waiting}.
	 */
	static String stateTag(Thread.State state) {
		return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	private double latest(Function<DetectionResult, List<?>> findings) {
		DetectionResult result = this.monitor.latest();
		return (result != null) ? findings.apply(result).size() : 0;
	}

	private double latestValue(ToIntFunction<DetectionResult> value) {
		DetectionResult result = this.monitor.latest();
		return (result != null) ? value.applyAsInt(result) : 0;
	}

	private double lastSampleAgeSeconds() {
		DetectionResult result = this.monitor.latest();
		Instant since = (result != null) ? result.computedAt() : this.monitor.startedAt();
		if (since == null) {
			return Double.NaN;
		}
		return Duration.between(since, this.clock.instant()).toMillis() / 1000.0;
	}

}
