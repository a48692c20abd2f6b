package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.threadleaks.actuate.EndpointMessage;
import io.github.threadleaks.actuate.TrackedTasksEndpoint;
import io.github.threadleaks.tasks.TaskScope;
import io.github.threadleaks.tasks.TaskTracker;
import io.github.threadleaks.tasks.TrackedTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class ThreadLeaksTasksAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
				ThreadLeaksAutoConfiguration.class, ThreadLeaksTasksAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=trackedtasks",
				"threadleaks.shutdown.drain-timeout=200ms");

	@Test
	void asyncWorkIsTrackedBesideTheApplicationsOwnDecoratorAndCancelledWhenTheContextCloses(
			CapturedOutput output) {
		AsyncWorker.scopes.clear();
		AsyncWorker.interrupted = false;
		this.runner.withUserConfiguration(AsyncConfiguration.class).run((context) -> {
			TaskTracker tracker = context.getBean(TaskTracker.class);
			context.getBean(AsyncWorker.class).waitForever();
			await().atMost(Duration.ofSeconds(10)).until(() -> !AsyncWorker.scopes.isEmpty());
			TrackedTask<?> task = tracker.running().get(0);
			assertThat(AsyncWorker.scopes.get(0)).isSameAs(task.scope());
			assertThat(task.name()).startsWith("async:");
			assertThat(task.scope().path()).startsWith("application/async:");
			assertThat(task.thread().getName()).startsWith("task-");
			assertThat(AsyncWorker.decoratedByTheApplication).as("the application's own decorator still runs").isTrue();
		});
		assertThat(AsyncWorker.interrupted).as("cancelled at context close").isTrue();
		assertThat(output.toString()).doesNotContain("refused to stop");
	}

	@Test
	void workThatIgnoresInterruptsDoesNotStretchShutdownAndIsNamed(CapturedOutput output) {
		AtomicBoolean stop = new AtomicBoolean();
		long[] closing = new long[1];
		try {
			this.runner.withConfiguration(AutoConfigurations.of(LifecycleAutoConfiguration.class))
				.withPropertyValues("threadleaks.shutdown.drain-timeout=100ms", "threadleaks.shutdown.cancel-timeout=200ms",
						"spring.lifecycle.timeout-per-shutdown-phase=2s")
				.run((context) -> {
					TaskTracker tracker = context.getBean(TaskTracker.class);
					tracker.submit("ignores-interrupts", () -> {
						while (!stop.get()) {
							Thread.onSpinWait();
						}
					});
					await().until(() -> tracker.running().get(0).thread() != null);
					closing[0] = System.nanoTime();
				});
			Duration close = Duration.ofNanos(System.nanoTime() - closing[0]);
			assertThat(output.toString()).contains("'ignores-interrupts' (running) refused to stop within 200 ms");
			// our phase takes the drain and cancel timeouts; the executor's own phase then waits for the
			// stubborn task up to the per-phase timeout, and no longer
			assertThat(close).isLessThan(Duration.ofSeconds(2).plusMillis(300).plusSeconds(2));
		}
		finally {
			stop.set(true);
		}
	}

	@Test
	void theEndpointListsRunningWorkWithItsScopeAndStackAndCancelsIt() {
		this.runner.run((context) -> {
			TaskTracker tracker = context.getBean(TaskTracker.class);
			TrackedTasksEndpoint endpoint = context.getBean(TrackedTasksEndpoint.class);
			TrackedTask<Object> task = tracker.task("listed").deadline(Duration.ofHours(1)).submit((scope) -> {
				try {
					return new LinkedBlockingQueue<>().take();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
			});
			await().until(() -> task.thread() != null && task.thread().getState() == Thread.State.WAITING);
			TrackedTasksEndpoint.Task listed = endpoint.tasks().tasks().get(0);
			assertThat(listed.name()).isEqualTo("listed");
			assertThat(listed.state()).isEqualTo("running");
			assertThat(listed.scope()).isEqualTo("application/listed");
			assertThat(listed.deadline()).isNotNull();
			assertThat(listed.stack()).anyMatch((frame) -> frame.startsWith("java.util.concurrent.LinkedBlockingQueue.take("));
			assertThat(endpoint.tasks().summary().active()).isEqualTo(1);

			WebEndpointResponse<Object> cancelled = endpoint.cancel(Long.toString(task.id()));
			assertThat(cancelled.getStatus()).isEqualTo(200);
			await().until(() -> "cancelled".equals(task.state()));
			assertThat(endpoint.tasks().tasks()).isEmpty();
			assertThat(endpoint.tasks().summary().cancelled()).isEqualTo(1);

			WebEndpointResponse<Object> unknown = endpoint.cancel(Long.toString(task.id()));
			assertThat(unknown.getStatus()).isEqualTo(404);
			assertThat(((EndpointMessage) unknown.getBody()).message())
				.isEqualTo("No running tracked task with id " + task.id() + " (it may have ended)");
			WebEndpointResponse<Object> notANumber = endpoint.cancel("abc");
			assertThat(notANumber.getStatus()).isEqualTo(400);
			assertThat(((EndpointMessage) notANumber.getBody()).message()).isEqualTo("Task id must be a number, was 'abc'");
		});
	}

	@Test
	void disabledKeepsATrackerThatRunsWorkUntrackedAndNothingElse() {
		this.runner.withPropertyValues("threadleaks.enabled=false").run((context) -> {
			TaskTracker tracker = context.getBean(TaskTracker.class);
			assertThat(tracker.isTracking()).isFalse();
			assertThat(tracker.submit("still-runs", () -> "ok").result().get()).isEqualTo("ok");
			assertThat(context).doesNotHaveBean(TrackingTaskDecorator.class)
				.doesNotHaveBean(TrackedTasksEndpoint.class)
				.doesNotHaveBean(TaskShutdownLifecycle.class);
		});
	}

	@Test
	void requestScopesAreAServletFilterThatCanBeSwitchedOff() {
		org.springframework.boot.test.context.runner.WebApplicationContextRunner web = new org.springframework.boot.test.context.runner.WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class,
					ThreadLeaksAutoConfiguration.class, ThreadLeaksTasksAutoConfiguration.class));
		web.run((context) -> assertThat(context).hasSingleBean(RequestScopeFilter.class));
		web.withPropertyValues("threadleaks.tasks.request-scopes=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestScopeFilter.class));
		this.runner.run((context) -> assertThat(context).as("not a web application")
			.doesNotHaveBean(RequestScopeFilter.class));
	}

	@Test
	void theEndpointIsReadOnlyByDefault() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(TrackedTasksEndpoint.class));
		assertThat(TrackedTasksEndpoint.class.getAnnotation(
				org.springframework.boot.actuate.endpoint.annotation.Endpoint.class).defaultAccess())
			.isEqualTo(org.springframework.boot.actuate.endpoint.Access.READ_ONLY);
	}

	@Test
	void theTrackerUsesTheApplicationsExecutorAndOwnsNoThreadsAfterClose() {
		this.runner.run((context) -> {
			TaskTracker tracker = context.getBean(TaskTracker.class);
			CompletableFuture<String> thread = tracker.submit("where", () -> Thread.currentThread().getName()).result();
			assertThat(thread.get()).startsWith("task-");
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((t) -> t.isAlive() && t.getName().startsWith("threadleaks-")));
	}

	@Test
	void aContextStoppedAndStartedAgainTracksAndSamplesAgain() {
		this.runner.withConfiguration(AutoConfigurations.of(ThreadLeaksAutoConfiguration.class))
			.withPropertyValues("threadleaks.sampling.interval=50ms")
			.run((context) -> {
				TaskTracker tracker = context.getBean(TaskTracker.class);
				io.github.threadleaks.detect.LeakMonitor monitor = context
					.getBean(io.github.threadleaks.detect.LeakMonitor.class);
				context.stop();
				assertThat(tracker.isRefusingNewWork()).isTrue();
				assertThat(monitor.isRunning()).isFalse();
				context.start();
				assertThat(tracker.submit("after-restart", () -> "ok").result().get()).isEqualTo("ok");
				long sample = monitor.latest().sampleNumber();
				await().atMost(Duration.ofSeconds(10)).until(() -> monitor.latest().sampleNumber() > sample);
				assertThat(monitor.isRunning()).isTrue();
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	static class AsyncConfiguration {

		@Bean
		AsyncWorker asyncWorker() {
			return new AsyncWorker();
		}

		@Bean
		TaskDecorator applicationsOwnDecorator() {
			return (runnable) -> () -> {
				AsyncWorker.DECORATED.set(true);
				try {
					runnable.run();
				}
				finally {
					AsyncWorker.DECORATED.remove();
				}
			};
		}

	}

	static class AsyncWorker {

		static final ThreadLocal<Boolean> DECORATED = new ThreadLocal<>();

		// static: the bean the test holds is the @Async proxy, not the object that runs
		static volatile boolean interrupted;

		static volatile boolean decoratedByTheApplication;

		static final List<TaskScope> scopes = new CopyOnWriteArrayList<>();

		@Async
		public void waitForever() {
			decoratedByTheApplication = Boolean.TRUE.equals(DECORATED.get());
			scopes.add(TaskScope.current());
			try {
				new LinkedBlockingQueue<>().take();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}

	}

}
