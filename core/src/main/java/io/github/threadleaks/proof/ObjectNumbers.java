package io.github.threadleaks.proof;

/**
 * Object ids (addresses at dump time) to the numbers the analysis indexes its tables with,
 * and back. Only objects that can reference others get a number: classes, instances and
 * object arrays, not primitive arrays.
 */
interface ObjectNumbers {

	/** How many objects have a number: they are numbered 0 to {@code size() - 1}. */
	int size();

	/** The number of the object with this id, or -1 when the dump holds no such numbered object. */
	int nodeOf(long id);

	/** The id of a numbered object: for the few objects a report names. */
	long idOf(int node);

	/** Collects the ids while the dump is read the first time, then numbers them. */
	interface Builder {

		/**
		 * One object, in the order of the file; each id once.
		 * @param id its id
		 */
		void add(long id);

		/** How many bytes of heap the builder holds now. */
		long bytes();

		ObjectNumbers build();

	}

}
