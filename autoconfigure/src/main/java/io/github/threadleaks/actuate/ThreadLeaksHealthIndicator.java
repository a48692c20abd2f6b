package io.github.threadleaks.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.threadleaks.detect.DetectionResult;
import io.github.threadleaks.detect.FindingText;
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

	/**
	 * Details in a fixed key order, so that a probe's output diffs cleanly between two calls.
	 */
	private static Map<String, Object> details(DetectionResult result) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("computedAt", result.computedAt());
		details.put("liveThreads", result.totals().live());
		details.put("suspects", result.suspects().stream().map((suspect) -> {
			Map<String, Object> shown = new LinkedHashMap<>();
			shown.put("pool", suspect.pool());
			shown.put("state", suspect.state());
			shown.put("count", suspect.count());
			shown.put("growth", suspect.growth());
			shown.put("horizon", suspect.horizon().toString());
			shown.put("groupedBy", suspect.groupedBy().text());
			shown.put("at", frame(suspect.blockingFrame()));
			shown.put("virtual", suspect.virtual());
			return shown;
		}).toList());
		details.put("stuck", result.stuck().stream().map((stuck) -> {
			Map<String, Object> shown = new LinkedHashMap<>();
			shown.put("pool", stuck.pool());
			shown.put("state", stuck.state());
			shown.put("count", stuck.count());
			shown.put("cpuRising", stuck.cpuRising());
			shown.put("stuckForSeconds", stuck.stuckFor().toSeconds());
			shown.put("at", frame(StackFrames.top(stuck.stack())));
			return shown;
		}).toList());
		details.put("deadlocks", result.deadlocks().stream().map(FindingText::deadlockLine).toList());
		return details;
	}

	private static String frame(@Nullable StackTraceElement frame) {
		String text = StackFrames.formatOrNull(frame);
		return (text != null) ? text : "(no Java frames)";
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
