package io.github.threadleaks.metrics;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A series whose value changes at every sample never drops out of a scrape taken while it
 * changes (rows registered with fixed numbers and overwrite did, for an instant, at every
 * update), and a row that is gone is removed.
 */
class LiveRowsTests {

	@Test
	void aScrapeDuringUpdatesAlwaysSeesTheSeries() throws Exception {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		LiveRows rows = new LiveRows(MultiGauge.builder("threadleaks.threads").baseUnit("threads").register(registry));
		Tags leaking = Tags.of("pool", "leaking-#", "state", "waiting");
		rows.update(Map.of(leaking, 1));
		AtomicBoolean updating = new AtomicBoolean(true);
		AtomicInteger scrapes = new AtomicInteger();
		AtomicReference<String> missed = new AtomicReference<>();
		Thread scraper = new Thread(() -> {
			while (updating.get()) {
				String scrape = registry.scrape();
				scrapes.incrementAndGet();
				if (!scrape.contains("threadleaks_threads{pool=\"leaking-#\",state=\"waiting\"}")) {
					missed.set(scrape);
				}
			}
		}, "live-rows-scraper");
		scraper.start();
		for (int i = 2; i <= 20_000; i++) {
			rows.update(Map.of(leaking, i));
		}
		updating.set(false);
		scraper.join(10_000);
		assertThat(missed.get()).as("a scrape without the series").isNull();
		assertThat(scrapes.get()).isPositive();
		assertThat(registry.scrape()).contains("threadleaks_threads{pool=\"leaking-#\",state=\"waiting\"} 20000.0");

		rows.update(Map.of(Tags.of("pool", "other-#", "state", "runnable"), 3));
		assertThat(registry.scrape()).doesNotContain("leaking-#")
			.contains("threadleaks_threads{pool=\"other-#\",state=\"runnable\"} 3.0");
	}

}
