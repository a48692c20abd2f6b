package io.github.threadleaks.diff;

import java.lang.management.ManagementFactory;
import java.time.Clock;

import io.github.threadleaks.diff.SnapshotDiff.GroupDelta;
import io.github.threadleaks.snapshot.BlockedThreads;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroups;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotDiffTests {

	private final Sampler sampler = new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC());

	private final ThreadGroups grouping = new ThreadGroups(10, 10);

	private final SnapshotStore store = new SnapshotStore(4);

	@Test
	void threadsStartedAfterASnapshotShowAsAddedAndAsGrowthOfTheirGroup() {
		StoredSnapshot before = this.store.add("before", this.sampler.take());
		try (BlockedThreads blocked = BlockedThreads.start("diff-growth-", 7)) {
			SnapshotDiff diff = SnapshotDiff.between(before, this.sampler.take(), this.grouping, 100);
			GroupDelta top = diff.groups().get(0);
			assertThat(top.pool()).isEqualTo("diff-growth-#");
			assertThat(top.state()).isEqualTo(Thread.State.WAITING);
			assertThat(top.before()).isZero();
			assertThat(top.after()).isEqualTo(7);
			assertThat(top.delta()).isEqualTo(7);
			assertThat(top.stack()).extracting(StackTraceElement::getMethodName)
				.contains(BlockedThreads.BLOCKING_METHOD);
			assertThat(diff.added()).extracting(SnapshotDiff.ThreadRef::name)
				.contains("diff-growth-1", "diff-growth-7");
			assertThat(diff.addedCount()).isGreaterThanOrEqualTo(7);
			assertThat(diff.from().id()).isEqualTo(before.id());
			assertThat(diff.from().name()).isEqualTo("before");
			assertThat(diff.to().id()).isNull();
		}
	}

	@Test
	void threadsThatEndedShowAsEndedAndAsShrinkingGroupsLast() {
		StoredSnapshot before;
		try (BlockedThreads blocked = BlockedThreads.start("diff-ending-", 4)) {
			before = this.store.add(null, this.sampler.take());
		}
		SnapshotDiff diff = SnapshotDiff.between(before, this.sampler.take(), this.grouping, 100);
		assertThat(diff.ended()).extracting(SnapshotDiff.ThreadRef::name)
			.contains("diff-ending-1", "diff-ending-2", "diff-ending-3", "diff-ending-4");
		GroupDelta ending = diff.groups()
			.stream()
			.filter((group) -> group.pool().equals("diff-ending-#"))
			.findFirst()
			.orElseThrow();
		assertThat(ending.before()).isEqualTo(4);
		assertThat(ending.after()).isZero();
		assertThat(ending.delta()).isEqualTo(-4);
		assertThat(diff.groups()).extracting(GroupDelta::delta).isSortedAccordingTo((a, b) -> b - a);
	}

	@Test
	void listsOfThreadsAreBoundedButTheirCountsAreNot() {
		StoredSnapshot before = this.store.add(null, this.sampler.take());
		try (BlockedThreads blocked = BlockedThreads.start("diff-bounded-", 6)) {
			SnapshotDiff diff = SnapshotDiff.between(before, this.sampler.take(), this.grouping, 2);
			assertThat(diff.added()).hasSize(2);
			assertThat(diff.addedCount()).isGreaterThanOrEqualTo(6);
		}
	}

	@Test
	void aSnapshotComparedWithItselfHasNoChange() {
		StoredSnapshot stored = this.store.add(null, this.sampler.take());
		SnapshotDiff diff = SnapshotDiff.between(stored, stored.snapshot(), this.grouping, 100);
		assertThat(diff.addedCount()).isZero();
		assertThat(diff.endedCount()).isZero();
		assertThat(diff.groups()).allMatch((group) -> group.delta() == 0);
	}

}
