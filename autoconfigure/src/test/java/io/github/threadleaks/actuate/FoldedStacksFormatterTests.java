package io.github.threadleaks.actuate;

import java.util.List;

import io.github.threadleaks.diff.SnapshotDiff.GroupDelta;
import io.github.threadleaks.snapshot.StackSignature;
import io.github.threadleaks.snapshot.ThreadGroupSummary;
import io.github.threadleaks.snapshot.ThreadGroupSummary.GroupKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FoldedStacksFormatterTests {

	private static final List<StackTraceElement> STACK = List.of(
			new StackTraceElement("java.util.concurrent.LinkedBlockingQueue", "take", "LinkedBlockingQueue.java", 435),
			new StackTraceElement("com.example.Listener", "listen", "Listener.java", 12),
			new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840));

	private final FoldedStacksFormatter formatter = new FoldedStacksFormatter();

	@Test
	void writesOneLinePerGroupRootFirstWithItsCount() {
		String folded = this.formatter.formatGroups(List.of(group(STACK, false, 25), group(STACK.subList(2, 3), false, 1)));
		assertThat(folded).isEqualTo("""
				java.lang.Thread.run;com.example.Listener.listen;java.util.concurrent.LinkedBlockingQueue.take 25
				java.lang.Thread.run 1
				""");
	}

	@Test
	void marksAStackCutAtTheDepthLimitAtItsRoot() {
		String folded = this.formatter.formatGroups(List.of(group(STACK.subList(0, 2), true, 3)));
		assertThat(folded).isEqualTo(
				"[truncated];com.example.Listener.listen;java.util.concurrent.LinkedBlockingQueue.take 3\n");
	}

	@Test
	void aThreadWithoutJavaFramesStillGetsALine() {
		assertThat(this.formatter.formatGroups(List.of(group(List.of(), false, 2)))).isEqualTo("[no-java-frames] 2\n");
	}

	@Test
	void growthListsOnlyGroupsThatGrewWeightedByTheirGrowth() {
		String folded = this.formatter.formatGrowth(List.of(
				new GroupDelta("listener-#", Thread.State.WAITING, STACK, false, 5, 30),
				new GroupDelta("other", Thread.State.WAITING, STACK, false, 5, 5),
				new GroupDelta("gone", Thread.State.WAITING, STACK, false, 5, 0)));
		assertThat(folded).isEqualTo(
				"java.lang.Thread.run;com.example.Listener.listen;java.util.concurrent.LinkedBlockingQueue.take 25\n");
	}

	private static ThreadGroupSummary group(List<StackTraceElement> stack, boolean truncated, int count) {
		return new ThreadGroupSummary(new GroupKey("pool-#", Thread.State.WAITING, StackSignature.of(stack, 10)), count,
				stack, truncated, List.of(), List.of());
	}

}
