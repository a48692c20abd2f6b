package io.github.threadleaks.proof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import io.github.threadleaks.snapshot.SafeText;
import org.jspecify.annotations.Nullable;

/**
 * Reads a dump, marks it and puts each waiting thread's outcome into words: one more pass
 * over the file names the classes and fields along the paths and the threads' names, so the
 * tables kept in memory never hold a string of the application's.
 */
final class ProofAnalysis {

	/** A path shows at most this many steps, its root first. */
	static final int MAX_PATH_STEPS = 12;

	private ProofAnalysis() {
	}

	/**
	 * Analyses a dump.
	 * @param dump the HPROF file
	 * @param monitorOwners owner thread id of each blocked thread's monitor, where the JVM
	 * reported the same one before and after the dump
	 * @param deadline when to give up
	 * @param heapBudget how many bytes of heap the analysis may take
	 * @return a verdict per waiting or blocked thread
	 */
	static List<ThreadProof> analyse(Path dump, Map<Long, Long> monitorOwners, Deadline deadline,
			LongSupplier heapBudget) throws IOException {
		return analyse(dump, monitorOwners, deadline, heapBudget, AddressRanks.builder());
	}

	/** The same, with objects numbered another way: for tests that compare numberings. */
	static List<ThreadProof> analyse(Path dump, Map<Long, Long> monitorOwners, Deadline deadline,
			LongSupplier heapBudget, ObjectNumbers.Builder numbering) throws IOException {
		HeapGraph graph = HeapDumpReader.read(dump, deadline, heapBudget, numbering);
		LeakMarking.Result marking = LeakMarking.mark(graph, monitorOwners, deadline, heapBudget);
		Map<Integer, List<Integer>> paths = new HashMap<>();
		Set<Integer> named = new HashSet<>();
		for (LeakMarking.Marked marked : marking.threads()) {
			if (marked.target() >= 0 && (marked.cause() == LeakMarking.Cause.WAKER
					|| marked.cause() == LeakMarking.Cause.THREAD)) {
				List<Integer> path = shorten(marking.pathTo(marked.target()));
				paths.put(marked.thread().node(), path);
				path.stream().filter((node) -> node != null).forEach(named::add);
			}
			for (int waker : marked.wakers()) {
				named.add(waker);
			}
		}
		Map<Integer, Long> ids = graph.idsOf(named);
		Names names = new Names(graph, ids, paths, marking);
		HeapDumpReader.lookUp(dump, graph, names, deadline);
		List<ThreadProof> proofs = new ArrayList<>();
		Map<Long, String> threadNamesByTid = new HashMap<>();
		for (LeakMarking.Marked marked : marking.threads()) {
			threadNamesByTid.put(marked.thread().tid(), names.threadName(marked.thread()));
		}
		for (LeakMarking.Marked marked : marking.threads()) {
			proofs.add(proof(graph, marking, marked, names, paths.get(marked.thread().node()), monitorOwners,
					threadNamesByTid));
		}
		return proofs;
	}

	/** Keeps the root and the steps nearest the target; a null marks what was left out. */
	private static List<Integer> shorten(List<Integer> path) {
		if (path.size() <= MAX_PATH_STEPS) {
			return path;
		}
		List<Integer> shortened = new ArrayList<>();
		shortened.add(path.get(0));
		shortened.add(null);
		shortened.addAll(path.subList(path.size() - (MAX_PATH_STEPS - 2), path.size()));
		return shortened;
	}

	private static ThreadProof proof(HeapGraph graph, LeakMarking.Result marking, LeakMarking.Marked marked,
			Names names, @Nullable List<Integer> path, Map<Long, Long> monitorOwners,
			Map<Long, String> threadNamesByTid) {
		HeapGraph.DumpedThread thread = marked.thread();
		List<StackTraceElement> stack = thread.stack().stream().map(HeapGraph.Frame::toElement).toList();
		String waitingOn = names.waitingOn(marked);
		String what = (waitingOn != null) ? "the " + HeapClass.simpleName(waitingOn) : "the monitor";
		String name = names.threadName(thread);
		Verdict verdict;
		String reason;
		List<String> steps = List.of();
		boolean candidate = LeakMarking.isCandidate(marked);
		if (!candidate) {
			verdict = Verdict.UNKNOWN;
			reason = ProofWords.unknownReason(marked.waitKind(), marked.wakers().length == 0);
		}
		else if (marked.cause() == LeakMarking.Cause.NONE) {
			if (graph.virtualThreadsWithoutStack > 0) {
				verdict = Verdict.UNKNOWN;
				reason = "This JVM wrote no stack into the dump for " + graph.virtualThreadsWithoutStack
						+ " virtual threads that can still run, so what they hold cannot be seen and nothing is proven";
			}
			else if (marked.waitKind() == LeakMarking.Wait.BLOCKED) {
				verdict = Verdict.LEAKED;
				Long owner = monitorOwners.get(thread.tid());
				reason = "It is blocked entering a monitor held by thread '"
						+ SafeText.neutralize(threadNamesByTid.getOrDefault(owner, "#" + owner))
						+ "', which is itself leaked and so can never release it";
			}
			else {
				verdict = Verdict.LEAKED;
				reason = "Nothing that can still run, and no static field or other GC root, reaches " + what
						+ " it waits on, nor its Thread: nothing can ever wake it";
			}
		}
		else if (marked.cause() == LeakMarking.Cause.OWNER) {
			verdict = Verdict.UNKNOWN;
			reason = "It is blocked entering a monitor: a heap dump does not show who holds it, and the thread the JVM"
					+ " names as its owner can still run (or none was named)";
		}
		else {
			verdict = Verdict.REACHABLE;
			steps = (path != null) ? names.steps(path, marking, threadNamesByTid) : List.of();
			String root = steps.isEmpty() ? "a GC root" : steps.get(0);
			reason = (marked.cause() == LeakMarking.Cause.THREAD)
					? "Its Thread object is reachable from " + root + ", so something can still unpark or interrupt it"
					: what + " it waits on is reachable from " + root + ", so something can still wake it";
			reason = Character.toUpperCase(reason.charAt(0)) + reason.substring(1);
		}
		return new ThreadProof(thread.tid(), name, thread.virtual(), marked.state(), stack, waitingOn, verdict, reason,
				steps);
	}

	/** The lookup pass: class names of the objects on paths, the fields between them, the threads' names. */
	private static final class Names extends HeapDumpReader.Lookup {

		private final HeapGraph graph;

		private final LongMap<Integer> nodeById = new LongMap<>();

		private final Map<Integer, Long> idByNode;

		/** Child ids wanted, by parent id. */
		private final Map<Long, Set<Long>> children = new HashMap<>();

		private final Map<Long, String> classOf = new HashMap<>();

		private final Map<Long, Map<Long, String>> fieldOf = new HashMap<>();

		/** Value array id → id of the thread name String it holds the characters of. */
		private final LongMap<Long> stringOfValue = new LongMap<>();

		private final Map<Long, String> decoded = new HashMap<>();

		Names(HeapGraph graph, Map<Integer, Long> ids, Map<Integer, List<Integer>> paths, LeakMarking.Result marking) {
			this.graph = graph;
			this.idByNode = ids;
			ids.forEach((node, id) -> this.nodeById.put(id, node));
			for (List<Integer> path : paths.values()) {
				for (int i = 1; i < path.size(); i++) {
					Integer from = path.get(i - 1);
					Integer to = path.get(i);
					if (from != null && to != null) {
						this.children.computeIfAbsent(ids.get(from), (id) -> new HashSet<>()).add(ids.get(to));
					}
				}
			}
			// the reader found each name's String; its characters are what this pass reads
			graph.nameStrings.forEach((string, value) -> {
				if (value[0] != 0) {
					this.stringOfValue.put(value[0], string);
				}
			});
		}

		@Override
		void classDump(HeapDumpReader reader, long id) {
			if (!this.nodeById.containsKey(id)) {
				return;
			}
			HeapClass type = this.graph.classes.get(id);
			this.classOf.put(id, "class " + type.name);
			Set<Long> wanted = this.children.get(id);
			if (wanted == null) {
				return;
			}
			Map<Long, String> fields = this.fieldOf.computeIfAbsent(id, (key) -> new HashMap<>());
			for (int i = 0; i < type.staticRefValues.length; i++) {
				if (wanted.contains(type.staticRefValues[i])) {
					fields.putIfAbsent(type.staticRefValues[i],
							"static field " + this.graph.strings.getOrDefault(type.staticRefNameIds[i], "?"));
				}
			}
			if (wanted.contains(type.superId)) {
				fields.putIfAbsent(type.superId, "superclass");
			}
			for (int i = 0; i < type.holderRefs.length; i++) {
				if (wanted.contains(type.holderRefs[i])) {
					fields.putIfAbsent(type.holderRefs[i], (i == 0) ? "class loader" : "<class data>");
				}
			}
		}

		@Override
		void instance(HeapDumpReader reader, long id, HeapClass type, ByteBuffer buffer, int base) {
			if (!this.nodeById.containsKey(id)) {
				return;
			}
			this.classOf.put(id, type.name);
			Set<Long> wanted = this.children.get(id);
			if (wanted == null) {
				return;
			}
			Map<Long, String> fields = this.fieldOf.computeIfAbsent(id, (key) -> new HashMap<>());
			for (int i = 0; i < type.refOffsets.length; i++) {
				long ref = reader.idAt(base + type.refOffsets[i]);
				if (wanted.contains(ref)) {
					String field = type.refFieldNames[i];
					fields.putIfAbsent(ref, field.substring(field.lastIndexOf('.') + 1));
				}
			}
		}

		@Override
		void objectArray(long id, long arrayClassId) {
			if (this.nodeById.containsKey(id)) {
				HeapClass type = this.graph.classes.get(arrayClassId);
				this.classOf.put(id, (type != null) ? type.name : "Object[]");
			}
		}

		@Override
		boolean wantsArray(long id) {
			return this.children.containsKey(id);
		}

		@Override
		void arrayElement(long arrayId, int index, long element) {
			if (this.children.get(arrayId).contains(element)) {
				this.fieldOf.computeIfAbsent(arrayId, (key) -> new HashMap<>()).putIfAbsent(element, "[" + index + "]");
			}
		}

		@Override
		boolean wantsString(long id) {
			return this.stringOfValue.containsKey(id);
		}

		@Override
		void stringValue(long arrayId, int type, byte[] bytes) {
			long string = this.stringOfValue.get(arrayId);
			this.decoded.put(string, HeapDumpReader.decode(type, bytes, (int) this.graph.nameStrings.get(string)[1]));
		}

		String threadName(HeapGraph.DumpedThread thread) {
			return this.decoded.getOrDefault(thread.nameId(), "");
		}

		@Nullable
		String waitingOn(LeakMarking.Marked marked) {
			for (int waker : marked.wakers()) {
				String type = className(waker);
				if (type != null) {
					return type;
				}
			}
			return null;
		}

		@Nullable
		private String className(@Nullable Integer node) {
			if (node == null) {
				return null;
			}
			Long id = this.idByNode.get(node);
			return (id != null) ? this.classOf.get(id) : null;
		}

		List<String> steps(List<Integer> path, LeakMarking.Result marking, Map<Long, String> threadNamesByTid) {
			List<String> steps = new ArrayList<>();
			Integer first = path.get(0);
			steps.add(rootWords(marking.rootOf(first), className(first), threadNamesByTid));
			for (int i = 1; i < path.size(); i++) {
				Integer node = path.get(i);
				Integer previous = path.get(i - 1);
				if (node == null) {
					steps.add("…");
					continue;
				}
				String field = null;
				if (previous != null) {
					Map<Long, String> fields = this.fieldOf.get(this.idByNode.get(previous));
					field = (fields != null) ? fields.get(this.idByNode.get(node)) : null;
				}
				String type = className(node);
				String via = (field == null) ? "?" : (field.startsWith("static ") || field.startsWith("[")
						|| field.contains(" ")) ? field : "." + field;
				steps.add(via + " → " + ((type != null) ? type : "?"));
			}
			return steps;
		}

		private String rootWords(int rootIndex, @Nullable String type, Map<Long, String> threadNamesByTid) {
			String object = (type != null) ? type : "?";
			if (rootIndex < 0 || rootIndex >= this.graph.roots.size()) {
				return object + " (a class: its static fields are GC roots)";
			}
			HeapGraph.Root root = this.graph.roots.get(rootIndex);
			String threadName = "?";
			for (HeapGraph.DumpedThread thread : this.graph.threads) {
				if (thread.serial() == root.threadSerial()) {
					threadName = SafeText.neutralize(threadName(thread));
				}
			}
			return switch (root.kind()) {
				case HeapGraph.ROOT_JAVA_FRAME -> "a local variable of thread '" + threadName + "', which can run (frame "
						+ root.frame() + "): " + object;
				case HeapGraph.ROOT_THREAD_OBJECT -> "thread '" + threadName + "', which can run: " + object;
				case HeapGraph.ROOT_JNI_LOCAL -> "a JNI local of thread '" + threadName + "': " + object;
				case HeapGraph.ROOT_JNI_GLOBAL -> "a JNI global reference (GC root): " + object;
				case HeapGraph.ROOT_STICKY_CLASS -> object + " (a system class: a GC root)";
				default -> "a GC root: " + object;
			};
		}

	}

}
