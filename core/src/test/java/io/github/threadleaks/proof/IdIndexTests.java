package io.github.threadleaks.proof;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Ids as a dump written by several threads lists them: out of order, clustered, with gaps. */
class IdIndexTests {

	@Test
	void everyIdFindsItsPositionInTheFileAndNoOtherIdFindsOne() {
		Random random = new Random(16);
		int n = 50_000;
		long[] ids = new long[n];
		long address = 0x7000_0000L;
		for (int i = 0; i < n; i++) {
			// mostly small objects, now and then a large array, and a far region
			address += 16 + 8L * random.nextInt((i % 1000 == 0) ? 100_000 : 4);
			if (i == n / 2) {
				address += 1L << 32;
			}
			ids[i] = address;
		}
		long[] inFileOrder = ids.clone();
		for (int i = n - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			long swap = inFileOrder[i];
			inFileOrder[i] = inFileOrder[j];
			inFileOrder[j] = swap;
		}
		long[] sorted = inFileOrder.clone();
		int[] positions = new int[n];
		for (int i = 0; i < n; i++) {
			positions[i] = i;
		}
		IdSort.sort(sorted, positions);
		assertThat(sorted).isSorted();
		IdIndex index = new IdIndex(sorted, positions);
		for (int position = 0; position < n; position++) {
			assertThat(index.nodeOf(inFileOrder[position])).isEqualTo(position);
		}
		assertThat(index.nodeOf(ids[0] - 8)).isEqualTo(-1);
		assertThat(index.nodeOf(ids[n - 1] + 8)).isEqualTo(-1);
		assertThat(index.nodeOf(ids[10] + 8)).isEqualTo(-1);
		assertThat(index.nodeOf(ids[n / 2] - 8)).isEqualTo(-1);
	}

	@Test
	void idsAlreadyInOrderNeedNoPositions() {
		IdIndex index = new IdIndex(new long[] { 16, 48, 4096 }, null);
		assertThat(index.nodeOf(16)).isZero();
		assertThat(index.nodeOf(4096)).isEqualTo(2);
		assertThat(index.nodeOf(32)).isEqualTo(-1);
		assertThat(new IdIndex(new long[0], null).nodeOf(16)).isEqualTo(-1);
	}

}
