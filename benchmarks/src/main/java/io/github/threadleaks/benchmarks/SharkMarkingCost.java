package io.github.threadleaks.benchmarks;

import java.io.File;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Iterator;

import shark.CloseableHeapGraph;
import shark.GcRoot;
import shark.HeapField;
import shark.HeapObject;
import shark.HprofHeapGraph;
import shark.HprofRecordTag;

/**
 * The reader we did not choose, on the same dump: Shark 2.14 indexes it, then marks
 * everything reachable from its GC roots through its object API (fields read object by
 * object, marks in a bit set over Shark's object index). This is only the marking, less than
 * a proof needs, so it is a lower bound of what a Shark-based proof would cost.
 * <pre>
 * java -Xmx3g ... SharkMarkingCost /tmp/heap.hprof
 * </pre>
 */
public final class SharkMarkingCost {

	private SharkMarkingCost() {
	}

	public static void main(String[] args) throws Exception {
		File file = new File(args[0]);
		long start = System.nanoTime();
		try (CloseableHeapGraph graph = HprofHeapGraph.Companion.openHeapGraph(file, null,
				HprofRecordTag.Companion.getRootTags())) {
			long indexed = System.nanoTime();
			BitSet marks = new BitSet(graph.getObjectCount());
			ArrayDeque<Long> queue = new ArrayDeque<>();
			for (GcRoot root : graph.getGcRoots()) {
				queue.add(root.getId());
			}
			long marked = 0;
			while (!queue.isEmpty()) {
				long id = queue.poll();
				HeapObject object = graph.findObjectByIdOrNull(id);
				if (object == null || marks.get(object.getObjectIndex())) {
					continue;
				}
				marks.set(object.getObjectIndex());
				marked++;
				if (object instanceof HeapObject.HeapInstance instance) {
					push(instance.readFields().iterator(), queue);
					queue.add(instance.getInstanceClassId());
				}
				else if (object instanceof HeapObject.HeapClass type) {
					push(type.readStaticFields().iterator(), queue);
					HeapObject.HeapClass superclass = type.getSuperclass();
					if (superclass != null) {
						queue.add(superclass.getObjectId());
					}
				}
				else if (object instanceof HeapObject.HeapObjectArray array) {
					for (long element : array.readRecord().getElementIds()) {
						if (element != 0) {
							queue.add(element);
						}
					}
				}
			}
			long done = System.nanoTime();
			System.out.printf("java %s -Xmx%d MB: Shark 2.14 on a %d MB dump: index %d ms, marking %d ms"
					+ " (%d of %d objects reachable), total %d ms%n", Runtime.version().feature(),
					Runtime.getRuntime().maxMemory() >> 20, file.length() >> 20, (indexed - start) / 1_000_000,
					(done - indexed) / 1_000_000, marked, graph.getObjectCount(), (done - start) / 1_000_000);
		}
		catch (OutOfMemoryError ex) {
			System.out.println("out of memory at -Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + " MB");
			System.exit(3);
		}
	}

	private static void push(Iterator<HeapField> fields, ArrayDeque<Long> queue) {
		while (fields.hasNext()) {
			Long reference = fields.next().getValue().getAsNonNullObjectId();
			if (reference != null) {
				queue.add(reference);
			}
		}
	}

}
