package io.github.threadleaks.diff;

import java.time.Instant;
import java.util.List;

import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.snapshot.ThreadTotals;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SnapshotStoreTests {

	@Test
	void keepsAtMostTheBoundAndEvictsTheOldest() {
		SnapshotStore store = new SnapshotStore(3);
		for (int i = 0; i < 5; i++) {
			store.add("s" + i, emptySnapshot(i));
		}
		assertThat(store.list()).extracting(StoredSnapshot::name).containsExactly("s2", "s3", "s4");
		assertThat(store.list()).extracting(StoredSnapshot::id).containsExactly("3", "4", "5");
		assertThat(store.get("1")).isEmpty();
		assertThat(store.get("5")).get().extracting(StoredSnapshot::name).isEqualTo("s4");
	}

	@Test
	void removesBySnapshotIdAndSaysWhetherThereWasOne() {
		SnapshotStore store = new SnapshotStore(3);
		StoredSnapshot stored = store.add(null, emptySnapshot(1));
		assertThat(store.remove(stored.id())).isTrue();
		assertThat(store.remove(stored.id())).isFalse();
		assertThat(store.list()).isEmpty();
	}

	@Test
	void idsAreNeverReusedAfterRemoval() {
		SnapshotStore store = new SnapshotStore(3);
		StoredSnapshot first = store.add(null, emptySnapshot(1));
		store.remove(first.id());
		assertThat(store.add(null, emptySnapshot(2)).id()).isNotEqualTo(first.id());
	}

	@Test
	void rejectsABoundBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SnapshotStore(0)).withMessageContaining("maxSnapshots");
	}

	private static ThreadSnapshot emptySnapshot(long sequence) {
		return new ThreadSnapshot(sequence, Instant.EPOCH, new ThreadTotals(0, 0, 0, 0), List.of(), 32);
	}

}
