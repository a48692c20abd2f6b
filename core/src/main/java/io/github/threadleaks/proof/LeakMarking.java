package io.github.threadleaks.proof;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The marking: Go's goroutine-leak GC, on a heap dump. Everything that can still run and
 * every GC root is marked first; a waiting thread whose {@code Thread} object or whatever it
 * waits on got marked may be woken, so it becomes a root in turn and marking resumes; at the
 * fixpoint the waiting threads nothing marked are leaked. Marks are a bit per object
 * number, and the first marker of each object is kept so a path can be shown.
 */
final class LeakMarking {

	/** JVMTI thread state bits, as {@code Thread.threadStatus} holds them. */
	static final int JVMTI_RUNNABLE = 0x4;

	static final int JVMTI_WAITING_INDEFINITELY = 0x10;

	static final int JVMTI_WAITING_WITH_TIMEOUT = 0x20;

	static final int JVMTI_SLEEPING = 0x40;

	static final int JVMTI_IN_OBJECT_WAIT = 0x100;

	static final int JVMTI_PARKED = 0x200;

	static final int JVMTI_BLOCKED_ON_MONITOR_ENTER = 0x400;

	/** How a thread waits, as far as the dump shows it. */
	enum Wait {

		/** Parked, untimed, with a blocker: the blocker is what would wake it. */
		PARKED,

		/** In {@code Object.wait()}, untimed: the monitor, among the locals of its wait frames. */
		OBJECT_WAIT,

		/** Entering a monitor another thread holds. */
		BLOCKED,

		PARKED_WITHOUT_BLOCKER, TIMED, SLEEPING, PINNED, OTHER_WAIT,

		/** RUNNABLE in a native method: a socket read, an accept, a poll; waiting, but not on the heap. */
		NATIVE,

		/** Running, or about to: not a waiting thread. */
		RUNNING

	}

	/** Why a waiting thread may still be woken. */
	enum Cause {

		/** Something that can run reaches what it waits on. */
		WAKER,

		/** Something that can run holds its {@code Thread}: it could unpark or interrupt it. */
		THREAD,

		/** It is blocked on a monitor whose owner can run, or whose owner is not known. */
		OWNER,

		/** Nothing: it is leaked. */
		NONE

	}

	/**
	 * One thread's outcome.
	 * @param thread the thread
	 * @param waitKind how it waits
	 * @param state its state
	 * @param cause why it may be woken
	 * @param target the object whose mark woke it (for a path), or -1
	 * @param wakers the objects it waits on
	 */
	record Marked(HeapGraph.DumpedThread thread, Wait waitKind, Thread.State state, Cause cause, int target,
			int[] wakers) {
	}

	private final HeapGraph graph;

	private final Map<Long, Long> monitorOwners;

	private final BitSet marks;

	private final int[] parent;

	/** The objects marked but not yet followed. */
	private final Queue queue;

	/** Root entries by serial of the thread they belong to. */
	private final Map<Integer, List<Integer>> rootsByThread = new HashMap<>();

	private LeakMarking(HeapGraph graph, Map<Long, Long> monitorOwners, LongSupplier heapBudget) {
		this.graph = graph;
		this.monitorOwners = monitorOwners;
		this.queue = new Queue(heapBudget);
		int n = graph.nodeCount();
		this.marks = new BitSet(n);
		this.parent = new int[n];
	}

	/**
	 * Marks a graph.
	 * @param graph the heap
	 * @param monitorOwners for threads blocked entering a monitor: the id of the thread owning
	 * it, as the JVM reported it the same both before and after the dump; a thread missing here
	 * has an owner nobody can judge
	 * @param deadline when to give up
	 * @param heapBudget how many bytes of heap the marking may take when its queue must grow
	 * @return the waiting and blocked threads, each with its outcome, and the marking for paths
	 */
	static Result mark(HeapGraph graph, Map<Long, Long> monitorOwners, Deadline deadline, LongSupplier heapBudget) {
		return new LeakMarking(graph, monitorOwners, heapBudget).run(deadline);
	}

	/** What marking found, and the marks to trace paths back through. */
	record Result(List<Marked> threads, int[] parent, BitSet marks) {

		/** The objects from a root to {@code node}, root first; the root is decoded by {@link #rootOf}. */
		List<Integer> pathTo(int node) {
			List<Integer> path = new ArrayList<>();
			int current = node;
			for (int guard = 0; current >= 0 && guard < 100_000; guard++) {
				path.add(0, current);
				current = this.parent[current];
			}
			return path;
		}

		/** The root entry that marked the first object of a path: an index into the graph's roots, or -1 for a class. */
		int rootOf(int firstNode) {
			return -2 - this.parent[firstNode];
		}

	}

	private Result run(Deadline deadline) {
		List<HeapGraph.Root> roots = this.graph.roots;
		for (int i = 0; i < roots.size(); i++) {
			HeapGraph.Root root = roots.get(i);
			if (root.threadSerial() != 0) {
				this.rootsByThread.computeIfAbsent(root.threadSerial(), (serial) -> new ArrayList<>()).add(i);
			}
		}
		List<Marked> waiting = new ArrayList<>();
		Map<Integer, Integer> candidateSerials = new HashMap<>();
		Map<Long, Integer> candidateByTid = new HashMap<>();
		for (HeapGraph.DumpedThread thread : this.graph.threads) {
			Wait wait = waitOf(thread);
			if (wait == Wait.RUNNING) {
				continue;
			}
			Marked marked = new Marked(thread, wait, stateOf(thread, wait), Cause.NONE, -1, wakers(thread, wait));
			if (isCandidate(marked)) {
				candidateSerials.put(thread.serial(), waiting.size());
				candidateByTid.put(thread.tid(), waiting.size());
			}
			waiting.add(marked);
		}
		// every class is a root (its statics are globals), and every root of a thread that may run
		for (int classNode : this.graph.classNodes) {
			mark(classNode, -2 - roots.size());
		}
		for (int i = 0; i < roots.size(); i++) {
			HeapGraph.Root root = roots.get(i);
			if (!candidateSerials.containsKey(root.threadSerial()) || root.threadSerial() == 0) {
				mark(this.graph.nodeOf(root.objectId()), -2 - i);
			}
		}
		drain(deadline);
		boolean changed = true;
		while (changed) {
			changed = false;
			for (Map.Entry<Integer, Integer> candidate : new ArrayList<>(candidateSerials.entrySet())) {
				Marked marked = waiting.get(candidate.getValue());
				Marked woken = wake(marked, candidateByTid, waiting);
				if (woken != null) {
					waiting.set(candidate.getValue(), woken);
					candidateSerials.remove(candidate.getKey());
					candidateByTid.remove(marked.thread().tid());
					for (int rootIndex : this.rootsByThread.getOrDefault(marked.thread().serial(), List.of())) {
						mark(this.graph.nodeOf(roots.get(rootIndex).objectId()), -2 - rootIndex);
					}
					changed = true;
				}
			}
			drain(deadline);
		}
		return new Result(List.copyOf(waiting), this.parent, this.marks);
	}

	private @Nullable Marked wake(Marked marked, Map<Long, Integer> candidateByTid, List<Marked> waiting) {
		HeapGraph.DumpedThread thread = marked.thread();
		// the waker first: its path says what a person needs to know, the Thread's path is usually the waker's plus a wait node
		if (marked.waitKind() != Wait.BLOCKED) {
			for (int waker : marked.wakers()) {
				if (waker >= 0 && this.marks.get(waker)) {
					return withCause(marked, Cause.WAKER, waker);
				}
			}
		}
		if (thread.node() >= 0 && this.marks.get(thread.node())) {
			return withCause(marked, Cause.THREAD, thread.node());
		}
		if (marked.waitKind() == Wait.BLOCKED) {
			Long owner = this.monitorOwners.get(thread.tid());
			if (owner == null || !candidateByTid.containsKey(owner)) {
				return withCause(marked, Cause.OWNER, -1);
			}
		}
		return null;
	}

	private static Marked withCause(Marked marked, Cause cause, int target) {
		return new Marked(marked.thread(), marked.waitKind(), marked.state(), cause, target, marked.wakers());
	}

	static boolean isCandidate(Marked marked) {
		return switch (marked.waitKind()) {
			case PARKED, OBJECT_WAIT, BLOCKED -> marked.wakers().length > 0 || marked.waitKind() == Wait.BLOCKED;
			default -> false;
		};
	}

	private void mark(int node, int parentCode) {
		if (node >= 0 && !this.marks.get(node)) {
			this.marks.set(node);
			this.parent[node] = parentCode;
			this.queue.add(node);
		}
	}

	private void drain(Deadline deadline) {
		int[] edgeStart = this.graph.edgeStart;
		int[] edges = this.graph.edges;
		int steps = 0;
		Queue queue = this.queue;
		while (!queue.isEmpty()) {
			int node = queue.take();
			for (int e = edgeStart[node], end = edgeStart[node + 1]; e < end; e++) {
				int target = edges[e];
				if (target >= 0 && !this.marks.get(target)) {
					this.marks.set(target);
					this.parent[target] = node;
					queue.add(target);
				}
			}
			if ((++steps & 0xFFFFF) == 0) {
				deadline.check();
			}
		}
	}

	Wait waitOf(HeapGraph.DumpedThread thread) {
		if (thread.virtual()) {
			return virtualWait(thread);
		}
		int status = thread.status();
		if (status < 0 || (status & 0x1) == 0) {
			return Wait.RUNNING;
		}
		if ((status & JVMTI_RUNNABLE) != 0) {
			return (!thread.stack().isEmpty() && thread.stack().get(0).line() == HeapGraph.Frame.NATIVE_LINE)
					? Wait.NATIVE : Wait.RUNNING;
		}
		if ((status & JVMTI_BLOCKED_ON_MONITOR_ENTER) != 0) {
			return Wait.BLOCKED;
		}
		if ((status & JVMTI_SLEEPING) != 0) {
			return Wait.SLEEPING;
		}
		if ((status & JVMTI_WAITING_WITH_TIMEOUT) != 0) {
			return Wait.TIMED;
		}
		if ((status & JVMTI_WAITING_INDEFINITELY) != 0) {
			if ((status & JVMTI_PARKED) != 0) {
				return (thread.parkBlockerId() != 0) ? Wait.PARKED : Wait.PARKED_WITHOUT_BLOCKER;
			}
			if ((status & JVMTI_IN_OBJECT_WAIT) != 0) {
				return Wait.OBJECT_WAIT;
			}
			return Wait.OTHER_WAIT;
		}
		return Wait.RUNNING;
	}

	private Wait virtualWait(HeapGraph.DumpedThread thread) {
		String state = null;
		for (Map.Entry<String, Long> entry : this.graph.virtualStates.entrySet()) {
			if (entry.getValue() == thread.virtualState()) {
				state = entry.getKey();
				break;
			}
		}
		if (state == null) {
			return Wait.OTHER_WAIT;
		}
		return switch (state) {
			case "PARKED" -> (thread.parkBlockerId() != 0) ? Wait.PARKED : Wait.PARKED_WITHOUT_BLOCKER;
			case "WAIT" -> Wait.OBJECT_WAIT;
			// a virtual thread's monitor owner is not something the JVM reports
			case "BLOCKED" -> Wait.OTHER_WAIT;
			case "PINNED" -> Wait.PINNED;
			case "TIMED_PARKED", "TIMED_PINNED", "TIMED_WAIT" -> Wait.TIMED;
			case "NEW", "TERMINATED" -> Wait.RUNNING;
			default -> state.contains("ING") || state.startsWith("UN") || state.equals("RUNNING")
					|| state.equals("STARTED") || state.equals("YIELDED") ? Wait.RUNNING : Wait.OTHER_WAIT;
		};
	}

	private static Thread.State stateOf(HeapGraph.DumpedThread thread, Wait wait) {
		return switch (wait) {
			case BLOCKED -> Thread.State.BLOCKED;
			case TIMED, SLEEPING -> Thread.State.TIMED_WAITING;
			case RUNNING, NATIVE -> Thread.State.RUNNABLE;
			default -> Thread.State.WAITING;
		};
	}

	private int[] wakers(HeapGraph.DumpedThread thread, Wait wait) {
		return switch (wait) {
			case PARKED -> {
				int blocker = this.graph.nodeOf(thread.parkBlockerId());
				yield (blocker >= 0) ? new int[] { blocker } : new int[0];
			}
			case OBJECT_WAIT -> monitorCandidates(thread);
			default -> new int[0];
		};
	}

	/**
	 * The objects among the locals of the wait frames: up to and including the first frame
	 * outside {@code java.lang.Object}. The monitor is one of them; taking them all can only
	 * make a thread look wakeable, never leaked.
	 */
	private int[] monitorCandidates(HeapGraph.DumpedThread thread) {
		int lastFrame = 0;
		List<HeapGraph.Frame> stack = thread.stack();
		while (lastFrame < stack.size() && stack.get(lastFrame).className().equals("java.lang.Object")) {
			lastFrame++;
		}
		// the wait frames' own locals first: the monitor is there, the caller's other locals after it
		List<long[]> nodes = new ArrayList<>();
		for (int rootIndex : this.rootsByThread.getOrDefault(thread.serial(), List.of())) {
			HeapGraph.Root root = this.graph.roots.get(rootIndex);
			if (root.kind() == HeapGraph.ROOT_JAVA_FRAME && root.frame() <= lastFrame) {
				int node = this.graph.nodeOf(root.objectId());
				if (node >= 0 && node != thread.node()) {
					nodes.add(new long[] { root.frame(), node });
				}
			}
		}
		nodes.sort(java.util.Comparator.comparingLong((entry) -> entry[0]));
		return nodes.stream().mapToInt((entry) -> (int) entry[1]).toArray();
	}

	/**
	 * A queue of object numbers in blocks of 64 Ki, taken when needed and given back when
	 * followed: it holds the widest front of the marking (one large array puts all its
	 * elements in it at once), which is usually a part of the heap, without the copy a
	 * growing array makes, where a queue of one entry per object would cost four bytes per
	 * object whatever the heap.
	 */
	static final class Queue {

		private static final int BLOCK = 1 << 16;

		private final LongSupplier heapBudget;

		private final ArrayDeque<int[]> blocks = new ArrayDeque<>();

		private int @Nullable [] spare;

		private int[] first = new int[BLOCK];

		private int[] last = this.first;

		private int head;

		private int tail;

		Queue(LongSupplier heapBudget) {
			this.heapBudget = heapBudget;
			this.blocks.add(this.first);
		}

		boolean isEmpty() {
			return this.first == this.last && this.head == this.tail;
		}

		void add(int node) {
			if (this.tail == BLOCK) {
				this.last = block();
				this.blocks.add(this.last);
				this.tail = 0;
			}
			this.last[this.tail++] = node;
		}

		int take() {
			if (this.head == BLOCK) {
				this.spare = this.blocks.poll();
				this.first = this.blocks.getFirst();
				this.head = 0;
			}
			return this.first[this.head++];
		}

		private int[] block() {
			int[] block = this.spare;
			if (block != null) {
				this.spare = null;
				return block;
			}
			long budget = this.heapBudget.getAsLong();
			if (BLOCK * 4L > budget) {
				throw new ProofException(ProofException.Reason.LIMIT, "The marking needs more heap for its queue ("
						+ this.blocks.size() * BLOCK + " objects waiting) but may take only "
						+ HeapDumpReader.megabytes(budget) + " MB more (half the free heap)");
			}
			return new int[BLOCK];
		}

	}

}
