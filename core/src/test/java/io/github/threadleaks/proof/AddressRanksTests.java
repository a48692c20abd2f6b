package io.github.threadleaks.proof;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Ids as a dump written by several threads lists them: out of order, clustered, with gaps and far regions. */
class AddressRanksTests {

	@Test
	void everyObjectIsNumberedByHowManyLieBelowItAndNothingElseHasANumber() {
		Random random = new Random(17);
		int n = 200_000;
		long[] ids = new long[n];
		long address = 0x6_0000_0000L;
		for (int i = 0; i < n; i++) {
			// mostly small objects side by side, now and then a large array, and a region far away
			address += 8 + 8L * ((i % 997 == 0) ? random.nextInt(200_000) : random.nextInt(4));
			if (i == n / 2) {
				address += 1L << 32;
			}
			ids[i] = address;
		}
		long[] inFileOrder = ids.clone();
		shuffleInRuns(inFileOrder, random);
		ObjectNumbers.Builder builder = AddressRanks.builder();
		for (long id : inFileOrder) {
			builder.add(id);
		}
		ObjectNumbers numbers = builder.build();
		assertThat(numbers.size()).isEqualTo(n);
		for (int rank = 0; rank < n; rank++) {
			assertThat(numbers.nodeOf(ids[rank])).isEqualTo(rank);
			assertThat(numbers.idOf(rank)).isEqualTo(ids[rank]);
		}
		Set<Long> present = new HashSet<>();
		Arrays.stream(ids).forEach(present::add);
		for (int i = 0; i < n; i += 7) {
			for (long near : new long[] { ids[i] - 8, ids[i] + 8, ids[i] + 4, ids[i] + (1L << 19) }) {
				if (!present.contains(near)) {
					assertThat(numbers.nodeOf(near)).as("0x%x", near).isEqualTo(-1);
				}
			}
		}
		assertThat(numbers.nodeOf(0)).isEqualTo(-1);
		assertThat(numbers.nodeOf(ids[0] - (1L << 20))).isEqualTo(-1);
		assertThat(numbers.nodeOf(ids[n - 1] + (1L << 20))).isEqualTo(-1);
		assertThat(numbers.nodeOf(-8)).isEqualTo(-1);
	}

	/** A parallel dump writes each region in order, the regions in any order. */
	private static void shuffleInRuns(long[] ids, Random random) {
		int runs = 64;
		int length = ids.length / runs;
		for (int i = runs - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			long[] swap = Arrays.copyOfRange(ids, i * length, (i + 1) * length);
			System.arraycopy(ids, j * length, ids, i * length, length);
			System.arraycopy(swap, 0, ids, j * length, length);
		}
	}

	@Test
	void aDumpWithoutObjectsNumbersNothing() {
		ObjectNumbers numbers = AddressRanks.builder().build();
		assertThat(numbers.size()).isZero();
		assertThat(numbers.nodeOf(16)).isEqualTo(-1);
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> numbers.idOf(0));
	}

	@Test
	void anIdThatIsNoHotSpotAddressIsRefusedWithWhatItWas() {
		ObjectNumbers.Builder builder = AddressRanks.builder();
		assertThatExceptionOfType(ProofException.class).isThrownBy(() -> builder.add(0x1003))
			.withMessageContaining("0x1003")
			.withMessageContaining("not a multiple of 8");
	}

	@Test
	void objectsSpreadOverMoreAddressesThanTheDirectoryCoversAreRefusedBeforeItIsAllocated() {
		ObjectNumbers.Builder builder = AddressRanks.builder();
		builder.add(0x1000);
		builder.add(0x1000 + (1L << 45));
		assertThatExceptionOfType(ProofException.class).isThrownBy(builder::build)
			.withMessageContaining("more than this analysis indexes");
	}

}
