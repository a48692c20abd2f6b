package io.github.threadleaks.detect;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Blocking frames and idle frames of real threads' stacks on the running JDK.
 */
class IdleFramesTests {

	private final IdleFrames idle = new IdleFrames(List.of("app.Custom.waitForJob"));

	@Test
	void aPoolWorkerWaitingForWorkIsIdleAndBlocksInItsQueue() throws Exception {
		ExecutorService pool = Executors.newSingleThreadExecutor((runnable) -> new Thread(runnable, "idle-probe"));
		try {
			pool.submit(() -> { }).get();
			List<StackTraceElement> stack = stackOf("idle-probe", Thread.State.WAITING);
			assertThat(this.idle.isIdle(stack)).isTrue();
			assertThat(name(IdleFrames.fromBlockingFrame(stack).get(0)))
				.isEqualTo("java.util.concurrent.LinkedBlockingQueue.take");
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aThreadWaitingForAFutureBlocksInGetAndIsNotIdle() {
		CompletableFuture<Object> never = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				never.get();
			}
			catch (Exception ex) {
				Thread.currentThread().interrupt();
			}
		}, "future-probe");
		thread.setDaemon(true);
		thread.start();
		try {
			List<StackTraceElement> stack = stackOf("future-probe", Thread.State.WAITING);
			assertThat(name(IdleFrames.fromBlockingFrame(stack).get(0)))
				.isEqualTo("java.util.concurrent.CompletableFuture.get");
			assertThat(this.idle.isIdle(stack)).isFalse();
		}
		finally {
			never.complete(null);
		}
	}

	@Test
	void aLatchWaitIsNotIdle() {
		CountDownLatch latch = new CountDownLatch(1);
		Thread thread = new Thread(() -> {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "latch-probe");
		thread.setDaemon(true);
		thread.start();
		try {
			List<StackTraceElement> stack = stackOf("latch-probe", Thread.State.WAITING);
			assertThat(name(IdleFrames.fromBlockingFrame(stack).get(0)))
				.isEqualTo("java.util.concurrent.CountDownLatch.await");
			assertThat(this.idle.isIdle(stack)).isFalse();
		}
		finally {
			latch.countDown();
		}
	}

	@Test
	void extraIdleFramesAreHonoured() {
		List<StackTraceElement> stack = List.of(new StackTraceElement("java.lang.Object", "wait", null, -2),
				new StackTraceElement("app.Custom", "waitForJob", "Custom.java", 10));
		assertThat(this.idle.isIdle(stack)).isTrue();
		assertThat(new IdleFrames(List.of()).isIdle(stack)).isFalse();
	}

	private static List<StackTraceElement> stackOf(String name, Thread.State state) {
		ThreadInfo[] found = new ThreadInfo[1];
		await().until(() -> {
			for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
				if (info.getThreadName().equals(name) && info.getThreadState() == state) {
					found[0] = info;
					return true;
				}
			}
			return false;
		});
		return Arrays.asList(found[0].getStackTrace());
	}

	private static String name(StackTraceElement frame) {
		return frame.getClassName() + "." + frame.getMethodName();
	}

}
