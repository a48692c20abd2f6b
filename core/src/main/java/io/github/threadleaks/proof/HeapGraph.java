package io.github.threadleaks.proof;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What the analysis keeps of a dump: every class, the GC roots, the threads, and the object
 * graph as compact tables. Objects are numbered by {@link ObjectNumbers} (primitive arrays,
 * which reference nothing, are left out); the references of object {@code n} are
 * {@code edges[edgeStart[n]]} to {@code edges[edgeStart[n + 1] - 1]}, as such numbers
 * (-1 for a reference to an object without a number).
 * Nothing of the objects' contents is kept.
 */
final class HeapGraph {

	/** HPROF root kinds HotSpot writes. */
	static final int ROOT_UNKNOWN = 0xFF;

	static final int ROOT_JNI_GLOBAL = 0x01;

	static final int ROOT_JNI_LOCAL = 0x02;

	static final int ROOT_JAVA_FRAME = 0x03;

	static final int ROOT_NATIVE_STACK = 0x04;

	static final int ROOT_STICKY_CLASS = 0x05;

	static final int ROOT_THREAD_BLOCK = 0x06;

	static final int ROOT_MONITOR_USED = 0x07;

	static final int ROOT_THREAD_OBJECT = 0x08;

	record Root(int kind, long objectId, int threadSerial, int frame) {
	}

	record Frame(String className, String method, @Nullable String sourceFile, int line) {

		/** The line HotSpot writes for a native method's frame. */
		static final int NATIVE_LINE = -3;

		StackTraceElement toElement() {
			return new StackTraceElement(this.className, this.method, this.sourceFile,
					(this.line == NATIVE_LINE) ? -2 : this.line);
		}

	}

	/**
	 * A thread as the dump saw it at the safepoint.
	 * @param node its object's number
	 * @param objectId its object's id
	 * @param serial the dump's thread serial, or 0 when the dump has no root for it
	 * @param tid {@code Thread.tid}, what {@link Thread#getId()} returns
	 * @param status the JVMTI state bits of a platform thread, or -1
	 * @param virtualState {@code VirtualThread.state}, or -1 for a platform thread
	 * @param parkBlockerId {@code Thread.parkBlocker}, or 0
	 * @param nameId the id of its name string, or 0
	 * @param stack its frames, top first
	 */
	record DumpedThread(int node, long objectId, int serial, long tid, int status, int virtualState,
			long parkBlockerId, long nameId, List<Frame> stack) {

		boolean virtual() {
			return this.virtualState >= 0;
		}

	}

	final int idSize;

	final LongMap<String> strings;

	final LongMap<HeapClass> classes;

	final List<Root> roots;

	final List<DumpedThread> threads;

	/** Ids to object numbers. */
	final ObjectNumbers ids;

	final int[] edgeStart;

	final int[] edges;

	/** Number of every class object: the classes are roots, their statics globals. */
	final int[] classNodes;

	/** {@code VirtualThread}'s state constants by name, read from the dump itself. */
	final Map<String, Long> virtualStates;

	/** Live virtual threads the dump gives no stack for: their locals are invisible. */
	final int virtualThreadsWithoutStack;

	/** Thread name String id to its value array's id and coder (0 and 0 when the String was not found). */
	final LongMap<long[]> nameStrings;

	HeapGraph(int idSize, LongMap<String> strings, LongMap<HeapClass> classes, List<Root> roots,
			List<DumpedThread> threads, ObjectNumbers ids, int[] edgeStart,
			int[] edges, int[] classNodes, Map<String, Long> virtualStates, int virtualThreadsWithoutStack,
			LongMap<long[]> nameStrings) {
		this.idSize = idSize;
		this.strings = strings;
		this.classes = classes;
		this.roots = roots;
		this.threads = threads;
		this.ids = ids;
		this.edgeStart = edgeStart;
		this.edges = edges;
		this.classNodes = classNodes;
		this.virtualStates = virtualStates;
		this.virtualThreadsWithoutStack = virtualThreadsWithoutStack;
		this.nameStrings = nameStrings;
	}

	int nodeCount() {
		return this.ids.size();
	}

	/** The number of the object with this id, or -1 when the dump has no such object (or a primitive array). */
	int nodeOf(long id) {
		return (id == 0) ? -1 : this.ids.nodeOf(id);
	}

	/** The ids of a few numbered objects (those on paths). */
	Map<Integer, Long> idsOf(Set<Integer> nodes) {
		Map<Integer, Long> ids = new HashMap<>();
		for (int node : nodes) {
			ids.put(node, this.ids.idOf(node));
		}
		return ids;
	}

}
