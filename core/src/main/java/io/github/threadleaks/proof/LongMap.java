package io.github.threadleaks.proof;

import java.util.Arrays;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * A map from object ids to values with open addressing. Ids are 8-byte-aligned addresses,
 * whose {@link Long#hashCode()} piles them into a few buckets of a {@code HashMap} (it
 * treeifies them and every lookup pays), and a dump's hundred thousand symbols and classes
 * are looked up once per record.
 */
final class LongMap<V> {

	private long[] keys;

	private @Nullable Object[] values;

	private int size;

	LongMap() {
		this(64);
	}

	LongMap(int expected) {
		int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
		this.keys = new long[capacity];
		this.values = new Object[capacity];
	}

	private static int mix(long key) {
		long h = key * 0x9E3779B97F4A7C15L;
		return (int) (h ^ (h >>> 32));
	}

	@SuppressWarnings("unchecked")
	@Nullable
	V get(long key) {
		if (key == 0) {
			return null;
		}
		int mask = this.keys.length - 1;
		for (int i = mix(key) & mask;; i = (i + 1) & mask) {
			long k = this.keys[i];
			if (k == key) {
				return (V) this.values[i];
			}
			if (k == 0) {
				return null;
			}
		}
	}

	V getOrDefault(long key, V fallback) {
		V value = get(key);
		return (value != null) ? value : fallback;
	}

	boolean containsKey(long key) {
		return get(key) != null;
	}

	/** Keys are never 0 (the null id); values never null. */
	void put(long key, V value) {
		if (key == 0) {
			return;
		}
		if ((this.size + 1) * 2 > this.keys.length) {
			grow();
		}
		int mask = this.keys.length - 1;
		for (int i = mix(key) & mask;; i = (i + 1) & mask) {
			long k = this.keys[i];
			if (k == key) {
				this.values[i] = value;
				return;
			}
			if (k == 0) {
				this.keys[i] = key;
				this.values[i] = value;
				this.size++;
				return;
			}
		}
	}

	int size() {
		return this.size;
	}

	@SuppressWarnings("unchecked")
	void forEach(BiConsumer<Long, V> action) {
		for (int i = 0; i < this.keys.length; i++) {
			if (this.keys[i] != 0) {
				action.accept(this.keys[i], (V) this.values[i]);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void grow() {
		long[] oldKeys = this.keys;
		Object[] oldValues = this.values;
		this.keys = new long[oldKeys.length * 2];
		this.values = new Object[oldKeys.length * 2];
		this.size = 0;
		for (int i = 0; i < oldKeys.length; i++) {
			if (oldKeys[i] != 0) {
				put(oldKeys[i], (V) oldValues[i]);
			}
		}
		Arrays.fill(oldValues, null);
	}

}
