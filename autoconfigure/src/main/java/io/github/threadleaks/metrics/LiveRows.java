package io.github.threadleaks.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The rows of one {@link MultiGauge} whose values change in place. Registering rows with
 * fixed numbers and {@code overwrite} removes and re-adds every meter at each update, and a
 * scrape that falls between the two misses the series; here a row is registered once per
 * tag set and reads a holder the update sets, and only rows that are gone are removed.
 */
final class LiveRows {

	private final MultiGauge gauge;

	private final Map<Tags, AtomicLong> values = new HashMap<>();

	LiveRows(MultiGauge gauge) {
		this.gauge = gauge;
	}

	synchronized void update(Map<Tags, Integer> counts) {
		this.values.keySet().retainAll(counts.keySet());
		List<MultiGauge.Row<?>> rows = new ArrayList<>(counts.size());
		counts.forEach((tags, count) -> {
			AtomicLong holder = this.values.computeIfAbsent(tags, (key) -> new AtomicLong());
			holder.set(count);
			rows.add(MultiGauge.Row.of(tags, holder, AtomicLong::doubleValue));
		});
		this.gauge.register(rows, false);
	}

}
