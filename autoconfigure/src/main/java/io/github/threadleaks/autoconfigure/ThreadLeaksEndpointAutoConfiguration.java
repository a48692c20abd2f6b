package io.github.threadleaks.autoconfigure;

import java.util.Optional;

import io.github.threadleaks.actuate.ThreadLeaksEndpoint;
import io.github.threadleaks.creation.CreationSites;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.proof.LeakProver;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.tasks.TaskCounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code threadleaks} endpoint, where it is exposed and the engine
 * is there to answer it.
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class)
@ConditionalOnAvailableEndpoint(ThreadLeaksEndpoint.class)
@ConditionalOnBean({ Sampler.class, SnapshotStore.class, ThreadGroups.class })
public final class ThreadLeaksEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ThreadLeaksEndpoint threadLeaksEndpoint(Sampler sampler, SnapshotStore store, ThreadGroups grouping,
			ObjectProvider<LeakMonitor> monitor, ObjectProvider<TaskCounts> taskCounts,
			ObjectProvider<CreationSites> creationSites, ObjectProvider<LeakProver> provers,
			ThreadLeaksProperties properties) {
		ThreadLeaksProperties.Endpoint endpoint = properties.getEndpoint();
		LeakProver prover = provers.getIfAvailable();
		return new ThreadLeaksEndpoint(sampler, store, grouping, monitor.getIfAvailable(), taskCounts.getIfAvailable(),
				creationSites.getIfAvailable(), (prover != null) ? prover::latest : Optional::empty,
				new ThreadLeaksEndpoint.Settings(endpoint.getMaxGroups(), endpoint.getMinDumpInterval(),
						endpoint.getMaxDiffThreads(), properties.getSnapshots().getMaxNameLength()));
	}

}
