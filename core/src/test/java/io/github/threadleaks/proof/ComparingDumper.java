package io.github.threadleaks.proof;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dumps the heap the JVM's way, then reads the dump twice, numbering objects by address rank
 * (what the starter does) and by position in the file (the first reader's way), and fails
 * the proof unless both give the same verdict, reason and path for every thread. The proof
 * tests dump their heaps through it, so every test heap is compared.
 */
final class ComparingDumper implements LeakProver.HeapDumper {

	@Override
	public void dump(Path file) throws IOException {
		LeakProver.dumpHeap(file);
		List<ThreadProof> byRank = ProofAnalysis.analyse(file, Map.of(), Deadline.none(), () -> Long.MAX_VALUE,
				AddressRanks.builder());
		List<ThreadProof> byPosition = ProofAnalysis.analyse(file, Map.of(), Deadline.none(), () -> Long.MAX_VALUE,
				FilePositions.builder());
		assertThat(byRank).as("verdicts with objects numbered by address and by file position").isNotEmpty()
			.containsExactlyElementsOf(byPosition);
	}

}
