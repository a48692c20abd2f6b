package io.github.threadleaks.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.threadleaks.tasks.LeftoverThreads;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * When the application is ready, remembers its threads and registers a shutdown handler that
 * runs after the context has closed (so Spring's own pools have stopped) and reports the
 * non-daemon threads started since that are still alive after a short grace. It writes to
 * standard error, since logging may already be shut down by then.
 */
class LeftoverThreadsReporter implements ApplicationListener<ApplicationReadyEvent> {

	private final Duration grace;

	private volatile boolean registered;

	LeftoverThreadsReporter(Duration grace) {
		this.grace = grace;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.registered) {
			return;
		}
		this.registered = true;
		LeftoverThreads baseline = LeftoverThreads.baselineNow();
		SpringApplication.getShutdownHandlers().add(() -> {
			List<Thread> leftovers = baseline.awaitLeftovers(this.grace);
			if (!leftovers.isEmpty()) {
				System.err.println(LeftoverThreads.report(leftovers));
			}
		});
	}

}
