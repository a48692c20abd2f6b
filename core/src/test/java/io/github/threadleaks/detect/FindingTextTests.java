package io.github.threadleaks.detect;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The words each reader (log, health, text) shares for a finding.
 */
class FindingTextTests {

	private final Deadlock deadlock = new Deadlock(List.of(
			new Deadlock.DeadlockedThread(1, "a", Thread.State.BLOCKED, "lock-x", "b", 2, List.of("lock-y"), List.of()),
			new Deadlock.DeadlockedThread(2, "b", Thread.State.BLOCKED, "lock-y", "a", 1, List.of(), List.of())));

	@Test
	void aDeadlockReadsAsItsCycleOnOneLineAndByThreadInDetail() {
		assertThat(FindingText.deadlockLine(this.deadlock))
			.isEqualTo("'a' waits for lock-x held by 'b'; 'b' waits for lock-y held by 'a'");
		assertThat(FindingText.deadlockHeadline(this.deadlock)).isEqualTo("2 threads: 'a', 'b'");
		assertThat(FindingText.waitsFor("a", 1L, "lock-x", "b")).isEqualTo("'a' (#1) waits for lock-x held by 'b'");
		assertThat(FindingText.holds(List.of("lock-y"))).isEqualTo("holds lock-y");
		assertThat(FindingText.holds(List.of())).isNull();
	}

	@Test
	void aCreationSiteReadsAsGosCreatedByLine() {
		assertThat(FindingText.createdBy("com.example.Handler.handle(Handler.java:42)", "http-nio-8080-exec-3"))
			.isEqualTo("created by com.example.Handler.handle(Handler.java:42) in \"http-nio-8080-exec-3\"");
		assertThat(FindingText.createdBy("com.example.Main.main(Main.java:3)", null))
			.isEqualTo("created by com.example.Main.main(Main.java:3)");
		assertThat(FindingText.createdBy(null, "main")).isNull();
	}

	@Test
	void whatAStuckThreadWaitsFor() {
		assertThat(FindingText.waitingFor("java.lang.Object@1b2c", "holder"))
			.isEqualTo("waiting for java.lang.Object@1b2c held by 'holder'");
		assertThat(FindingText.waitingFor("java.lang.Object@1b2c", null)).isEqualTo("waiting for java.lang.Object@1b2c");
		assertThat(FindingText.waitingFor(null, "holder")).isNull();
	}

}
