package io.github.threadleaks.diff;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Keeps at most a fixed number of snapshots for diffing; adding one past the bound evicts
 * the oldest. Thread-safe.
 */
public class SnapshotStore {

	private final int maxSnapshots;

	private final Map<String, StoredSnapshot> snapshots = new LinkedHashMap<>();

	private long nextId = 1;

	/**
	 * @param maxSnapshots how many snapshots to keep
	 */
	public SnapshotStore(int maxSnapshots) {
		if (maxSnapshots < 1) {
			throw new IllegalArgumentException("maxSnapshots must be at least 1, was " + maxSnapshots);
		}
		this.maxSnapshots = maxSnapshots;
	}

	/**
	 * Stores a snapshot, evicting the oldest one if the store is full.
	 * @param name the user's name for it, or {@code null}
	 * @param snapshot the snapshot
	 * @return the stored snapshot with its new id
	 */
	public synchronized StoredSnapshot add(@Nullable String name, ThreadSnapshot snapshot) {
		StoredSnapshot stored = new StoredSnapshot(Long.toString(this.nextId++), name, snapshot);
		this.snapshots.put(stored.id(), stored);
		Iterator<StoredSnapshot> oldestFirst = this.snapshots.values().iterator();
		while (this.snapshots.size() > this.maxSnapshots) {
			oldestFirst.next();
			oldestFirst.remove();
		}
		return stored;
	}

	public synchronized Optional<StoredSnapshot> get(String id) {
		return Optional.ofNullable(this.snapshots.get(id));
	}

	/**
	 * Removes a snapshot.
	 * @param id its id
	 * @return whether there was one to remove
	 */
	public synchronized boolean remove(String id) {
		return this.snapshots.remove(id) != null;
	}

	/**
	 * The stored snapshots, oldest first.
	 * @return a copy of the list
	 */
	public synchronized List<StoredSnapshot> list() {
		return new ArrayList<>(this.snapshots.values());
	}

	public int maxSnapshots() {
		return this.maxSnapshots;
	}

}
