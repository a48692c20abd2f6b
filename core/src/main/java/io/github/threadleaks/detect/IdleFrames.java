package io.github.threadleaks.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.threadleaks.snapshot.StackFrames;

/**
 * Knows where a waiting thread really waits, and which of those places mean "waiting for
 * work" rather than "stuck".
 * <p>
 * The <em>blocking frame</em> is the first frame below the JDK's waiting primitives
 * ({@code Unsafe.park}, {@code LockSupport}, the queued synchronizers, {@code Object.wait}
 * ...): {@code LinkedBlockingQueue.take}, {@code CountDownLatch.await},
 * {@code CompletableFuture.get}. That is the frame a person needs first, and the one idle
 * patterns are matched against (with the few frames below it, so that a pool's
 * {@code getTask} under a queue's {@code take} counts).
 */
public final class IdleFrames {

	/** How many frames from the blocking frame down are matched against idle patterns. */
	private static final int IDLE_SEARCH_DEPTH = 4;

	private static final Globs WAITING_PRIMITIVES = Globs.of(List.of(
			"jdk.internal.misc.Unsafe.park", "sun.misc.Unsafe.park",
			"java.util.concurrent.locks.LockSupport.*",
			"java.util.concurrent.locks.AbstractQueuedSynchronizer*",
			"java.util.concurrent.locks.AbstractQueuedLongSynchronizer*",
			"java.util.concurrent.ForkJoinPool.managedBlock", "java.util.concurrent.ForkJoinPool.unmanagedBlock",
			"java.util.concurrent.ForkJoinPool.compensatedBlock",
			"java.util.concurrent.CompletableFuture$Signaller.*", "java.util.concurrent.CompletableFuture.waitingGet",
			"java.util.concurrent.CompletableFuture.timedGet", "java.util.concurrent.FutureTask.awaitDone",
			"java.util.concurrent.SynchronousQueue$Transfer*", "java.util.concurrent.SynchronousQueue.xfer",
			"java.util.concurrent.LinkedTransferQueue$DualNode.*", "java.util.concurrent.LinkedTransferQueue.xfer",
			"java.util.concurrent.LinkedTransferQueue.awaitMatch",
			"java.lang.Object.wait", "java.lang.Object.wait0",
			"java.lang.Thread.sleep0", "java.lang.Thread.sleepNanos", "java.lang.Thread.sleepNanos0",
			// how a virtual thread parks, waits and sleeps (Java 21+)
			"java.lang.VirtualThread.*", "java.lang.System$*.parkVirtualThread*", "jdk.internal.misc.VirtualThreads.*"));

	/**
	 * Where threads wait for work, for a connection or for the JVM: never stuck.
	 */
	public static final List<String> DEFAULT_IDLE_FRAMES = List.of(
			// pools and queues waiting for work
			"*.getTask", "java.util.concurrent.*Queue*.take", "java.util.concurrent.*Queue*.poll",
			"java.util.concurrent.*Deque.take*", "java.util.concurrent.*Deque.poll*",
			"java.util.concurrent.ForkJoinPool.awaitWork", "java.util.concurrent.ForkJoinPool.awaitQuiescence",
			"java.util.TimerThread.mainLoop",
			// selectors and accept loops
			"sun.nio.ch.*.doSelect", "sun.nio.ch.EPoll.wait", "sun.nio.ch.KQueue.poll", "sun.nio.ch.Net.poll",
			"sun.nio.ch.Net.accept", "sun.nio.ch.*.accept", "java.net.ServerSocket.accept",
			"java.net.PlainSocketImpl.socketAccept",
			// the JVM's own service threads
			"java.lang.ref.Reference.waitForReferencePendingList", "java.lang.ref.ReferenceQueue.remove*",
			"java.lang.ref.Finalizer$FinalizerThread.run", "jdk.internal.ref.CleanerImpl.run",
			"jdk.internal.misc.InnocuousThread.run", "java.lang.ProcessHandleImpl*.run",
			"jdk.jfr.internal.*");

	private final Globs idle;

	/**
	 * @param extraIdleFrames patterns added to {@link #DEFAULT_IDLE_FRAMES}
	 */
	public IdleFrames(Collection<String> extraIdleFrames) {
		List<String> patterns = new ArrayList<>(DEFAULT_IDLE_FRAMES);
		patterns.addAll(extraIdleFrames);
		this.idle = Globs.of(patterns);
	}

	/**
	 * The index of the blocking frame: the first frame below the waiting primitives (0 for a
	 * thread that is not in one).
	 * @param stack the stack, top frame first
	 * @return the index, or 0 for an empty stack
	 */
	public static int blockingFrameIndex(List<StackTraceElement> stack) {
		for (int i = 0; i < stack.size(); i++) {
			if (!WAITING_PRIMITIVES.matches(StackFrames.methodName(stack.get(i)))) {
				return i;
			}
		}
		return 0;
	}

	/**
	 * The stack from its blocking frame down.
	 * @param stack the stack, top frame first
	 * @return the frames from the blocking frame on
	 */
	public static List<StackTraceElement> fromBlockingFrame(List<StackTraceElement> stack) {
		return stack.subList(blockingFrameIndex(stack), stack.size());
	}

	/**
	 * Whether a thread with this stack waits where waiting is normal.
	 * @param stack the stack, top frame first
	 * @return whether it is idle
	 */
	public boolean isIdle(List<StackTraceElement> stack) {
		int from = blockingFrameIndex(stack);
		int to = Math.min(stack.size(), from + IDLE_SEARCH_DEPTH);
		for (int i = from; i < to; i++) {
			if (this.idle.matches(StackFrames.methodName(stack.get(i)))) {
				return true;
			}
		}
		return false;
	}

}
