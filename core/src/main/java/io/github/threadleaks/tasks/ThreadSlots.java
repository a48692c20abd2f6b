package io.github.threadleaks.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * Where a tracker's top-level work registers while it runs: one slot per thread that runs
 * such work, taken when the work starts and given back when it ends. A pool thread runs task
 * after task in its own slot, so starting and ending a task writes one field of an object no
 * other thread writes, instead of adding to and removing from a set all threads share.
 * <p>
 * The list of slots is read only to cancel or list running work. It holds a slot per live
 * thread that ever ran top-level work here; slots of threads that ended are dropped as new
 * threads register, so it never grows past twice the threads alive (plus a small floor).
 */
final class ThreadSlots {

	private static final int MIN_PRUNE = 64;

	private final ThreadLocal<Slot> mine = new ThreadLocal<>();

	/**
	 * What a slot knows its root by. Not the root itself: a pool thread that outlives this
	 * root (a context closed and opened again) keeps its last slot, and must not keep the
	 * root's list of slots and their threads with it.
	 */
	private final Object identity = new Object();

	private final List<Slot> all = new ArrayList<>();

	private int pruneAt = MIN_PRUNE;

	/**
	 * This thread's slot, registered on its first use.
	 */
	Slot mine() {
		Slot slot = this.mine.get();
		if (slot == null) {
			slot = register(Thread.currentThread());
			this.mine.set(slot);
		}
		return slot;
	}

	/**
	 * The tasks in the slots now, at most one per thread.
	 * @return a new list
	 */
	List<TrackedTask<?>> occupants() {
		List<TrackedTask<?>> tasks = new ArrayList<>();
		synchronized (this.all) {
			for (Slot slot : this.all) {
				TrackedTask<?> task = slot.task;
				if (task != null) {
					tasks.add(task);
				}
			}
		}
		return tasks;
	}

	/**
	 * Interrupts the thread whose slot holds this task, if one does: cancelling work directly
	 * under a root, whose thread registered by its slot rather than as its scope's owner. The
	 * interrupt comes after the lock, as it may run code of its own (an interruptible channel
	 * closes).
	 */
	void interruptRunning(TrackedTask<?> task) {
		Thread running = null;
		synchronized (this.all) {
			for (Slot slot : this.all) {
				if (slot.task == task) {
					running = slot.thread;
					break;
				}
			}
		}
		if (running != null) {
			running.interrupt();
		}
	}

	boolean anyOccupied() {
		synchronized (this.all) {
			for (Slot slot : this.all) {
				if (slot.task != null) {
					return true;
				}
			}
		}
		return false;
	}

	int registered() {
		synchronized (this.all) {
			return this.all.size();
		}
	}

	private Slot register(Thread thread) {
		Slot slot = new Slot(this.identity, thread);
		synchronized (this.all) {
			if (this.all.size() >= this.pruneAt) {
				this.all.removeIf((registered) -> !registered.thread.isAlive() && registered.task == null);
				this.pruneAt = Math.max(MIN_PRUNE, 2 * this.all.size());
			}
			this.all.add(slot);
		}
		return slot;
	}

	/**
	 * One thread's place for the top-level work it runs.
	 */
	static final class Slot {

		@SuppressWarnings("rawtypes")
		private static final AtomicReferenceFieldUpdater<Slot, TrackedTask> TASK = AtomicReferenceFieldUpdater
			.newUpdater(Slot.class, TrackedTask.class, "task");

		private final Object root;

		private final Thread thread;

		private volatile TrackedTask<?> task;

		Slot(Object root, Thread thread) {
			this.root = root;
			this.thread = thread;
		}

		boolean isIn(ThreadSlots slots) {
			return this.root == slots.identity;
		}

		boolean isFree() {
			return this.task == null;
		}

		/**
		 * The task running in this slot, or {@code null}: only the slot's own thread takes it,
		 * so on that thread this is the top-level work it runs now.
		 */
		@Nullable TrackedTask<?> task() {
			return this.task;
		}

		/**
		 * Takes the slot for a task. A full (volatile) write: the root's cancellation is read
		 * after it, and cancelling reads the slots after setting it, so one of the two always
		 * sees the other.
		 */
		void take(TrackedTask<?> task) {
			this.task = task;
		}

		/**
		 * Gives the slot back. An ordered write is enough: a canceller that still sees the
		 * ended task here interrupts a thread whose work is over, which a fence would not
		 * prevent either (the canceller may read the slot just before this write and
		 * interrupt just after the run cleared its interrupt). A pool clears that before its
		 * next task; {@code ThreadPoolExecutor} does.
		 */
		void free() {
			TASK.lazySet(this, null);
		}

	}

}
