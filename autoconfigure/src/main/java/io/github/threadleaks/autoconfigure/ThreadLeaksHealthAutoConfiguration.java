package io.github.threadleaks.autoconfigure;

import java.time.Clock;

import io.github.threadleaks.actuate.ThreadLeaksHealthIndicator;
import io.github.threadleaks.detect.LeakMonitor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code threadLeaks} health indicator. It is always present, so
 * that a probe group naming {@code threadLeaks} starts whatever is switched off (Boot fails
 * startup on a group member that does not exist): with {@code threadleaks.enabled=false} or
 * with the indicator itself switched off ({@code management.health.threadleaks.enabled=false},
 * or {@code management.health.defaults.enabled=false}) it reports UP with
 * {@code disabled: true} and reads nothing.
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@EnableConfigurationProperties(ThreadLeaksProperties.class)
public final class ThreadLeaksHealthAutoConfiguration {

	static final String BEAN_NAME = "threadLeaksHealthIndicator";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("threadleaks")
	static class EnabledIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = BEAN_NAME)
		ThreadLeaksHealthIndicator threadLeaksHealthIndicator(ObjectProvider<LeakMonitor> monitor,
				ThreadLeaksProperties properties) {
			return indicator(monitor.getIfAvailable(), properties);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(IndicatorSwitchedOff.class)
	static class SwitchedOffIndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = BEAN_NAME)
		ThreadLeaksHealthIndicator threadLeaksHealthIndicator(ThreadLeaksProperties properties) {
			// without a monitor the indicator is UP with disabled: true, as with threadleaks.enabled=false
			return indicator(null, properties);
		}

	}

	private static ThreadLeaksHealthIndicator indicator(@Nullable LeakMonitor monitor, ThreadLeaksProperties properties) {
		ThreadLeaksProperties.Health health = properties.getHealth();
		return new ThreadLeaksHealthIndicator(monitor, new ThreadLeaksHealthIndicator.Limits(health.isDownOnDeadlock(),
				health.getMaxSuspectThreads(), health.getMaxThreads()), Clock.systemUTC());
	}

	static final class IndicatorSwitchedOff extends NoneNestedConditions {

		IndicatorSwitchedOff() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@ConditionalOnEnabledHealthIndicator("threadleaks")
		static class Enabled {

		}

	}

}
