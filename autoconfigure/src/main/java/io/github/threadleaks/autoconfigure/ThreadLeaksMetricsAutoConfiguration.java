package io.github.threadleaks.autoconfigure;

import java.time.Clock;

import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.metrics.ThreadLeaksMeterBinder;
import io.github.threadleaks.metrics.UncaughtExceptionsMeterBinder;
import io.github.threadleaks.tasks.TaskCounts;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code threadleaks_*} meters, for whatever Micrometer registries
 * the application has. {@code threadleaks.metrics.enabled=false} switches them off.
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(LeakMonitor.class)
@ConditionalOnBooleanProperty(name = "threadleaks.metrics.enabled", matchIfMissing = true)
public final class ThreadLeaksMetricsAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ThreadLeaksMeterBinder threadLeaksMeterBinder(LeakMonitor monitor, TaskCounts taskCounts,
			ThreadLeaksProperties properties) {
		return new ThreadLeaksMeterBinder(monitor, taskCounts, properties.getMetrics().getMaxPools(),
				Clock.systemUTC());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	UncaughtExceptionsMeterBinder threadLeaksUncaughtExceptionsMeterBinder(ThreadLeaksProperties properties) {
		return new UncaughtExceptionsMeterBinder(properties.getMetrics().getMaxPools());
	}

}
