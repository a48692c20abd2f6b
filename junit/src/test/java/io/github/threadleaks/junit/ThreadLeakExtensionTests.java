package io.github.threadleaks.junit;

import java.util.Map;

import io.github.threadleaks.junit.examples.PerTestExamples;
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
class ThreadLeakExtensionTests {

	@AfterEach
	void endThreads() throws InterruptedException {
		ExampleRuns.endLeftThreads();
		if (PerTestExamples.ExecutorNeverShutDown.executor != null) {
			PerTestExamples.ExecutorNeverShutDown.executor.shutdown();
			PerTestExamples.ExecutorNeverShutDown.executor = null;
		}
	}

	@Test
	void aTestLeavingAThreadBlockedFailsAndTheMessageNamesTheThreadAndItsFrame() {
		EngineExecutionResults results = run(PerTestExamples.LeavesThreadBlocked.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).succeeded(0).failed(1));
		String message = failureMessage(results.testEvents().failed().list());
		assertThat(message).startsWith("found 1 unexpected thread after test LeavesThreadBlocked.leavesThreadBlocked(), "
				+ "still alive ")
			.containsPattern("\nthread \"leaky-listener\" #\\d+, non-daemon, WAITING, blocks in "
					+ "io\\.github\\.threadleaks\\.junit\\.examples\\.Blockers\\.waitUntilReleased\\(Blockers\\.java:\\d+\\)\n")
			.contains("\tat java.lang.Object.wait(")
			.containsPattern("\tat io\\.github\\.threadleaks\\.junit\\.examples\\.Blockers\\.waitUntilReleased\\(Blockers\\.java:\\d+\\)\n")
			.contains("\tat java.lang.Thread.run(");
	}

	@Test
	void theCheckWaitsItsWholeBoundBeforeItFails() {
		EngineExecutionResults results = run(PerTestExamples.LeavesThreadBlocked.class);

		String message = failureMessage(results.testEvents().failed().list());
		assertThat(message).containsPattern("still alive (\\d{4,}) ms after it ended");
	}

	@Test
	void aLeakedDaemonThreadIsALeak() {
		EngineExecutionResults results = run(PerTestExamples.LeavesDaemonBlocked.class);

		results.testEvents().assertStatistics((stats) -> stats.failed(1));
		assertThat(failureMessage(results.testEvents().failed().list()))
			.containsPattern("thread \"leaky-daemon\" #\\d+, daemon, WAITING, blocks in ");
	}

	@Test
	void aTestStartingNoThreadPasses() {
		run(PerTestExamples.StartsNothing.class).testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void aThreadEnding300MillisAfterTheTestPasses() {
		run(PerTestExamples.ThreadEndsLater.class).testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void anExecutorShutDownWithoutAwaitingPasses() {
		run(PerTestExamples.ExecutorShutDownWithoutAwait.class).testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void anExecutorNeverShutDownFailsWithItsIdleWorker() {
		EngineExecutionResults results = run(PerTestExamples.ExecutorNeverShutDown.class);

		results.testEvents().assertStatistics((stats) -> stats.failed(1));
		assertThat(failureMessage(results.testEvents().failed().list()))
			.containsPattern("thread \"pool-\\d+-thread-1\" #\\d+, non-daemon, WAITING, blocks in "
					+ "java\\.util\\.concurrent\\.LinkedBlockingQueue\\.take\\(LinkedBlockingQueue\\.java:\\d+\\)\n")
			.contains("\tat java.util.concurrent.ThreadPoolExecutor.getTask(");
	}

	@Test
	void onAMethodOnlyThatTestIsChecked() {
		EngineExecutionResults results = run(PerTestExamples.AnnotatedMethodOnly.class);

		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(failureMessage(results.testEvents().failed().list())).contains("thread \"leaky-checked\"")
			.doesNotContain("leaky-unchecked");
	}

	@Test
	void aHostileThreadNameCannotForgeLinesOrControlTheTerminal() {
		EngineExecutionResults results = run(PerTestExamples.HostileName.class);

		String message = failureMessage(results.testEvents().failed().list());
		assertThat(message)
			.contains("thread \"evil\\u000Aat fake.Frame(Fake.java:1)\\u001B[31m\\u202Eexit\\u2028done\\u005Cu0041\" #")
			.doesNotContain("\u001b")
			.doesNotContain("\u202e")
			.doesNotContain("\u2028")
			.doesNotContain("\nat fake.Frame");
	}

	@Test
	void withCreationSitesTheMessageSaysWhoStartedTheThread() {
		EngineExecutionResults results = run(PerTestExamples.LeakWithCreationSite.class);

		assertThat(failureMessage(results.testEvents().failed().list()))
			.containsPattern("thread \"leaky-with-site\" #\\d+, non-daemon, WAITING, blocks in ")
			.containsPattern("\tstarted by thread \"[^\"]+\" at io\\.github\\.threadleaks\\.junit\\.examples\\."
					+ "Blockers\\.startBlocked\\(line \\d+\\)\n"
					+ "\t\tfrom io\\.github\\.threadleaks\\.junit\\.examples\\.PerTestExamples\\$LeakWithCreationSite\\."
					+ "startListener\\(line \\d+\\)\n"
					+ "\t\tfrom io\\.github\\.threadleaks\\.junit\\.examples\\.PerTestExamples\\$LeakWithCreationSite\\."
					+ "leavesThreadBlocked\\(line \\d+\\)\n")
			.doesNotContain("who started each thread is not known");
	}

	@Test
	void maxWaitFromAConfigurationParameterBoundsTheWait() {
		EngineExecutionResults results = run(PerTestExamples.LeavesThreadBlocked.class,
				Map.of(ConfiguredOptions.MAX_WAIT, "0"));

		assertThat(failureMessage(results.testEvents().failed().list())).containsPattern("still alive \\d{1,3} ms after");
	}

	@Test
	void underParallelExecutionThePerTestCheckRefusesToRunAndSaysWhy() {
		EngineExecutionResults results = run(PerTestExamples.StartsNothing.class,
				Map.of("junit.jupiter.execution.parallel.enabled", "true",
						"junit.jupiter.execution.parallel.mode.default", "concurrent"));

		results.testEvents()
			.assertThatEvents()
			.haveExactly(1, finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
					message((text) -> text.startsWith("Thread leaks cannot be told apart between tests that run "
							+ "concurrently"))));
	}

	@Test
	void eachRepetitionOfARepeatedTestIsCheckedOnItsOwn() {
		EngineExecutionResults results = run(PerTestExamples.RepeatedLeak.class, Map.of(ConfiguredOptions.MAX_WAIT, "0"));

		results.testEvents().assertStatistics((stats) -> stats.started(3).failed(3));
		assertThat(results.testEvents().failed().list()).extracting(ExampleRuns::failureMessageOf)
			.allSatisfy((message) -> assertThat(message).startsWith("found 1 unexpected thread after test "
					+ "RepeatedLeak.leaksEachTime() [repetition "))
			.anySatisfy((message) -> assertThat(message).contains("thread \"repeated-3\" #"));
	}

}
