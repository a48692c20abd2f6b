package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of threadleaks, under {@code threadleaks.*}. Every bound the starter keeps
 * is here, with a default that suits a production service.
 */
@ConfigurationProperties("threadleaks")
public class ThreadLeaksProperties {

	/**
	 * Whether threadleaks is on. When off, nothing samples, detects, tracks or answers on
	 * the endpoint, but beans that configuration may name stay so the application starts
	 * unchanged.
	 */
	private boolean enabled = true;

	private final Sampling sampling = new Sampling();

	private final Grouping grouping = new Grouping();

	private final Snapshots snapshots = new Snapshots();

	private final Endpoint endpoint = new Endpoint();

	private final Detection detection = new Detection();

	private final Health health = new Health();

	private final Metrics metrics = new Metrics();

	private final Tasks tasks = new Tasks();

	private final Shutdown shutdown = new Shutdown();

	private final CreationSitesProperties creationSites = new CreationSitesProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Sampling getSampling() {
		return this.sampling;
	}

	public Grouping getGrouping() {
		return this.grouping;
	}

	public Snapshots getSnapshots() {
		return this.snapshots;
	}

	public Endpoint getEndpoint() {
		return this.endpoint;
	}

	public Detection getDetection() {
		return this.detection;
	}

	public Health getHealth() {
		return this.health;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Tasks getTasks() {
		return this.tasks;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public CreationSitesProperties getCreationSites() {
		return this.creationSites;
	}

	/**
	 * Whether virtual threads are sampled.
	 */
	public enum VirtualThreadsMode {

		/** Where the JVM can (Java 21+ with Jackson on the class path). */
		AUTO,

		/** Always; where the JVM cannot, one warning says why. */
		ON,

		/** Never. */
		OFF

	}

	public static class Sampling {

		/**
		 * How many frames of each thread's stack a snapshot keeps. Deeper stacks are cut and
		 * marked as cut.
		 */
		private int maxStackDepth = 32;

		/**
		 * How often the sampler thread takes a snapshot and runs leak detection.
		 */
		private Duration interval = Duration.ofSeconds(10);

		/**
		 * Whether to sample virtual threads (Java 21+), through the JVM's JSON thread dump:
		 * auto samples them where the JVM can, on likewise but warns once where it cannot, off never does.
		 */
		private VirtualThreadsMode virtualThreads = VirtualThreadsMode.AUTO;

		/**
		 * The least time between two samples of virtual threads. It stretches on its own when
		 * a sample takes more than 5% of it (100,000 virtual threads take seconds to dump).
		 */
		private Duration virtualThreadsInterval = Duration.ofSeconds(30);

		/**
		 * How many virtual threads each sample groups and judges; past it they are only
		 * counted.
		 */
		private int maxVirtualThreads = 100_000;

		public VirtualThreadsMode getVirtualThreads() {
			return this.virtualThreads;
		}

		public void setVirtualThreads(VirtualThreadsMode virtualThreads) {
			this.virtualThreads = virtualThreads;
		}

		public Duration getVirtualThreadsInterval() {
			return this.virtualThreadsInterval;
		}

		public void setVirtualThreadsInterval(Duration virtualThreadsInterval) {
			this.virtualThreadsInterval = PropertyBounds.positive(virtualThreadsInterval, "threadleaks.sampling.virtual-threads-interval");
		}

		public int getMaxVirtualThreads() {
			return this.maxVirtualThreads;
		}

		public void setMaxVirtualThreads(int maxVirtualThreads) {
			this.maxVirtualThreads = PropertyBounds.atLeast(1, maxVirtualThreads, "threadleaks.sampling.max-virtual-threads");
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = PropertyBounds.positive(interval, "threadleaks.sampling.interval");
		}

		public int getMaxStackDepth() {
			return this.maxStackDepth;
		}

		public void setMaxStackDepth(int maxStackDepth) {
			this.maxStackDepth = PropertyBounds.atLeast(1, maxStackDepth, "threadleaks.sampling.max-stack-depth");
		}

	}

	public static class Grouping {

		/**
		 * How many top frames (class and method, not line) two threads must share, besides
		 * pool and state, to be in one group.
		 */
		private int frames = 10;

		/**
		 * How many thread names each group lists as a sample.
		 */
		private int maxThreadNames = 10;

		public int getFrames() {
			return this.frames;
		}

		public void setFrames(int frames) {
			this.frames = PropertyBounds.atLeast(1, frames, "threadleaks.grouping.frames");
		}

		public int getMaxThreadNames() {
			return this.maxThreadNames;
		}

		public void setMaxThreadNames(int maxThreadNames) {
			this.maxThreadNames = PropertyBounds.atLeast(1, maxThreadNames, "threadleaks.grouping.max-thread-names");
		}

	}

	public static class Snapshots {

		/**
		 * How many snapshots are kept for diffing; storing one more evicts the oldest.
		 */
		private int max = 16;

		/**
		 * The longest snapshot name accepted, in characters.
		 */
		private int maxNameLength = 100;

		public int getMax() {
			return this.max;
		}

		public void setMax(int max) {
			this.max = PropertyBounds.atLeast(1, max, "threadleaks.snapshots.max");
		}

		public int getMaxNameLength() {
			return this.maxNameLength;
		}

		public void setMaxNameLength(int maxNameLength) {
			this.maxNameLength = PropertyBounds.atLeast(1, maxNameLength, "threadleaks.snapshots.max-name-length");
		}

	}

	public static class Endpoint {

		/**
		 * How many groups a report or a diff lists, most populous (or most grown) first.
		 */
		private int maxGroups = 50;

		/**
		 * The least time between two thread dumps taken for the endpoint, at most 1 minute: a
		 * report asked for in between gets the last dump again; a snapshot or a diff, which
		 * must show the threads as they are when it is asked for, waits for the next dump.
		 */
		private Duration minDumpInterval = Duration.ofSeconds(1);

		/**
		 * How many appeared and ended threads a diff lists (the counts are always complete).
		 */
		private int maxDiffThreads = 100;

		public int getMaxGroups() {
			return this.maxGroups;
		}

		public void setMaxGroups(int maxGroups) {
			this.maxGroups = PropertyBounds.atLeast(1, maxGroups, "threadleaks.endpoint.max-groups");
		}

		public Duration getMinDumpInterval() {
			return this.minDumpInterval;
		}

		public void setMinDumpInterval(Duration minDumpInterval) {
			this.minDumpInterval = PropertyBounds.atMost(Duration.ofMinutes(1),
					PropertyBounds.notNegative(minDumpInterval, "threadleaks.endpoint.min-dump-interval"),
					"threadleaks.endpoint.min-dump-interval");
		}

		public int getMaxDiffThreads() {
			return this.maxDiffThreads;
		}

		public void setMaxDiffThreads(int maxDiffThreads) {
			this.maxDiffThreads = PropertyBounds.atLeast(0, maxDiffThreads, "threadleaks.endpoint.max-diff-threads");
		}

	}

	public static class Detection {

		/**
		 * How far back growth is judged: a group is a suspect when new threads joined it in
		 * every third of this window and stayed.
		 */
		private Duration window = Duration.ofMinutes(5);

		/**
		 * The least growth over the window (threads that joined and stayed, less threads of
		 * the group that ended) that makes a group a suspect.
		 */
		private int minGrowth = 10;

		/**
		 * How long a thread must make no progress (same code, no new wait, CPU still rising
		 * when RUNNABLE) to be reported as stuck.
		 */
		private Duration stuckThreshold = Duration.ofMinutes(10);

		/**
		 * How many suspects a result lists, largest growth first.
		 */
		private int maxSuspects = 20;

		/**
		 * How many stuck threads a result lists, longest stuck first.
		 */
		private int maxStuck = 50;

		/**
		 * More frames where waiting is normal (glob patterns on class.method, for example
		 * com.example.Poller.awaitJob), added to the built-in list of pools' getTask, queues'
		 * take and poll, selectors and accept loops. Threads waiting there are never stuck.
		 */
		private List<String> idleFrames = new ArrayList<>();

		private final Ignore ignore = new Ignore();

		private final Horizons horizons = new Horizons();

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = PropertyBounds.positive(window, "threadleaks.detection.window");
		}

		public int getMinGrowth() {
			return this.minGrowth;
		}

		public void setMinGrowth(int minGrowth) {
			this.minGrowth = PropertyBounds.atLeast(1, minGrowth, "threadleaks.detection.min-growth");
		}

		public Duration getStuckThreshold() {
			return this.stuckThreshold;
		}

		public void setStuckThreshold(Duration stuckThreshold) {
			this.stuckThreshold = PropertyBounds.positive(stuckThreshold, "threadleaks.detection.stuck-threshold");
		}

		public int getMaxSuspects() {
			return this.maxSuspects;
		}

		public void setMaxSuspects(int maxSuspects) {
			this.maxSuspects = PropertyBounds.atLeast(1, maxSuspects, "threadleaks.detection.max-suspects");
		}

		public int getMaxStuck() {
			return this.maxStuck;
		}

		public void setMaxStuck(int maxStuck) {
			this.maxStuck = PropertyBounds.atLeast(1, maxStuck, "threadleaks.detection.max-stuck");
		}

		public List<String> getIdleFrames() {
			return this.idleFrames;
		}

		public void setIdleFrames(List<String> idleFrames) {
			this.idleFrames = idleFrames;
		}

		public Ignore getIgnore() {
			return this.ignore;
		}

		public Horizons getHorizons() {
			return this.horizons;
		}

	}

	/**
	 * The horizons growth is judged over besides the window: a leak too slow to gain
	 * min-growth threads in one window is named once it has gained them over a longer one.
	 */
	public static class Horizons {

		/**
		 * The horizons as multiples of the detection window (1 is the window itself). With
		 * the default 5m window: 5m, 20m, 80m and 320m.
		 */
		private List<Integer> multiples = new ArrayList<>(List.of(1, 4, 16, 64));

		/**
		 * The longest horizon: longer multiples are cut to it.
		 */
		private Duration max = Duration.ofHours(24);

		public List<Integer> getMultiples() {
			return this.multiples;
		}

		public void setMultiples(List<Integer> multiples) {
			if (multiples == null || multiples.isEmpty()) {
				throw new IllegalArgumentException("threadleaks.detection.horizons.multiples must not be empty");
			}
			for (Integer multiple : multiples) {
				if (multiple == null || multiple < 1) {
					throw new IllegalArgumentException(
							"threadleaks.detection.horizons.multiples must be whole numbers of at least 1, was "
									+ multiples);
				}
			}
			this.multiples = multiples;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			if (max == null || max.isNegative() || max.isZero()) {
				throw new IllegalArgumentException("threadleaks.detection.horizons.max must be positive, was " + max);
			}
			this.max = max;
		}

	}

	public static class Ignore {

		/**
		 * Threads never reported as suspects or stuck, by glob pattern (* any characters, ?
		 * one) matched against the whole thread name or pool name, for example
		 * "kafka-coordinator-*".
		 */
		private List<String> pools = new ArrayList<>();

		/**
		 * Threads never reported as suspects or stuck, by glob pattern matched against
		 * class.method of any frame of their stack, for example "com.example.Batch.run".
		 */
		private List<String> frames = new ArrayList<>();

		/**
		 * Whether the JVM's own threads (Reference Handler, Finalizer, Signal Dispatcher,
		 * Common-Cleaner, Attach Listener, Notification Thread, JFR threads) and the
		 * starter's sampler are ignored as well.
		 */
		private boolean jvmThreads = true;

		public List<String> getPools() {
			return this.pools;
		}

		public void setPools(List<String> pools) {
			this.pools = pools;
		}

		public List<String> getFrames() {
			return this.frames;
		}

		public void setFrames(List<String> frames) {
			this.frames = frames;
		}

		public boolean isJvmThreads() {
			return this.jvmThreads;
		}

		public void setJvmThreads(boolean jvmThreads) {
			this.jvmThreads = jvmThreads;
		}

	}

	public static class Health {

		/**
		 * Whether a deadlock makes the threadLeaks health indicator DOWN.
		 */
		private boolean downOnDeadlock = true;

		/**
		 * Threads in suspect groups at or above which the indicator is DOWN.
		 */
		private int maxSuspectThreads = 200;

		/**
		 * Live platform threads at or above which the indicator is DOWN; no limit when unset.
		 */
		private Integer maxThreads;

		public boolean isDownOnDeadlock() {
			return this.downOnDeadlock;
		}

		public void setDownOnDeadlock(boolean downOnDeadlock) {
			this.downOnDeadlock = downOnDeadlock;
		}

		public int getMaxSuspectThreads() {
			return this.maxSuspectThreads;
		}

		public void setMaxSuspectThreads(int maxSuspectThreads) {
			this.maxSuspectThreads = PropertyBounds.atLeast(1, maxSuspectThreads, "threadleaks.health.max-suspect-threads");
		}

		public Integer getMaxThreads() {
			return this.maxThreads;
		}

		public void setMaxThreads(Integer maxThreads) {
			this.maxThreads = PropertyBounds.atLeastOrUnset(1, maxThreads, "threadleaks.health.max-threads");
		}

	}

	public static class Metrics {

		/**
		 * Whether the threadleaks_* meters are registered.
		 */
		private boolean enabled = true;

		/**
		 * How many pools keep their own pool tag value, largest first; the others add up
		 * under pool="other".
		 */
		private int maxPools = 20;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxPools() {
			return this.maxPools;
		}

		public void setMaxPools(int maxPools) {
			this.maxPools = PropertyBounds.atLeast(1, maxPools, "threadleaks.metrics.max-pools");
		}

	}

	public static class Tasks {

		/**
		 * How many running tasks the tracker lists; past it, work still runs and is counted,
		 * and the overflow is logged once.
		 */
		private int maxTracked = 10_000;

		/**
		 * Whether work started while handling a synchronous Spring MVC request is cancelled
		 * when the request ends. Async and streaming requests always cancel theirs on
		 * timeout, error or failed write.
		 */
		private boolean cancelOnRequestEnd = false;

		/**
		 * Whether Spring MVC requests get a task scope (a servlet filter and a response
		 * wrapper per request), so that work they start is cancelled with them. Switch off for
		 * very hot endpoints that start no tracked work.
		 */
		private boolean requestScopes = true;

		public boolean isRequestScopes() {
			return this.requestScopes;
		}

		public void setRequestScopes(boolean requestScopes) {
			this.requestScopes = requestScopes;
		}

		public int getMaxTracked() {
			return this.maxTracked;
		}

		public void setMaxTracked(int maxTracked) {
			this.maxTracked = PropertyBounds.atLeast(1, maxTracked, "threadleaks.tasks.max-tracked");
		}

		public boolean isCancelOnRequestEnd() {
			return this.cancelOnRequestEnd;
		}

		public void setCancelOnRequestEnd(boolean cancelOnRequestEnd) {
			this.cancelOnRequestEnd = cancelOnRequestEnd;
		}

	}

	public static class Shutdown {

		/**
		 * How long running tracked work may take to finish on its own at shutdown before it
		 * is cancelled. Unset, the smaller of 10s and two thirds of
		 * spring.lifecycle.timeout-per-shutdown-phase.
		 */
		private Duration drainTimeout;

		/**
		 * How long cancelled work may take to stop before it is reported as refusing to.
		 * Unset, the smaller of 5s and a third of spring.lifecycle.timeout-per-shutdown-phase,
		 * so that with the drain timeout it stays within that phase timeout.
		 */
		private Duration cancelTimeout;

		/**
		 * Whether to report, after the context has closed, the non-daemon threads the
		 * application started after startup and left running.
		 */
		private boolean reportLeftoverThreads = true;

		/**
		 * How long leftover threads get to end before they are reported.
		 */
		private Duration leftoverThreadsGrace = Duration.ofSeconds(2);

		public Duration getDrainTimeout() {
			return this.drainTimeout;
		}

		public void setDrainTimeout(Duration drainTimeout) {
			this.drainTimeout = notNegative(drainTimeout, "threadleaks.shutdown.drain-timeout");
		}

		public Duration getCancelTimeout() {
			return this.cancelTimeout;
		}

		public void setCancelTimeout(Duration cancelTimeout) {
			this.cancelTimeout = notNegative(cancelTimeout, "threadleaks.shutdown.cancel-timeout");
		}

		private static Duration notNegative(Duration timeout, String property) {
			if (timeout != null && timeout.isNegative()) {
				throw new IllegalArgumentException(property + " must not be negative, was " + timeout);
			}
			return timeout;
		}

		public boolean isReportLeftoverThreads() {
			return this.reportLeftoverThreads;
		}

		public void setReportLeftoverThreads(boolean reportLeftoverThreads) {
			this.reportLeftoverThreads = reportLeftoverThreads;
		}

		public Duration getLeftoverThreadsGrace() {
			return this.leftoverThreadsGrace;
		}

		public void setLeftoverThreadsGrace(Duration leftoverThreadsGrace) {
			this.leftoverThreadsGrace = leftoverThreadsGrace;
		}

	}

	public static class CreationSitesProperties {

		/**
		 * Whether to record, through JFR, who started each thread and from where, and show it
		 * as createdBy on groups, suspects and diffs. Off by default: it makes starting a
		 * thread about 35-60% dearer, which only services that churn threads notice.
		 */
		private boolean enabled = false;

		/**
		 * How many live threads' creation sites are kept.
		 */
		private int maxTracked = 10_000;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxTracked() {
			return this.maxTracked;
		}

		public void setMaxTracked(int maxTracked) {
			this.maxTracked = PropertyBounds.atLeast(1, maxTracked, "threadleaks.creation-sites.max-tracked");
		}

	}

}
