package io.github.threadleaks.junit.examples;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.junit.NoThreadLeaks;
import io.github.threadleaks.junit.library.LazyPoller;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/** Example Spring test classes: the context's threads are its own, a test's own are not. */
public final class SpringExamples {

	/** Threads the examples' executors left: the real test shuts them down. */
	public static final java.util.List<ExecutorService> leftExecutors = new java.util.concurrent.CopyOnWriteArrayList<>();

	private SpringExamples() {
	}

	@Example
	@NoThreadLeaks
	@SpringJUnitConfig(AsyncConfig.class)
	@DirtiesContext
	public static class CallsAsyncCode {

		@Autowired
		AsyncWork work;

		@Test
		void callsAsyncCode() throws Exception {
			assertThat(this.work.run().get(10, TimeUnit.SECONDS)).startsWith("async-work-");
		}

	}

	@Example
	@NoThreadLeaks
	@SpringJUnitConfig(AsyncConfig.class)
	@DirtiesContext
	public static class LeaksItsOwnExecutor {

		@Autowired
		AsyncWork work;

		@Test
		void leaksItsOwnExecutor() throws Exception {
			this.work.run().get(10, TimeUnit.SECONDS);
			ExecutorService executor = Executors.newSingleThreadExecutor();
			leftExecutors.add(executor);
			executor.submit(() -> 42).get();
		}

	}

	/** The same executor as the context's, outside any context: its worker is a leak. */
	@Example
	@NoThreadLeaks
	public static class SameExecutorWithoutContext {

		@Test
		void startsAnExecutorOfItsOwn() throws Exception {
			ThreadPoolTaskExecutor executor = new AsyncConfig().taskExecutor();
			executor.initialize();
			leftExecutors.add(executor.getThreadPoolExecutor());
			executor.submit(() -> 42).get();
		}

	}

	/** Loads the cached context while its per-class check runs: the context's threads are its own. */
	@Example
	@Order(1)
	@NoThreadLeaks(per = NoThreadLeaks.Per.CLASS)
	@SpringJUnitConfig(PollerConfig.class)
	public static class LoadsCachedContext {

		@Autowired
		Poller poller;

		@Test
		void usesPoller() {
			assertThat(this.poller.isRunning()).isTrue();
		}

	}

	/** Switches to another context: the cached one is paused, its poller stops. */
	@Example
	@Order(2)
	@SpringJUnitConfig(AsyncConfig.class)
	@DirtiesContext
	public static class SwitchesContext {

		@Test
		void usesAnotherContext() {
		}

	}

	/**
	 * Reuses the paused context: Spring restarts it before this class's tests (in its
	 * {@code beforeAll}, after the check's), and its poller comes back under a new name.
	 */
	@Example
	@Order(3)
	@NoThreadLeaks(per = NoThreadLeaks.Per.CLASS)
	@SpringJUnitConfig(PollerConfig.class)
	public static class ReusesPausedContext {

		@Autowired
		Poller poller;

		@Test
		void usesPollerAgain() {
			assertThat(this.poller.isRunning()).isTrue();
		}

	}

	/** Closes the cached context, and so ends its poller. */
	@Example
	@Order(4)
	@SpringJUnitConfig(PollerConfig.class)
	@DirtiesContext
	public static class ClosesCachedContext {

		@Test
		void closesContextAfterwards() {
		}

	}

	/** With creation sites, a thread a library's bean starts on first use is the context's. */
	@Example
	@NoThreadLeaks(creationSites = true)
	@SpringJUnitConfig(LibraryConfig.class)
	@DirtiesContext
	public static class LibraryBeanStartsItsThread {

		@Autowired
		LazyPoller poller;

		@Test
		void usesTheLibrary() {
			this.poller.ensureStarted();
		}

	}

	/** With creation sites, a thread the application's own bean starts is still the test's. */
	@Example
	@NoThreadLeaks(creationSites = true)
	@SpringJUnitConfig(LibraryConfig.class)
	@DirtiesContext
	public static class ApplicationBeanStartsAThread {

		@Autowired
		ApplicationService service;

		@Test
		void callsTheApplication() {
			this.service.startWorker();
		}

	}

	@Configuration(proxyBeanMethods = false)
	public static class LibraryConfig {

		@Bean
		LazyPoller lazyPoller() {
			return new LazyPoller();
		}

		@Bean
		ApplicationService applicationService(LazyPoller poller) {
			return new ApplicationService(poller);
		}

	}

	/** The application's code: it uses the library, and starts a worker of its own per call. */
	public static class ApplicationService {

		private final LazyPoller poller;

		ApplicationService(LazyPoller poller) {
			this.poller = poller;
		}

		public void startWorker() {
			this.poller.ensureStarted();
			Blockers.startBlocked("application-worker", true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAsync
	public static class AsyncConfig {

		@Bean
		public ThreadPoolTaskExecutor taskExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setThreadNamePrefix("async-work-");
			executor.setCorePoolSize(2);
			return executor;
		}

		@Bean
		AsyncWork asyncWork() {
			return new AsyncWork();
		}

	}

	public static class AsyncWork {

		@Async
		public CompletableFuture<String> run() {
			return CompletableFuture.completedFuture(Thread.currentThread().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	public static class PollerConfig {

		@Bean
		Poller poller() {
			return new Poller();
		}

	}

	/** A lifecycle bean with a thread of its own, named anew each time it starts. */
	public static class Poller implements SmartLifecycle {

		private static final AtomicInteger starts = new AtomicInteger();

		private volatile Thread thread;

		@Override
		public void start() {
			Thread started = new Thread(Blockers::waitUntilReleased, "poller-start-" + starts.incrementAndGet());
			started.setDaemon(true);
			this.thread = started;
			started.start();
		}

		@Override
		public void stop() {
			Thread running = this.thread;
			this.thread = null;
			if (running != null) {
				running.interrupt();
				try {
					running.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public boolean isRunning() {
			return this.thread != null;
		}

	}

}
