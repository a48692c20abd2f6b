package io.github.threadleaks.sample;

import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * A timer created per request and never cancelled: each {@code java.util.Timer} keeps its
 * thread waiting for more tasks forever. The timers are kept per invoice, as real code keeps
 * them in a field: a {@code Timer} that nothing references any more has its thread stopped
 * by the JDK once the garbage collector finds it, which is not a leak.
 */
@Component
class TimerPerRequestScenario implements Scenario, DisposableBean {

	private final java.util.concurrent.atomic.AtomicInteger timers = new java.util.concurrent.atomic.AtomicInteger();

	private final List<Timer> remindersByInvoice = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final ScheduledExecutorService shared = java.util.concurrent.Executors
		.newSingleThreadScheduledExecutor((runnable) -> new Thread(runnable, "invoice-reminders"));

	@Override
	public String name() {
		return "timer-per-request";
	}

	@Override
	public String leak() {
		return "a java.util.Timer per request, never cancelled";
	}

	@Override
	public String fix() {
		return "one shared scheduler for every request, shut down with the application";
	}

	@Override
	public String pool() {
		return "invoice-timer-#";
	}

	@Override
	public String blockedIn() {
		return "java.util.TimerThread.mainLoop";
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			Timer timer = new Timer("invoice-timer-" + this.timers.incrementAndGet(), true);
			this.remindersByInvoice.add(timer);
			timer.schedule(new TimerTask() {
				@Override
				public void run() {
					// remind the customer once; nobody ever calls timer.cancel()
				}
			}, 10);
			return "invoice-timer-" + this.timers.get();
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.repeat(count, () -> {
			this.shared.schedule(() -> { }, 10, TimeUnit.MILLISECONDS);
			return "invoice-reminders";
		});
	}

	@Override
	public void destroy() {
		this.shared.shutdownNow();
	}

}
