package io.github.threadleaks.junit;

import io.github.threadleaks.junit.examples.PerClassExamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static io.github.threadleaks.junit.ExampleRuns.failureMessage;
import static io.github.threadleaks.junit.ExampleRuns.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

@Tag("both-jdks")
class PerClassTests {

	@AfterEach
	void endThreads() throws InterruptedException {
		ExampleRuns.endLeftThreads();
	}

	@Test
	void aThreadOneTestHandsToTheNextIsNoLeakOfTheClass() {
		EngineExecutionResults results = run(PerClassExamples.HandsThreadToNextTest.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		results.containerEvents().assertStatistics((stats) -> stats.failed(0));
	}

	@Test
	void checkedPerTestTheSameClassFailsItsFirstTest() {
		EngineExecutionResults results = run(PerClassExamples.HandsThreadToNextTestCheckedPerTest.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(failureMessage(results.testEvents().failed().list())).contains("thread \"handed-over\"");
	}

	@Test
	void aClassLeakingFailsTheClassNotATest() {
		EngineExecutionResults results = run(PerClassExamples.LeaksFromTheClass.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(2));
		String message = failureMessage(results.containerEvents().failed().list());
		assertThat(message).startsWith("found 1 unexpected thread after the tests of "
				+ "io.github.threadleaks.junit.examples.PerClassExamples$LeaksFromTheClass, still alive ")
			.contains("thread \"class-leak\"");
	}

	@Test
	void theClassCheckInCodeSeesThreadsAfterAllStarts() {
		EngineExecutionResults results = run(PerClassExamples.LeaksFromAfterAllInCode.class);

		assertThat(failureMessage(results.containerEvents().failed().list()))
			.containsPattern("thread \"after-all-leak\" #\\d+, daemon, ");
	}

	@Test
	void perClassOnAMethodIsAConfigurationError() {
		EngineExecutionResults results = run(PerClassExamples.PerClassOnMethod.class);

		results.testEvents()
			.assertThatEvents()
			.haveExactly(1, finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
					message("@NoThreadLeaks(per = CLASS) belongs on a class, not on method misplaced()")));
	}

}
