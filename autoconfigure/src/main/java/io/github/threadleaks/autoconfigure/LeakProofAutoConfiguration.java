package io.github.threadleaks.autoconfigure;

import java.time.Clock;

import io.github.threadleaks.actuate.LeakProofEndpoint;
import io.github.threadleaks.metrics.LeakProofMeterBinder;
import io.github.threadleaks.proof.LeakProver;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of leak proofs: the {@code leakproof} endpoint, the prover behind it and
 * the {@code threadleaks_proven_leaked_threads} gauge. Nothing here exists unless the endpoint
 * is available (enabled and exposed), since only the endpoint starts a proof; and nothing
 * when {@code threadleaks.enabled=false}.
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
@ConditionalOnAvailableEndpoint(LeakProofEndpoint.class)
@EnableConfigurationProperties(LeakProofProperties.class)
public final class LeakProofAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeakProver threadLeaksProver(LeakProofProperties properties) {
		return new LeakProver(new LeakProver.Limits(properties.getMaxHeap().toBytes(), properties.getTimeout(),
				properties.getDumpDirectory()), Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	LeakProofEndpoint leakProofEndpoint(LeakProver prover) {
		return new LeakProofEndpoint(prover);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBooleanProperty(name = "threadleaks.metrics.enabled", matchIfMissing = true)
	static final class LeakProofMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		LeakProofMeterBinder leakProofMeterBinder(LeakProver prover) {
			return new LeakProofMeterBinder(prover);
		}

	}

}
