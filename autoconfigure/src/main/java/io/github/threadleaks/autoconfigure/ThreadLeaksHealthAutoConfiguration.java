package io.github.threadleaks.autoconfigure;

import java.time.Clock;

import io.github.threadleaks.actuate.ThreadLeaksHealthIndicator;
import io.github.threadleaks.detect.LeakMonitor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code threadLeaks} health indicator. It does not depend on
 * {@code threadleaks.enabled}: a probe group that names {@code threadLeaks} must still start
 * when threadleaks is off, so the indicator stays and reports UP with {@code disabled: true}.
 * {@code management.health.threadleaks.enabled=false} removes it.
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("threadleaks")
@EnableConfigurationProperties(ThreadLeaksProperties.class)
public final class ThreadLeaksHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "threadLeaksHealthIndicator")
	ThreadLeaksHealthIndicator threadLeaksHealthIndicator(ObjectProvider<LeakMonitor> monitor,
			ThreadLeaksProperties properties) {
		ThreadLeaksProperties.Health health = properties.getHealth();
		return new ThreadLeaksHealthIndicator(monitor.getIfAvailable(), new ThreadLeaksHealthIndicator.Limits(
				health.isDownOnDeadlock(), health.getMaxSuspectThreads(), health.getMaxThreads()), Clock.systemUTC());
	}

}
