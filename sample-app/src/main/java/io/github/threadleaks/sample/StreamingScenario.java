package io.github.threadleaks.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.tasks.TaskScope;
import io.github.threadleaks.tasks.TaskTracker;
import io.github.threadleaks.tasks.TrackedTask;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Go's first rule, "every goroutine listens to ctx.Done()", for streaming and async
 * responses: the work a request starts is tracked work in the request's scope, so a client
 * that goes away (a failed write) or an async request that times out cancels it.
 */
@Component
public class StreamingScenario {

	private static final Duration TICK = Duration.ofMillis(50);

	private final TaskTracker tracker;

	private final AtomicReference<TrackedTask<?>> lastStream = new AtomicReference<>();

	private final AtomicReference<TrackedTask<?>> lastSlowJob = new AtomicReference<>();

	StreamingScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	/**
	 * The leak: streams ticks from a plain thread that ignores failed writes, so it outlives
	 * every client that gave up, one {@code ticker-N} thread per stream, forever.
	 */
	public SseEmitter leakyTicks() {
		SseEmitter emitter = new SseEmitter(0L);
		Scenarios.startThread("ticker", () -> {
			long tick = 0;
			while (true) {
				try {
					emitter.send(SseEmitter.event().name("tick").data(tick++));
				}
				catch (IOException | IllegalStateException ex) {
					// the bug: keep going as if someone were still listening
				}
				try {
					Thread.sleep(TICK.toMillis());
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		});
		return emitter;
	}

	/**
	 * The fix: streams a tick every 50 ms as tracked work of the request, cancelled when the
	 * client goes away.
	 */
	public SseEmitter ticks() {
		SseEmitter emitter = new SseEmitter(0L);
		this.lastStream.set(this.tracker.submit("stream-ticks", (scope) -> {
			long tick = 0;
			while (true) {
				scope.throwIfCancelled();
				try {
					emitter.send(SseEmitter.event().name("tick").data(tick++));
				}
				catch (IOException ex) {
					// the client is gone; the starter has already cancelled this request's scope,
					// so this task ends as cancelled, not failed
					throw new UncheckedIOException(ex);
				}
				pause(scope);
			}
		}));
		return emitter;
	}

	/**
	 * An async request whose work waits for a result that never comes; the request times out
	 * and its work is cancelled.
	 */
	public DeferredResult<String> slowJob(long timeoutMillis) {
		DeferredResult<String> result = new DeferredResult<>(timeoutMillis, "timed out");
		this.lastSlowJob.set(this.tracker.submit("slow-job", (scope) -> {
			try {
				String value = new LinkedBlockingQueue<String>().take();
				result.setResult(value);
				return value;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
		}));
		return result;
	}

	public TrackedTask<?> lastStream() {
		return this.lastStream.get();
	}

	public TrackedTask<?> lastSlowJob() {
		return this.lastSlowJob.get();
	}

	private static void pause(TaskScope scope) {
		try {
			Thread.sleep(TICK.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			scope.throwIfCancelled();
		}
	}

}
