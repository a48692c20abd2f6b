package io.github.threadleaks.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

/**
 * Java 21+: a virtual-thread executor created per request and never closed, its task
 * waiting for a reply nobody sends. Virtual threads are cheap, so this leaks memory slowly
 * and silently: {@code ThreadMXBean}, {@code jstack} and Boot's {@code threaddump} do not
 * see them at all. The waits stay reachable through the registry of pending replies, as in
 * a real reply router that lost a message: a virtual thread blocked forever that nothing
 * references can be garbage-collected by the JVM, which is not a leak. The executor is made
 * by reflection because the app compiles for Java 17.
 */
@Component
class VirtualExecutorPerRequestScenario implements Scenario {

	private final Map<Long, CompletableFuture<String>> pendingReplies = new ConcurrentHashMap<>();

	private final AtomicLong requests = new AtomicLong();

	@Override
	public String name() {
		return "virtual-executor-per-request";
	}

	@Override
	public String leak() {
		return "Executors.newVirtualThreadPerTaskExecutor per request, never closed, its task awaiting a reply forever";
	}

	@Override
	public String fix() {
		return "close the executor (try-with-resources) and give the wait a timeout (Java 21+)";
	}

	@Override
	public String pool() {
		return "java.util.concurrent.ThreadPerTaskExecutor";
	}

	@Override
	public String blockedIn() {
		return "java.util.concurrent.CompletableFuture.get";
	}

	@Override
	public String unavailableBecause() {
		return (Runtime.version().feature() >= 21) ? null
				: "needs virtual threads, Java 21 or later; this JVM is Java " + Runtime.version().feature();
	}

	@Override
	public List<String> runLeaky(int count) {
		return Scenarios.repeat(count, () -> {
			ExecutorService perRequest = newVirtualThreadPerTaskExecutor();
			CompletableFuture<String> reply = new CompletableFuture<>();
			this.pendingReplies.put(this.requests.incrementAndGet(), reply);
			perRequest.submit(() -> awaitReply(reply));
			return "unnamed virtual thread";
		});
	}

	@Override
	public List<String> runFixed(int count) {
		return Scenarios.repeat(count, () -> {
			ExecutorService perRequest = newVirtualThreadPerTaskExecutor();
			try {
				CompletableFuture<String> reply = new CompletableFuture<>();
				long request = this.requests.incrementAndGet();
				this.pendingReplies.put(request, reply);
				perRequest.submit(() -> reply.get(2, TimeUnit.SECONDS));
				this.pendingReplies.remove(request).complete("ok");
			}
			finally {
				perRequest.shutdown();
			}
			return "unnamed virtual thread (executor closed)";
		});
	}

	private static String awaitReply(CompletableFuture<String> reply) throws Exception {
		return reply.get();
	}

	private static ExecutorService newVirtualThreadPerTaskExecutor() {
		try {
			return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Virtual threads need Java 21+", ex);
		}
	}

}
