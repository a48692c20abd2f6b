package io.github.threadleaks.proof;

/**
 * Sorts object ids and carries their file positions along, in place: a dump written by
 * several threads lists objects out of address order, and boxing tens of millions of pairs
 * to sort them would cost more than the tables themselves.
 */
final class IdSort {

	private static final int INSERTION_LIMIT = 24;

	private IdSort() {
	}

	static void sort(long[] keys, int[] values) {
		sort(keys, values, 0, keys.length - 1, 2 * (64 - Long.numberOfLeadingZeros(Math.max(1, keys.length))));
	}

	private static void sort(long[] keys, int[] values, int low, int high, int depth) {
		while (high - low > INSERTION_LIMIT) {
			if (depth-- == 0) {
				heapSort(keys, values, low, high);
				return;
			}
			int mid = (low + high) >>> 1;
			if (keys[mid] < keys[low]) {
				swap(keys, values, mid, low);
			}
			if (keys[high] < keys[low]) {
				swap(keys, values, high, low);
			}
			if (keys[high] < keys[mid]) {
				swap(keys, values, high, mid);
			}
			long pivot = keys[mid];
			int i = low;
			int j = high;
			while (i <= j) {
				while (keys[i] < pivot) {
					i++;
				}
				while (keys[j] > pivot) {
					j--;
				}
				if (i <= j) {
					swap(keys, values, i, j);
					i++;
					j--;
				}
			}
			// recurse into the smaller side so the stack stays logarithmic
			if (j - low < high - i) {
				sort(keys, values, low, j, depth);
				low = i;
			}
			else {
				sort(keys, values, i, high, depth);
				high = j;
			}
		}
		for (int i = low + 1; i <= high; i++) {
			long key = keys[i];
			int value = values[i];
			int j = i - 1;
			while (j >= low && keys[j] > key) {
				keys[j + 1] = keys[j];
				values[j + 1] = values[j];
				j--;
			}
			keys[j + 1] = key;
			values[j + 1] = value;
		}
	}

	private static void heapSort(long[] keys, int[] values, int low, int high) {
		int n = high - low + 1;
		for (int i = n / 2 - 1; i >= 0; i--) {
			siftDown(keys, values, low, i, n);
		}
		for (int end = n - 1; end > 0; end--) {
			swap(keys, values, low, low + end);
			siftDown(keys, values, low, 0, end);
		}
	}

	private static void siftDown(long[] keys, int[] values, int offset, int root, int size) {
		while (true) {
			int child = 2 * root + 1;
			if (child >= size) {
				return;
			}
			if (child + 1 < size && keys[offset + child + 1] > keys[offset + child]) {
				child++;
			}
			if (keys[offset + root] >= keys[offset + child]) {
				return;
			}
			swap(keys, values, offset + root, offset + child);
			root = child;
		}
	}

	private static void swap(long[] keys, int[] values, int a, int b) {
		long key = keys[a];
		keys[a] = keys[b];
		keys[b] = key;
		int value = values[a];
		values[a] = values[b];
		values[b] = value;
	}

}
