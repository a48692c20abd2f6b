package io.github.threadleaks.sample;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.stereotype.Component;

/**
 * Threads named after their work: one per customer feed ({@code fetch-alice},
 * {@code fetch-bob}), letters only, so their names fold into no common pool and each is a
 * group of one. threadleaks groups them by their code as well, as Go groups goroutines by
 * stack, and names them {@code fetch-*}.
 */
@Component
class NamedPerCustomerScenario implements Scenario {

	private static final List<String> CUSTOMERS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace",
			"heidi", "ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor",
			"walter", "xena", "yann", "zoe");

	private final TaskTracker tracker;

	private final AtomicInteger next = new AtomicInteger();

	NamedPerCustomerScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "named-per-customer";
	}

	@Override
	public String leak() {
		return "a thread named after the customer (fetch-alice) waits in CompletableFuture.get() for a feed that never "
				+ "arrives";
	}

	@Override
	public String fix() {
		return "the fetch is a tracked task that waits with a timeout";
	}

	@Override
	public String pool() {
		return "fetch-*";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.CompletableFuture.get";
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			String name = "fetch-" + customer();
			CompletableFuture<String> feed = new CompletableFuture<>();
			Thread thread = new Thread(() -> awaitFeed(feed), name);
			thread.setDaemon(true);
			thread.start();
			return name;
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.tracked(this.tracker, "fetch-" + customer(), count, 1000, (scope) -> {
			CompletableFuture<String> feed = new CompletableFuture<>();
			try {
				return feed.get(200, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				return "no feed";
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		});
	}

	/** The next customer; past the list, names stay letters only ({@code alice-b}). */
	private String customer() {
		int n = this.next.getAndIncrement();
		String customer = CUSTOMERS.get(n % CUSTOMERS.size());
		int round = n / CUSTOMERS.size();
		StringBuilder suffix = new StringBuilder();
		while (round > 0) {
			suffix.insert(0, (char) ('a' + (round % 26)));
			round /= 26;
		}
		return (suffix.length() > 0) ? customer + "-" + suffix : customer;
	}

	private static void awaitFeed(CompletableFuture<String> feed) {
		try {
			feed.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
