package io.github.threadleaks.proof;

import org.jspecify.annotations.Nullable;

/**
 * Object ids (addresses at dump time) to object numbers (positions in the file). The ids are
 * sorted once; a small table of where each address range starts in them turns a lookup into
 * a search among a handful of neighbours: a plain binary search over tens of millions of ids
 * costs some twenty cache misses per reference, and a dump has one lookup per reference.
 */
final class IdIndex {

	/** About this many ids per range, on average. */
	private static final int IDS_PER_RANGE = 8;

	private final long[] sortedIds;

	private final int @Nullable [] positionOfSorted;

	private final int[] rangeStart;

	private final long minId;

	private final long maxId;

	private final int shift;

	/**
	 * @param sortedIds the ids in ascending order
	 * @param positionOfSorted the file position of each sorted id, or null when they are the same
	 */
	IdIndex(long[] sortedIds, int @Nullable [] positionOfSorted) {
		this.sortedIds = sortedIds;
		this.positionOfSorted = positionOfSorted;
		int n = sortedIds.length;
		this.minId = (n > 0) ? sortedIds[0] : 0;
		this.maxId = (n > 0) ? sortedIds[n - 1] : -1;
		long span = Math.max(1, this.maxId - this.minId + 1);
		long wantedRanges = Math.max(1, n / IDS_PER_RANGE);
		int bits = 0;
		while ((span >>> bits) > wantedRanges) {
			bits++;
		}
		this.shift = bits;
		int ranges = (int) ((span - 1) >>> bits) + 1;
		this.rangeStart = new int[ranges + 1];
		int range = 0;
		for (int i = 0; i < n; i++) {
			int own = (int) ((sortedIds[i] - this.minId) >>> bits);
			while (range <= own) {
				this.rangeStart[range++] = i;
			}
		}
		while (range <= ranges) {
			this.rangeStart[range++] = n;
		}
	}

	/** Bytes the index adds per object, for the memory bound. */
	static long bytesPerObject() {
		return 4 / IDS_PER_RANGE + 1;
	}

	int size() {
		return this.sortedIds.length;
	}

	/** The number of the object with this id, or -1 when the dump has no such object (or a primitive array). */
	int nodeOf(long id) {
		if (id < this.minId || id > this.maxId) {
			return -1;
		}
		int range = (int) ((id - this.minId) >>> this.shift);
		int low = this.rangeStart[range];
		int high = this.rangeStart[range + 1] - 1;
		long[] ids = this.sortedIds;
		while (low <= high) {
			int mid = (low + high) >>> 1;
			long value = ids[mid];
			if (value < id) {
				low = mid + 1;
			}
			else if (value > id) {
				high = mid - 1;
			}
			else {
				return (this.positionOfSorted != null) ? this.positionOfSorted[mid] : mid;
			}
		}
		return -1;
	}

	/** The id at a sorted index, and its object number: for the sweep that names a few objects. */
	long sortedId(int index) {
		return this.sortedIds[index];
	}

	int nodeAtSorted(int index) {
		return (this.positionOfSorted != null) ? this.positionOfSorted[index] : index;
	}

}
