package io.github.threadleaks.autoconfigure;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import io.github.threadleaks.actuate.ThreadLeaksEndpoint;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroups;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the thread snapshot engine and the {@code threadleaks} endpoint.
 * Everything here backs off when {@code threadleaks.enabled=false}.
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

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint(ThreadLeaksEndpoint.class)
	ThreadLeaksEndpoint threadLeaksEndpoint(Sampler sampler, SnapshotStore store, ThreadGroups grouping,
			ThreadLeaksProperties properties) {
		ThreadLeaksProperties.Endpoint endpoint = properties.getEndpoint();
		return new ThreadLeaksEndpoint(sampler, store, grouping,
				new ThreadLeaksEndpoint.Settings(endpoint.getMaxGroups(), endpoint.getMinDumpInterval(),
						endpoint.getMaxDiffThreads(), properties.getSnapshots().getMaxNameLength()));
	}

}
