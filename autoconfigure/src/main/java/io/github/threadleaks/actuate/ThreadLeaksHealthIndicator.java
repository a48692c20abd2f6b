package io.github.threadleaks.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.threadleaks.detect.Deadlock;
import io.github.threadleaks.detect.DetectionResult;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.snapshot.StackFrames;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code threadLeaks} health indicator, fit for a Kubernetes liveness group. It reads the
 * monitor's latest result only, so a probe never walks the threads, and it is DOWN only for
 * what a restart fixes: a deadlock, too many threads in growing groups, too many threads.
 * Everything else (suspects below the limit, stuck threads) is UP with details.
 */
public class ThreadLeaksHealthIndicator implements HealthIndicator {

	/** Results older than this many intervals mean the sampler is not sampling. */
	static final int STALE_AFTER_INTERVALS = 3;

	private final @Nullable LeakMonitor monitor;

	private final Limits limits;

	private final Clock clock;

	/**
	 * @param monitor the monitor, or {@code null} when threadleaks is disabled
	 * @param limits when to report DOWN
	 * @param clock the clock to judge staleness by
	 */
	public ThreadLeaksHealthIndicator(@Nullable LeakMonitor monitor, Limits limits, Clock clock) {
		this.monitor = monitor;
		this.limits = limits;
		this.clock = clock;
	}

	@Override
	public Health health() {
		if (this.monitor == null) {
			return Health.up().withDetail("disabled", true).build();
		}
		DetectionResult result = this.monitor.latest();
		Duration staleAfter = this.monitor.interval().multipliedBy(STALE_AFTER_INTERVALS);
		Instant now = this.clock.instant();
		if (result == null) {
			Instant startedAt = this.monitor.startedAt();
			String reason = (startedAt == null) ? "the sampler has not started"
					: "no sample completed since the sampler started at " + startedAt;
			return Health.unknown().withDetail("reason", reason).build();
		}
		Duration age = Duration.between(result.computedAt(), now);
		if (age.compareTo(staleAfter) > 0) {
			return Health.unknown()
				.withDetail("reason", "the last sample is " + age.toSeconds() + "s old, over " + STALE_AFTER_INTERVALS
						+ " sampling intervals of " + this.monitor.interval().toSeconds() + "s")
				.withDetail("computedAt", result.computedAt())
				.withDetail("failedSamples", result.failedSamples())
				.build();
		}
		String downBecause = downBecause(result);
		Health.Builder health = (downBecause != null) ? Health.down().withDetail("reason", downBecause) : Health.up();
		return health.withDetails(details(result)).build();
	}

	private @Nullable String downBecause(DetectionResult result) {
		if (this.limits.downOnDeadlock() && !result.deadlocks().isEmpty()) {
			return result.deadlockedThreads() + " threads are deadlocked";
		}
		if (result.suspectThreads() >= this.limits.maxSuspectThreads()) {
			return result.suspectThreads() + " threads are in growing groups, at or above the limit of "
					+ this.limits.maxSuspectThreads();
		}
		Integer maxThreads = this.limits.maxThreads();
		if (maxThreads != null && result.totals().live() >= maxThreads) {
			return result.totals().live() + " live threads, at or above the limit of " + maxThreads;
		}
		return null;
	}

	private static Map<String, Object> details(DetectionResult result) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("computedAt", result.computedAt());
		details.put("liveThreads", result.totals().live());
		details.put("suspects", result.suspects()
			.stream()
			.map((suspect) -> Map.of("pool", suspect.pool(), "state", suspect.state(), "count", suspect.count(),
					"growth", suspect.growth(), "at", frame(suspect.blockingFrame()), "virtual", suspect.virtual()))
			.toList());
		details.put("stuck", result.stuck()
			.stream()
			.map((stuck) -> Map.of("thread", stuck.name(), "pool", stuck.pool(), "stuckForSeconds",
					stuck.stuckFor().toSeconds(), "at", frame(stuck.stack().isEmpty() ? null : stuck.stack().get(0))))
			.toList());
		details.put("deadlocks", result.deadlocks().stream().map(ThreadLeaksHealthIndicator::cycle).toList());
		return details;
	}

	private static String cycle(Deadlock deadlock) {
		List<Deadlock.DeadlockedThread> threads = deadlock.threads();
		return threads.stream()
			.map((thread) -> "'" + thread.name() + "' waits for " + thread.waitingFor() + " held by '"
					+ thread.heldBy() + "'")
			.collect(Collectors.joining("; "));
	}

	private static String frame(@Nullable StackTraceElement frame) {
		return (frame != null) ? StackFrames.format(frame) : "(no Java frames)";
	}

	/**
	 * When the indicator reports DOWN.
	 *
	 * @param downOnDeadlock whether a deadlock is DOWN
	 * @param maxSuspectThreads threads in suspect groups at or above which it is DOWN
	 * @param maxThreads live threads at or above which it is DOWN, or {@code null} for no limit
	 */
	public record Limits(boolean downOnDeadlock, int maxSuspectThreads, @Nullable Integer maxThreads) {

	}

}
