package io.github.threadleaks.autoconfigure;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongFunction;

import io.github.threadleaks.creation.CreationSite;
import io.github.threadleaks.creation.CreationSites;
import io.github.threadleaks.detect.DeadlockFinder;
import io.github.threadleaks.detect.IdleFrames;
import io.github.threadleaks.detect.IgnoreRules;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.tasks.TaskCounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the thread snapshot engine and the leak monitor (the one
 * {@code threadleaks-sampler} thread). Everything here backs off when
 * {@code threadleaks.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ThreadLeaksProperties.class)
public final class ThreadLeaksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Sampler threadLeaksSampler(ThreadLeaksProperties properties) {
		return new Sampler(ManagementFactory.getThreadMXBean(), properties.getSampling().getMaxStackDepth(),
				Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	ThreadGroups threadLeaksGrouping(ThreadLeaksProperties properties) {
		return new ThreadGroups(properties.getGrouping().getFrames(), properties.getGrouping().getMaxThreadNames());
	}

	@Bean
	@ConditionalOnMissingBean
	SnapshotStore threadLeaksSnapshotStore(ThreadLeaksProperties properties) {
		return new SnapshotStore(properties.getSnapshots().getMax());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LeakMonitor threadLeaksMonitor(Sampler sampler, ObjectProvider<CreationSites> creationSites,
			ThreadLeaksProperties properties) {
		ThreadLeaksProperties.Detection detection = properties.getDetection();
		ThreadLeaksProperties.Ignore ignore = detection.getIgnore();
		IgnoreRules ignoreRules = ignore.isJvmThreads() ? IgnoreRules.withDefaults(ignore.getPools(), ignore.getFrames())
				: new IgnoreRules(ignore.getPools(), ignore.getFrames());
		LeakDetector.Settings settings = new LeakDetector.Settings(detection.getWindow(), detection.getMinGrowth(),
				detection.getStuckThreshold(), properties.getGrouping().getFrames(),
				properties.getGrouping().getMaxThreadNames(), detection.getMaxSuspects(), detection.getMaxStuck(),
				ignoreRules, new IdleFrames(detection.getIdleFrames()))
			.withHorizons(detection.getHorizons().getMultiples(), horizonBound(detection));
		LeakMonitor monitor = new LeakMonitor(sampler,
				new DeadlockFinder(ManagementFactory.getThreadMXBean(), properties.getSampling().getMaxStackDepth()),
				new LeakDetector(settings, creationSiteLookup(creationSites)), properties.getSampling().getInterval(),
				Clock.systemUTC());
		VirtualThreadSampling.configure(monitor, settings, properties.getSampling());
		return monitor;
	}

	private static Duration horizonBound(ThreadLeaksProperties.Detection detection) {
		if (detection.getHorizons().getMax().compareTo(detection.getWindow()) < 0) {
			throw new IllegalStateException("threadleaks.detection.horizons.max (" + detection.getHorizons().getMax()
					+ ") must be at least threadleaks.detection.window (" + detection.getWindow() + ")");
		}
		return detection.getHorizons().getMax();
	}

	private static LongFunction<CreationSite> creationSiteLookup(ObjectProvider<CreationSites> creationSites) {
		CreationSites sites = creationSites.getIfAvailable();
		return (sites != null) ? (threadId) -> sites.siteOf(threadId).orElse(null) : (threadId) -> null;
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "threadleaks.creation-sites.enabled")
	CreationSites threadLeaksCreationSites(ThreadLeaksProperties properties) {
		CreationSites sites = new CreationSites(properties.getCreationSites().getMaxTracked(),
				properties.getSampling().getMaxStackDepth());
		sites.start();
		return sites;
	}

	@Bean
	@ConditionalOnMissingBean
	TaskCounts threadLeaksTaskCounts() {
		return new TaskCounts();
	}

	@Bean
	@ConditionalOnMissingBean
	LeakMonitorLifecycle threadLeaksMonitorLifecycle(LeakMonitor monitor) {
		return new LeakMonitorLifecycle(monitor);
	}

}
