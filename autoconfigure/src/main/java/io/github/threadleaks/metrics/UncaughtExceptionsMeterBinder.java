package io.github.threadleaks.metrics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadleaks.detect.UncaughtExceptions;
import io.github.threadleaks.snapshot.PoolNames;
import io.github.threadleaks.snapshot.SafeText;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * {@code threadleaks_uncaught_exceptions_total}: threads that died of an uncaught exception,
 * by pool, the JVM's equivalent of a panic in a goroutine. The JVM-wide handler
 * ({@link UncaughtExceptions}) is installed when the first registry binds, not before, and
 * {@link #close()} takes this binder's listener back off it. Pool tags are bounded: past
 * {@code maxPools} distinct pools, deaths count under {@code pool="other"}.
 */
public final class UncaughtExceptionsMeterBinder implements MeterBinder, AutoCloseable {

	private final int maxPools;

	private final Set<String> pools = ConcurrentHashMap.newKeySet();

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private @Nullable AutoCloseable registration;

	/**
	 * @param maxPools how many pools keep their own tag value
	 */
	public UncaughtExceptionsMeterBinder(int maxPools) {
		if (maxPools < 1) {
			throw new IllegalArgumentException("maxPools must be at least 1, was " + maxPools);
		}
		this.maxPools = maxPools;
	}

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		if (this.registration == null) {
			this.registration = UncaughtExceptions.listen(this::count);
		}
	}

	@Override
	public synchronized void close() throws Exception {
		AutoCloseable listening = this.registration;
		this.registration = null;
		if (listening != null) {
			listening.close();
		}
		this.registries.clear();
	}

	private void count(Thread thread, Throwable exception) {
		String pool = SafeText.neutralize(PoolNames.fold(thread.getName()));
		if (!this.pools.contains(pool)) {
			if (this.pools.size() >= this.maxPools) {
				pool = ThreadLeaksMeterBinder.OTHER_POOLS;
			}
			this.pools.add(pool);
		}
		for (MeterRegistry registry : this.registries) {
			registry.counter("threadleaks.uncaught.exceptions", "pool", pool).increment();
		}
	}

}
