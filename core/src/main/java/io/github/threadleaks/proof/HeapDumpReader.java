package io.github.threadleaks.proof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Reads an HPROF heap dump into a {@link HeapGraph}, streaming it three times rather than
 * holding it (a lookup pass after the marking names what the report shows): the first pass
 * reads classes, roots, names and stacks and gives every object a number
 * ({@link AddressRanks}); the second counts each object's references; the third writes them
 * as object numbers, read from the raw record at the offsets its class lays out, each
 * object's where the counts put them. Before each large table is allocated the memory it
 * needs is checked against the budget, so an analysis that cannot fit is refused rather than
 * run out of memory.
 */
final class HeapDumpReader {

	private static final int TAG_STRING = 0x01;

	private static final int TAG_LOAD_CLASS = 0x02;

	private static final int TAG_FRAME = 0x04;

	private static final int TAG_TRACE = 0x05;

	private static final int TAG_HEAP_DUMP = 0x0C;

	private static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;

	private static final int CLASS_DUMP = 0x20;

	private static final int INSTANCE_DUMP = 0x21;

	private static final int OBJECT_ARRAY_DUMP = 0x22;

	private static final int PRIMITIVE_ARRAY_DUMP = 0x23;

	/** Registries that hold every thread for the JVM's own bookkeeping, not to wake them (Go hides its sudogs alike). */
	private static final Set<String> THREAD_REGISTRY_FIELDS = Set.of("java.lang.ThreadGroup.threads",
			"jdk.internal.vm.ThreadContainers$RootContainer$TrackingRootContainer.VTHREADS");

	private static final int PASS_STRUCTURE = 1;

	private static final int PASS_COUNT = 2;

	private static final int PASS_EDGES = 3;

	private static final int PASS_LOOKUP = 4;

	private final HprofInput in;

	private final int idSize;

	private final Deadline deadline;

	private final LongSupplier heapBudget;

	private final LongMap<String> strings = new LongMap<>(1 << 16);

	private final LongMap<Long> classNameIds = new LongMap<>(1 << 14);

	private final Map<Integer, Long> classIdBySerial = new HashMap<>();

	private final LongMap<long[]> frameRecords = new LongMap<>();

	private final Map<Integer, long[]> traceFrames = new HashMap<>();

	private final List<HeapGraph.Root> roots = new ArrayList<>();

	private final LongMap<int[]> threadRoots = new LongMap<>();

	private final LongMap<HeapClass> classes = new LongMap<>(1 << 14);

	private int objectCount;

	private final ObjectNumbers.Builder numbering;

	private ObjectNumbers numbers = AddressRanks.builder().build();

	/** Ids of the class objects, in the order of the file. */
	private long[] classIds = new long[1 << 12];

	/** Before the third pass: where each object's references start; during it, where the next one goes. */
	private int[] edgeStart = new int[0];

	private int[] edges = new int[0];

	private boolean filling;

	private int node;

	private int edgeCursor;

	private long budgetCheckedAt = 1 << 20;

	private final List<long[]> threadFacts = new ArrayList<>();

	private final LongMap<Integer> holderStatus = new LongMap<>();

	/**
	 * The threads' names: String id to its value array's id and coder, found in the third
	 * pass once the second found the threads, so that a single pass after the marking finds
	 * their characters whatever the order of the file.
	 */
	private final LongMap<long[]> nameStrings = new LongMap<>();

	private @Nullable Lookup lookup;

	private int records;

	private @Nullable HeapClass lastClass;

	private HeapDumpReader(HprofInput in, Deadline deadline, LongSupplier heapBudget,
			ObjectNumbers.Builder numbering) {
		this.in = in;
		this.idSize = in.idSize();
		this.deadline = deadline;
		this.heapBudget = heapBudget;
		this.numbering = numbering;
	}

	/**
	 * Reads a dump.
	 * @param file the dump
	 * @param deadline when to give up
	 * @param heapBudget how many bytes of heap the analysis may take now
	 * @return the graph
	 */
	static HeapGraph read(Path file, Deadline deadline, LongSupplier heapBudget) throws IOException {
		return read(file, deadline, heapBudget, AddressRanks.builder());
	}

	/** Reads a dump with objects numbered another way: for tests that compare numberings. */
	static HeapGraph read(Path file, Deadline deadline, LongSupplier heapBudget, ObjectNumbers.Builder numbering)
			throws IOException {
		try (HprofInput in = new HprofInput(file)) {
			return new HeapDumpReader(in, deadline, heapBudget, numbering).read();
		}
	}

	private HeapGraph read() throws IOException {
		scan(PASS_STRUCTURE);
		this.classes.forEach((id, type) -> {
			Long nameId = this.classNameIds.get(id);
			type.name = HeapClass.javaName((nameId != null) ? this.strings.getOrDefault(nameId, "?") : "?");
		});
		this.classes.forEach((id, type) -> type.layOut(this.classes, this.strings, this.idSize));
		this.numbers = this.numbering.build();
		int n = this.numbers.size();
		int[] classNodes = new int[this.classes.size()];
		for (int i = 0; i < classNodes.length; i++) {
			classNodes[i] = this.numbers.nodeOf(this.classIds[i]);
		}
		reserve("reference counts", (n + 1) * 4L);
		this.edgeStart = new int[n + 1];
		scan(PASS_COUNT);
		long total = 0;
		for (int i = 0; i <= n; i++) {
			total += this.edgeStart[i];
			if (total > Integer.MAX_VALUE - 16) {
				throw new ProofException(ProofException.Reason.LIMIT, "The dump holds more than "
						+ (Integer.MAX_VALUE - 16) + " references, more than this analysis can index");
			}
			this.edgeStart[i] = (int) total;
		}
		// the marking's bit and first marker per object come after the references (its queue grows as it needs)
		reserve("references and marks", total * 4L + n * 4L + n / 8);
		for (long[] facts : this.threadFacts) {
			if (facts[6] != 0) {
				this.nameStrings.put(facts[6], new long[] { 0, 0 });
			}
		}
		this.edges = new int[(int) total];
		this.filling = true;
		scan(PASS_EDGES);
		// each object's entry now holds where its references end, which is where the next one's start
		System.arraycopy(this.edgeStart, 0, this.edgeStart, 1, n);
		this.edgeStart[0] = 0;
		return new HeapGraph(this.idSize, this.strings, this.classes, this.roots, threads(), this.numbers,
				this.edgeStart, this.edges, classNodes, virtualStates(), virtualThreadsWithoutStack(), this.nameStrings);
	}

	private void reserve(String what, long bytes) {
		long budget = this.heapBudget.getAsLong();
		if (bytes > budget) {
			throw new ProofException(ProofException.Reason.LIMIT,
					"The analysis of this dump (" + this.objectCount + " objects) needs " + megabytes(bytes)
							+ " MB of heap for its " + what + " but may take only " + megabytes(budget)
							+ " MB (half the free heap); it was refused before allocating them");
		}
	}

	static long megabytes(long bytes) {
		return (bytes + (1 << 20) - 1) >> 20;
	}

	private void scan(int pass) throws IOException {
		this.in.rewind();
		while (!this.in.atEnd()) {
			tick();
			int tag = this.in.u1();
			this.in.u4();
			long length = this.in.u4() & 0xFFFFFFFFL;
			long end = this.in.position() + length;
			if (tag == TAG_HEAP_DUMP || tag == TAG_HEAP_DUMP_SEGMENT) {
				heapRecords(end, pass);
			}
			else if (pass == PASS_STRUCTURE) {
				topLevel(tag, length);
			}
			this.in.seek(end);
		}
	}

	private void tick() {
		if ((++this.records & 0xFFFF) == 0) {
			this.deadline.check();
		}
	}

	private void topLevel(int tag, long length) throws IOException {
		switch (tag) {
			case TAG_STRING -> {
				long id = this.in.id();
				this.strings.put(id, this.in.utf8((int) (length - this.idSize)));
			}
			case TAG_LOAD_CLASS -> {
				int serial = this.in.u4();
				long classId = this.in.id();
				this.in.u4();
				long nameId = this.in.id();
				this.classNameIds.put(classId, nameId);
				this.classIdBySerial.put(serial, classId);
			}
			case TAG_FRAME -> {
				long frameId = this.in.id();
				long methodId = this.in.id();
				this.in.id();
				long sourceId = this.in.id();
				int classSerial = this.in.u4();
				int line = this.in.u4();
				this.frameRecords.put(frameId, new long[] { methodId, sourceId, classSerial, line });
			}
			case TAG_TRACE -> {
				int serial = this.in.u4();
				this.in.u4();
				int count = this.in.u4();
				long[] frames = new long[count];
				for (int i = 0; i < count; i++) {
					frames[i] = this.in.id();
				}
				this.traceFrames.put(serial, frames);
			}
			default -> {
			}
		}
	}

	/**
	 * The records of one heap dump segment. Each pass has a loop and a method per record of
	 * its own, so that the JIT compiles each with its own profile: a method compiled while
	 * the first pass ran would otherwise be thrown away on the second pass's first record,
	 * and a loop over millions of records runs interpreted until it is compiled again.
	 */
	private void heapRecords(long end, int pass) throws IOException {
		switch (pass) {
			case PASS_STRUCTURE -> {
				while (this.in.position() < end) {
					structureRecord();
				}
			}
			case PASS_COUNT, PASS_EDGES -> {
				while (this.in.position() < end) {
					referenceRecord();
				}
			}
			default -> {
				while (this.in.position() < end) {
					lookupRecord();
				}
			}
		}
	}

	private void structureRecord() throws IOException {
		tick();
		int sub = this.in.u1();
		switch (sub) {
			case HeapGraph.ROOT_UNKNOWN, HeapGraph.ROOT_STICKY_CLASS, HeapGraph.ROOT_MONITOR_USED ->
				root(sub, this.in.id(), 0, -1);
			case HeapGraph.ROOT_JNI_GLOBAL -> {
				long id = this.in.id();
				this.in.id();
				root(sub, id, 0, -1);
			}
			case HeapGraph.ROOT_JNI_LOCAL, HeapGraph.ROOT_JAVA_FRAME -> {
				long id = this.in.id();
				int thread = this.in.u4();
				int frame = this.in.u4();
				root(sub, id, thread, frame);
			}
			case HeapGraph.ROOT_NATIVE_STACK, HeapGraph.ROOT_THREAD_BLOCK -> {
				long id = this.in.id();
				root(sub, id, this.in.u4(), -1);
			}
			case HeapGraph.ROOT_THREAD_OBJECT -> {
				long id = this.in.id();
				int thread = this.in.u4();
				int trace = this.in.u4();
				this.threadRoots.put(id, new int[] { thread, trace });
				root(sub, id, thread, -1);
			}
			case CLASS_DUMP -> classDump(PASS_STRUCTURE);
			case INSTANCE_DUMP -> {
				long id = this.in.id();
				this.in.u4();
				this.in.id();
				int length = this.in.u4();
				number(id);
				this.in.skip(length);
			}
			case OBJECT_ARRAY_DUMP -> {
				long id = this.in.id();
				this.in.u4();
				int count = this.in.u4();
				this.in.id();
				number(id);
				this.in.skip((long) count * this.idSize);
			}
			case PRIMITIVE_ARRAY_DUMP -> skipPrimitiveArray();
			default -> throw unknownRecord(sub);
		}
	}

	private IOException unknownRecord(int sub) {
		return new IOException(String.format(
				"Unknown heap dump record 0x%02X at byte %d: not a HotSpot dump this reader knows", sub,
				this.in.position() - 1));
	}

	/** Skips a root record, which only the first pass reads. */
	private boolean skippedRoot(int sub) {
		int bytes = switch (sub) {
			case HeapGraph.ROOT_UNKNOWN, HeapGraph.ROOT_STICKY_CLASS, HeapGraph.ROOT_MONITOR_USED -> this.idSize;
			case HeapGraph.ROOT_JNI_GLOBAL -> 2 * this.idSize;
			case HeapGraph.ROOT_JNI_LOCAL, HeapGraph.ROOT_JAVA_FRAME, HeapGraph.ROOT_THREAD_OBJECT -> this.idSize + 8;
			case HeapGraph.ROOT_NATIVE_STACK, HeapGraph.ROOT_THREAD_BLOCK -> this.idSize + 4;
			default -> -1;
		};
		if (bytes < 0) {
			return false;
		}
		this.in.skip(bytes);
		return true;
	}

	private void skipPrimitiveArray() throws IOException {
		this.in.id();
		this.in.u4();
		int count = this.in.u4();
		int type = this.in.u1();
		this.in.skip((long) count * HeapClass.size(type, this.idSize));
	}

	private void referenceRecord() throws IOException {
		tick();
		int sub = this.in.u1();
		switch (sub) {
			case INSTANCE_DUMP -> instanceReferences();
			case OBJECT_ARRAY_DUMP -> arrayReferences();
			case PRIMITIVE_ARRAY_DUMP -> skipPrimitiveArray();
			case CLASS_DUMP -> classDump(this.filling ? PASS_EDGES : PASS_COUNT);
			default -> {
				if (!skippedRoot(sub)) {
					throw unknownRecord(sub);
				}
			}
		}
	}

	private void lookupRecord() throws IOException {
		tick();
		int sub = this.in.u1();
		switch (sub) {
			case INSTANCE_DUMP -> {
				long id = this.in.id();
				this.in.u4();
				HeapClass type = classOf(this.in.id());
				int length = this.in.u4();
				this.in.require(length);
				this.lookup.instance(this, id, type, this.in.buffer(), this.in.buffer().position());
				this.in.skip(length);
			}
			case OBJECT_ARRAY_DUMP -> {
				long id = this.in.id();
				this.in.u4();
				int count = this.in.u4();
				long arrayClassId = this.in.id();
				this.lookup.objectArray(id, arrayClassId);
				if (this.lookup.wantsArray(id)) {
					for (int i = 0; i < count; i++) {
						this.lookup.arrayElement(id, i, this.in.id());
					}
				}
				else {
					this.in.skip((long) count * this.idSize);
				}
			}
			case PRIMITIVE_ARRAY_DUMP -> {
				long id = this.in.id();
				this.in.u4();
				int count = this.in.u4();
				int type = this.in.u1();
				long bytes = (long) count * HeapClass.size(type, this.idSize);
				if (this.lookup.wantsString(id) && bytes < (1 << 16)) {
					this.lookup.stringValue(id, type, this.in.bytes((int) bytes));
				}
				else {
					this.in.skip(bytes);
				}
			}
			case CLASS_DUMP -> classDump(PASS_LOOKUP);
			default -> {
				if (!skippedRoot(sub)) {
					throw unknownRecord(sub);
				}
			}
		}
	}

	private void classDump(int pass) throws IOException {
		long id = this.in.id();
		this.in.u4();
		long superId = this.in.id();
		List<Long> holderRefs = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			// class loader, signers, protection domain
			holderRefs.add(this.in.id());
		}
		this.in.id();
		this.in.id();
		this.in.u4();
		int constants = this.in.u2();
		for (int i = 0; i < constants; i++) {
			this.in.u2();
			int type = this.in.u1();
			if (type == HeapClass.TYPE_OBJECT) {
				holderRefs.add(this.in.id());
			}
			else {
				this.in.skip(HeapClass.size(type, this.idSize));
			}
		}
		int statics = this.in.u2();
		List<long[]> staticRefs = new ArrayList<>();
		Map<Long, Long> numbers = new HashMap<>();
		for (int i = 0; i < statics; i++) {
			long nameId = this.in.id();
			int type = this.in.u1();
			if (type == HeapClass.TYPE_OBJECT) {
				staticRefs.add(new long[] { nameId, this.in.id() });
			}
			else {
				int size = HeapClass.size(type, this.idSize);
				long value = switch (size) {
					case 1 -> this.in.u1();
					case 2 -> this.in.u2();
					case 4 -> this.in.u4();
					default -> this.in.u8();
				};
				if (pass == PASS_STRUCTURE) {
					numbers.put(nameId, value);
				}
			}
		}
		int fields = this.in.u2();
		long[] fieldNames = new long[fields];
		byte[] fieldTypes = new byte[fields];
		for (int i = 0; i < fields; i++) {
			fieldNames[i] = this.in.id();
			fieldTypes[i] = (byte) this.in.u1();
		}
		switch (pass) {
			case PASS_STRUCTURE -> {
				number(id);
				if (this.classes.size() == this.classIds.length) {
					this.classIds = Arrays.copyOf(this.classIds, this.classIds.length * 2);
				}
				this.classIds[this.classes.size()] = id;
				long[] holders = holderRefs.stream().mapToLong(Long::longValue).toArray();
				long[] staticNames = staticRefs.stream().mapToLong((ref) -> ref[0]).toArray();
				long[] staticValues = staticRefs.stream().mapToLong((ref) -> ref[1]).toArray();
				this.classes.put(id,
						new HeapClass(id, superId, holders, fieldNames, fieldTypes, staticNames, staticValues, numbers));
			}
			case PASS_COUNT, PASS_EDGES -> {
				HeapClass type = this.classes.get(id);
				startObject(id);
				edge(type.superId);
				for (long ref : type.holderRefs) {
					edge(ref);
				}
				for (int i = 0; i < type.staticRefValues.length; i++) {
					String field = type.name + "." + this.strings.getOrDefault(type.staticRefNameIds[i], "?");
					if (!THREAD_REGISTRY_FIELDS.contains(field)) {
						edge(type.staticRefValues[i]);
					}
				}
				endObject();
			}
			case PASS_LOOKUP -> this.lookup.classDump(this, id);
			default -> {
			}
		}
	}

	/** Gives an object its number in the first pass, checking the numbering's memory as it grows. */
	private void number(long id) {
		this.objectCount++;
		this.numbering.add(id);
		long bytes = this.numbering.bytes();
		if (bytes >= this.budgetCheckedAt) {
			// as much again as it holds: checked each time it doubles
			reserve("object numbers", bytes);
			this.budgetCheckedAt = bytes * 2;
		}
	}

	private void startObject(long id) {
		this.node = this.numbers.nodeOf(id);
		this.edgeCursor = this.filling ? this.edgeStart[this.node] : 0;
	}

	/**
	 * One reference. The counting pass counts it without looking it up, so that only the
	 * filling pass pays for the look-up; a reference to nothing numbered (a primitive array,
	 * an object the dump lacks) is then written as -1, which the marking skips.
	 */
	private void edge(long id) {
		if (id == 0) {
			return;
		}
		if (this.filling) {
			this.edges[this.edgeCursor] = this.numbers.nodeOf(id);
		}
		this.edgeCursor++;
	}

	private void endObject() {
		if (this.filling) {
			this.edgeStart[this.node] = this.edgeCursor;
		}
		else {
			this.edgeStart[this.node + 1] += this.edgeCursor;
		}
	}

	private HeapClass classOf(long classId) throws IOException {
		HeapClass type = this.lastClass;
		if (type == null || type.id != classId) {
			// instances of one class often lie together: one lookup serves the run
			type = this.classes.get(classId);
			if (type == null) {
				throw new IOException(
						"An instance at byte " + this.in.position() + " has a class the dump does not list");
			}
			this.lastClass = type;
		}
		return type;
	}

	private void instanceReferences() throws IOException {
		long id = this.in.id();
		this.in.u4();
		HeapClass type = classOf(this.in.id());
		int length = this.in.u4();
		this.in.require(length);
		ByteBuffer buffer = this.in.buffer();
		int base = buffer.position();
		int[] offsets = type.refOffsets;
		startObject(id);
		if (type.kind == HeapClass.KIND_OTHER) {
			for (int offset : offsets) {
				edge(this.in.idAt(base + offset));
			}
		}
		else {
			boolean threadGroup = type.kind == HeapClass.KIND_THREAD_GROUP;
			for (int i = 0; i < offsets.length; i++) {
				if (!threadGroup || !THREAD_REGISTRY_FIELDS.contains(type.refFieldNames[i])) {
					edge(this.in.idAt(base + offsets[i]));
				}
			}
			if (!this.filling) {
				threadFacts(type, id, this.node, buffer, base);
			}
			else if (type.kind == HeapClass.KIND_STRING && this.nameStrings.containsKey(id)) {
				nameString(type, id, buffer, base);
			}
		}
		endObject();
		this.in.skip(length);
	}

	private void arrayReferences() throws IOException {
		long id = this.in.id();
		this.in.u4();
		int count = this.in.u4();
		this.in.id();
		startObject(id);
		for (int i = 0; i < count; i++) {
			edge(this.in.id());
		}
		endObject();
	}

	private void nameString(HeapClass type, long id, ByteBuffer buffer, int base) {
		int coder = type.offsetOf("java.lang.String", "coder");
		this.nameStrings.put(id, new long[] { refField(type, buffer, base, "java.lang.String", "value"),
				(coder >= 0) ? buffer.get(base + coder) : 0 });
	}

	private void threadFacts(HeapClass type, long id, int node, ByteBuffer buffer, int base) {
		if (type.kind == HeapClass.KIND_OTHER) {
			return;
		}
		if (type.kind == HeapClass.KIND_THREAD_HOLDER) {
			this.holderStatus.put(id, intField(type, buffer, base, "java.lang.Thread$FieldHolder", "threadStatus"));
			return;
		}
		long tid = longField(type, buffer, base, "java.lang.Thread", "tid");
		int status = intField(type, buffer, base, "java.lang.Thread", "threadStatus");
		long holder = refField(type, buffer, base, "java.lang.Thread", "holder");
		long blocker = refField(type, buffer, base, "java.lang.Thread", "parkBlocker");
		long name = refField(type, buffer, base, "java.lang.Thread", "name");
		int virtualState = (type.kind == HeapClass.KIND_VIRTUAL_THREAD)
				? intField(type, buffer, base, "java.lang.VirtualThread", "state") : -1;
		this.threadFacts.add(new long[] { node, id, tid, status, holder, blocker, name, virtualState });
	}

	private int intField(HeapClass type, ByteBuffer buffer, int base, String declaring, String field) {
		int offset = type.offsetOf(declaring, field);
		return (offset >= 0) ? buffer.getInt(base + offset) : -1;
	}

	private long longField(HeapClass type, ByteBuffer buffer, int base, String declaring, String field) {
		int offset = type.offsetOf(declaring, field);
		return (offset >= 0) ? buffer.getLong(base + offset) : -1;
	}

	private long refField(HeapClass type, ByteBuffer buffer, int base, String declaring, String field) {
		int offset = type.offsetOf(declaring, field);
		return (offset >= 0 && type.typeOf(declaring, field) == HeapClass.TYPE_OBJECT) ? this.in.idAt(base + offset)
				: 0;
	}

	private void root(int kind, long id, int thread, int frame) {
		this.roots.add(new HeapGraph.Root(kind, id, thread, frame));
	}

	private List<HeapGraph.DumpedThread> threads() {
		List<HeapGraph.DumpedThread> threads = new ArrayList<>();
		for (long[] facts : this.threadFacts) {
			int[] root = this.threadRoots.get(facts[1]);
			if (root == null) {
				continue;
			}
			int status = (int) facts[3];
			if (status == -1 && facts[4] != 0) {
				status = this.holderStatus.getOrDefault(facts[4], -1);
			}
			threads.add(new HeapGraph.DumpedThread((int) facts[0], facts[1], root[0], facts[2],
					((int) facts[7] >= 0) ? -1 : status, (int) facts[7], facts[5], facts[6], stack(root[1])));
		}
		return threads;
	}

	private List<HeapGraph.Frame> stack(int traceSerial) {
		long[] frameIds = this.traceFrames.get(traceSerial);
		if (frameIds == null) {
			return List.of();
		}
		List<HeapGraph.Frame> frames = new ArrayList<>(frameIds.length);
		for (long frameId : frameIds) {
			long[] frame = this.frameRecords.get(frameId);
			if (frame == null) {
				continue;
			}
			Long classId = this.classIdBySerial.get((int) frame[2]);
			Long nameId = (classId != null) ? this.classNameIds.get(classId) : null;
			String className = HeapClass.javaName((nameId != null) ? this.strings.getOrDefault(nameId, "?") : "?");
			String source = (frame[1] != 0) ? this.strings.get(frame[1]) : null;
			frames.add(new HeapGraph.Frame(className, this.strings.getOrDefault(frame[0], "?"), source, (int) frame[3]));
		}
		return List.copyOf(frames);
	}

	private Map<String, Long> virtualStates() {
		Map<String, Long> states = new HashMap<>();
		this.classes.forEach((id, type) -> {
			if (type.name.equals("java.lang.VirtualThread")) {
				type.staticNumbers.forEach((nameId, value) -> states.put(this.strings.getOrDefault(nameId, "?"), value));
			}
		});
		return Map.copyOf(states);
	}

	private int virtualThreadsWithoutStack() {
		Map<String, Long> states = virtualStates();
		long created = states.getOrDefault("NEW", 0L);
		long terminated = states.getOrDefault("TERMINATED", 99L);
		int missing = 0;
		for (long[] facts : this.threadFacts) {
			long state = facts[7];
			if (state >= 0 && state != created && state != terminated && !this.threadRoots.containsKey(facts[1])) {
				missing++;
			}
		}
		return missing;
	}

	/** The few facts a report needs about a handful of objects, read in one more pass. */
	abstract static class Lookup {

		void classDump(HeapDumpReader reader, long id) {
		}

		void instance(HeapDumpReader reader, long id, HeapClass type, ByteBuffer buffer, int base) {
		}

		void objectArray(long id, long arrayClassId) {
		}

		boolean wantsArray(long id) {
			return false;
		}

		void arrayElement(long arrayId, int index, long element) {
		}

		boolean wantsString(long id) {
			return false;
		}

		void stringValue(long arrayId, int type, byte[] bytes) {
		}

	}

	/**
	 * Runs one lookup pass over a dump already read.
	 * @param file the dump
	 * @param graph what was read of it
	 * @param lookup what to look up
	 * @param deadline when to give up
	 */
	static void lookUp(Path file, HeapGraph graph, Lookup lookup, Deadline deadline) throws IOException {
		try (HprofInput in = new HprofInput(file)) {
			HeapDumpReader reader = new HeapDumpReader(in, deadline, () -> Long.MAX_VALUE, AddressRanks.builder());
			graph.classes.forEach(reader.classes::put);
			reader.lookup = lookup;
			reader.scan(PASS_LOOKUP);
		}
	}

	long idAt(int index) {
		return this.in.idAt(index);
	}

	static String decode(int type, byte[] bytes, int coder) {
		if (type == 5) {
			return new String(bytes, StandardCharsets.UTF_16BE);
		}
		if (coder == 1) {
			return new String(bytes, (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) ? StandardCharsets.UTF_16LE
					: StandardCharsets.UTF_16BE);
		}
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
