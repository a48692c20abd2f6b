package io.github.threadleaks.detect;

import java.util.List;

import io.github.threadleaks.detect.DetectionResult.PoolCount;

/**
 * What the {@link LeakDetector} found in one snapshot: the counts by pool and state, the
 * groups that keep growing and the threads that made no progress. The {@link LeakMonitor}
 * puts it together with the deadlocks, the sample's cost and the virtual-thread findings
 * into the one {@link DetectionResult} it publishes.
 *
 * @param threadsByPool live threads by pool and state
 * @param suspects growing groups, largest growth first, at most the configured number
 * @param stuck groups of stuck threads not counted in a suspect, busy loops first, then
 * blocked, then waiting threads, at most the configured number
 */
public record Findings(List<PoolCount> threadsByPool, List<Suspect> suspects, List<StuckGroup> stuck) {

	public Findings {
		threadsByPool = List.copyOf(threadsByPool);
		suspects = List.copyOf(suspects);
		stuck = List.copyOf(stuck);
	}

}
