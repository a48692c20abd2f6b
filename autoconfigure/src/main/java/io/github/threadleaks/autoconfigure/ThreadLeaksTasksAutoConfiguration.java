package io.github.threadleaks.autoconfigure;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

import io.github.threadleaks.actuate.TrackedTasksEndpoint;
import io.github.threadleaks.tasks.TaskCounts;
import io.github.threadleaks.tasks.TaskShutdown;
import io.github.threadleaks.tasks.TaskTracker;
import jakarta.servlet.Filter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of tracked tasks: the {@link TaskTracker} (always, so injection points
 * never break; with {@code threadleaks.enabled=false} it runs work untracked), and, when
 * threadleaks is on, the task decorator for Boot's executor and {@code @Async}, the request
 * scopes of Spring MVC, the shutdown coordinator, the leftover-thread report and the
 * {@code trackedtasks} endpoint.
 */
@AutoConfiguration(after = ThreadLeaksAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration")
@EnableConfigurationProperties(ThreadLeaksProperties.class)
public final class ThreadLeaksTasksAutoConfiguration {

	/** Boot's auto-configured executor, which the tracker runs work on when it exists. */
	static final String APPLICATION_TASK_EXECUTOR = "applicationTaskExecutor";

	static final String PHASE_TIMEOUT_PROPERTY = "spring.lifecycle.timeout-per-shutdown-phase";

	private static final Logger logger = LoggerFactory.getLogger(ThreadLeaksTasksAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	TaskTracker threadLeaksTaskTracker(BeanFactory beanFactory, ObjectProvider<TaskCounts> counts,
			ThreadLeaksProperties properties) {
		TaskTracker.Settings settings = new TaskTracker.Settings("application",
				properties.getTasks().getMaxTracked(), properties.isEnabled());
		TaskCounts taskCounts = counts.getIfAvailable(TaskCounts::new);
		if (beanFactory.containsBean(APPLICATION_TASK_EXECUTOR)) {
			return new TaskTracker(beanFactory.getBean(APPLICATION_TASK_EXECUTOR, Executor.class), taskCounts,
					settings, Clock.systemUTC());
		}
		return TaskTracker.withOwnExecutor(taskCounts, settings, Clock.systemUTC());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
	static class TrackingConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "threadLeaksTaskDecorator")
		TrackingTaskDecorator threadLeaksTaskDecorator(ObjectProvider<TaskTracker> tracker) {
			return new TrackingTaskDecorator(tracker);
		}

		@Bean
		@ConditionalOnMissingBean
		TaskShutdownLifecycle threadLeaksTaskShutdown(TaskTracker tracker, ThreadLeaksProperties properties,
				Environment environment) {
			Duration phaseTimeout = Binder.get(environment)
				.bind(PHASE_TIMEOUT_PROPERTY, Duration.class)
				.orElse(ShutdownTimeouts.DEFAULT_PHASE_TIMEOUT);
			ShutdownTimeouts timeouts = ShutdownTimeouts.resolve(properties.getShutdown().getDrainTimeout(),
					properties.getShutdown().getCancelTimeout(), phaseTimeout);
			if (timeouts.total().compareTo(phaseTimeout) > 0) {
				logger.warn("threadleaks.shutdown.drain-timeout ({} ms) and threadleaks.shutdown.cancel-timeout "
						+ "({} ms) add up to more than {} ({} ms): work that ignores cancellation will hold the "
						+ "shutdown for {} ms in the coordinator's phase alone, and Boot's later phases start that late",
						timeouts.drain().toMillis(), timeouts.cancel().toMillis(), PHASE_TIMEOUT_PROPERTY,
						phaseTimeout.toMillis(), timeouts.total().toMillis());
			}
			return new TaskShutdownLifecycle(new TaskShutdown(tracker, timeouts.drain(), timeouts.cancel()), tracker);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "threadleaks.shutdown.report-leftover-threads", matchIfMissing = true)
		LeftoverThreadsReporter threadLeaksLeftoverThreadsReporter(ThreadLeaksProperties properties) {
			return new LeftoverThreadsReporter(properties.getShutdown().getLeftoverThreadsGrace());
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint(TrackedTasksEndpoint.class)
		TrackedTasksEndpoint trackedTasksEndpoint(TaskTracker tracker, ThreadLeaksProperties properties) {
			return new TrackedTasksEndpoint(tracker, ManagementFactory.getThreadMXBean(),
					properties.getSampling().getMaxStackDepth(), Clock.systemUTC());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty(name = "threadleaks.enabled", matchIfMissing = true)
	@ConditionalOnBooleanProperty(name = "threadleaks.tasks.request-scopes", matchIfMissing = true)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(Filter.class)
	static class RequestScopeConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "threadLeaksRequestScopeFilter")
		RequestScopeFilter threadLeaksRequestScopeFilter(TaskTracker tracker, ThreadLeaksProperties properties) {
			return new RequestScopeFilter(tracker, properties.getTasks().isCancelOnRequestEnd());
		}

	}

}
