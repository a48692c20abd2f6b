package io.github.threadleaks.proof;

import java.util.ArrayDeque;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The marking's queue across its blocks, as a marking fills and drains it in waves. */
class MarkingQueueTests {

	@Test
	void givesBackWhatItWasGivenInOrderAcrossBlocks() {
		LeakMarking.Queue queue = new LeakMarking.Queue(() -> Long.MAX_VALUE);
		ArrayDeque<Integer> expected = new ArrayDeque<>();
		Random random = new Random(5);
		int next = 0;
		for (int wave = 0; wave < 40; wave++) {
			int adds = random.nextInt(200_000);
			for (int i = 0; i < adds; i++) {
				queue.add(next);
				expected.add(next++);
			}
			int takes = random.nextInt(expected.size() + 1);
			for (int i = 0; i < takes; i++) {
				assertThat(queue.isEmpty()).isFalse();
				assertThat(queue.take()).isEqualTo(expected.poll());
			}
		}
		while (!expected.isEmpty()) {
			assertThat(queue.take()).isEqualTo(expected.poll());
		}
		assertThat(queue.isEmpty()).isTrue();
	}

	@Test
	void aQueueThatMustGrowPastTheBudgetIsRefusedWithWhatItHeld() {
		LeakMarking.Queue queue = new LeakMarking.Queue(() -> 1024);
		for (int i = 0; i < (1 << 16); i++) {
			queue.add(i);
		}
		assertThatExceptionOfType(ProofException.class).isThrownBy(() -> queue.add(-1))
			.withMessageContaining("65536 objects waiting")
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ProofException.Reason.LIMIT));
	}

}
