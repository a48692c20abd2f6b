package io.github.threadleaks.proof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One class as the dump describes it: its own fields, its object-valued statics, and, once
 * every class is read, the byte offsets of all its instances' reference fields, so that an
 * instance's references are read straight out of its raw record.
 */
final class HeapClass {

	static final int TYPE_OBJECT = 2;

	static final int KIND_OTHER = 0;

	static final int KIND_THREAD = 1;

	static final int KIND_VIRTUAL_THREAD = 2;

	static final int KIND_THREAD_HOLDER = 3;

	static final int KIND_THREAD_GROUP = 4;

	static final int KIND_STRING = 5;

	/** What the reader looks for in instances of this class, decided once rather than per instance. */
	int kind = KIND_OTHER;

	final long id;

	final long superId;

	final long[] holderRefs;

	final long[] ownFieldNameIds;

	final byte[] ownFieldTypes;

	final long[] staticRefNameIds;

	final long[] staticRefValues;

	/** Static primitive values by field name id (int-sized and smaller), read for a few JDK classes' constants. */
	final Map<Long, Long> staticNumbers;

	String name = "?";

	/** Offsets of every reference field in an instance record, this class's own first. */
	int[] refOffsets = new int[0];

	/** "declaring.Class.field" of each entry of {@link #refOffsets}. */
	String[] refFieldNames = new String[0];

	/** Every field by "declaring.Class.field", with its offset and type. */
	final Map<String, int[]> fieldsByName = new HashMap<>();

	@Nullable
	HeapClass superclass;

	HeapClass(long id, long superId, long[] holderRefs, long[] ownFieldNameIds, byte[] ownFieldTypes,
			long[] staticRefNameIds, long[] staticRefValues, Map<Long, Long> staticNumbers) {
		this.id = id;
		this.superId = superId;
		this.holderRefs = holderRefs;
		this.ownFieldNameIds = ownFieldNameIds;
		this.ownFieldTypes = ownFieldTypes;
		this.staticRefNameIds = staticRefNameIds;
		this.staticRefValues = staticRefValues;
		this.staticNumbers = staticNumbers;
	}

	static int size(int type, int idSize) {
		return switch (type) {
			case TYPE_OBJECT -> idSize;
			case 4, 8 -> 1;
			case 5, 9 -> 2;
			case 6, 10 -> 4;
			case 7, 11 -> 8;
			default -> throw new IllegalArgumentException("Unknown HPROF basic type " + type);
		};
	}

	/** Computes the layout once every class is known; the dump lists a class's own fields before its superclass's. */
	void layOut(LongMap<HeapClass> classes, LongMap<String> strings, int idSize) {
		List<Integer> offsets = new ArrayList<>();
		List<String> names = new ArrayList<>();
		int offset = 0;
		int depth = 0;
		for (HeapClass type = this; type != null && depth < 1000; type = classes.get(type.superId), depth++) {
			for (int i = 0; i < type.ownFieldTypes.length; i++) {
				int fieldType = type.ownFieldTypes[i];
				String fieldName = type.name + "." + strings.getOrDefault(type.ownFieldNameIds[i], "?");
				this.fieldsByName.putIfAbsent(fieldName, new int[] { offset, fieldType });
				if (fieldType == TYPE_OBJECT) {
					offsets.add(offset);
					names.add(fieldName);
				}
				offset += size(fieldType, idSize);
			}
		}
		this.refOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
		this.refFieldNames = names.toArray(String[]::new);
		this.superclass = classes.get(this.superId);
		this.kind = this.name.equals("java.lang.Thread$FieldHolder") ? KIND_THREAD_HOLDER
				: this.name.equals("java.lang.ThreadGroup") ? KIND_THREAD_GROUP
				: this.name.equals("java.lang.String") ? KIND_STRING
						: isSubclassOf("java.lang.VirtualThread", classes) ? KIND_VIRTUAL_THREAD
								: isSubclassOf("java.lang.Thread", classes) ? KIND_THREAD : KIND_OTHER;
	}

	private boolean isSubclassOf(String className, LongMap<HeapClass> classes) {
		int depth = 0;
		for (HeapClass type = this; type != null && depth < 1000; type = classes.get(type.superId), depth++) {
			if (type.name.equals(className)) {
				return true;
			}
		}
		return false;
	}


	/** The offset of a field in an instance record, or -1. */
	int offsetOf(String declaringClass, String field) {
		int[] entry = this.fieldsByName.get(declaringClass + "." + field);
		return (entry != null) ? entry[0] : -1;
	}

	int typeOf(String declaringClass, String field) {
		int[] entry = this.fieldsByName.get(declaringClass + "." + field);
		return (entry != null) ? entry[1] : -1;
	}

	/** The simple name a person reads: {@code CountDownLatch$Sync} for {@code java.util.concurrent.CountDownLatch$Sync}. */
	static String simpleName(String className) {
		int dot = className.lastIndexOf('.');
		return (dot >= 0) ? className.substring(dot + 1) : className;
	}

	/** {@code java/util/HashMap} and {@code [Ljava/lang/Object;} as a person writes them. */
	static String javaName(String internal) {
		String name = internal.replace('/', '.');
		if (!name.startsWith("[")) {
			return name;
		}
		int dims = 0;
		while (dims < name.length() && name.charAt(dims) == '[') {
			dims++;
		}
		String element = name.substring(dims);
		element = switch (element) {
			case "Z" -> "boolean";
			case "B" -> "byte";
			case "C" -> "char";
			case "S" -> "short";
			case "I" -> "int";
			case "J" -> "long";
			case "F" -> "float";
			case "D" -> "double";
			default -> (element.startsWith("L") && element.endsWith(";")) ? element.substring(1, element.length() - 1)
					: element;
		};
		return element + "[]".repeat(dims);
	}

}
