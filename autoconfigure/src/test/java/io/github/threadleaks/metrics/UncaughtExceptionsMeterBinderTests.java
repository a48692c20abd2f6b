package io.github.threadleaks.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thread deaths as the Prometheus registry renders them, and the JVM-wide handler installed
 * only once a registry asked for the meter.
 */
class UncaughtExceptionsMeterBinderTests {

	private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

	private UncaughtExceptionsMeterBinder binder;

	@AfterEach
	void close() throws Exception {
		if (this.binder != null) {
			this.binder.close();
		}
	}

	@Test
	void threadsDyingOfUncaughtExceptionsAreCountedByPool() throws Exception {
		this.binder = new UncaughtExceptionsMeterBinder(20);
		this.binder.bindTo(this.registry);
		die("metrics-dying-0");
		die("metrics-dying-1");
		assertThat(this.registry.scrape())
			.contains("threadleaks_uncaught_exceptions_total{pool=\"metrics-dying-#\"} 2.0");
	}

	@Test
	void theJvmWideHandlerIsInstalledWhenARegistryBindsAndRestoredOnClose() throws Exception {
		Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
		this.binder = new UncaughtExceptionsMeterBinder(20);
		assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("nothing installed before a registry asked")
			.isSameAs(before);
		this.binder.bindTo(this.registry);
		assertThat(Thread.getDefaultUncaughtExceptionHandler()).isNotSameAs(before);
		this.binder.close();
		assertThat(Thread.getDefaultUncaughtExceptionHandler()).isSameAs(before);
	}

	@Test
	void poolsPastTheBoundCountAsOther() throws Exception {
		this.binder = new UncaughtExceptionsMeterBinder(1);
		this.binder.bindTo(this.registry);
		die("first-pool-1");
		die("second-pool-1");
		assertThat(this.registry.scrape()).contains("threadleaks_uncaught_exceptions_total{pool=\"first-pool-#\"} 1.0",
				"threadleaks_uncaught_exceptions_total{pool=\"other\"} 1.0");
	}

	private static void die(String name) throws InterruptedException {
		Thread dying = new Thread(() -> {
			throw new IllegalStateException("boom (expected by the test)");
		}, name);
		dying.start();
		dying.join(10_000);
	}

}
