package io.github.threadleaks.junit;

import java.util.Map;

import io.github.threadleaks.junit.examples.IgnoreExamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;

import static io.github.threadleaks.junit.ExampleRuns.failureMessage;
import static io.github.threadleaks.junit.ExampleRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Each ignore option leaves out what it names, and only that. */
@Tag("both-jdks")
class IgnoreOptionsTests {

	@AfterEach
	void endThreads() throws InterruptedException {
		ExampleRuns.endLeftThreads();
	}

	@Test
	void byName() {
		assertOnlyNotIgnoredFails(run(IgnoreExamples.ByName.class), "unexpected-poller-1");
	}

	@Test
	void byTopFrameOrTheFrameItBlocksIn() {
		assertOnlyNotIgnoredFails(run(IgnoreExamples.ByTopFrame.class), "waits-elsewhere");
	}

	@Test
	void byAnyFrame() {
		assertOnlyNotIgnoredFails(run(IgnoreExamples.ByAnyFrame.class), "waits-in-blockers");
	}

	@Test
	void byCreationSite() {
		assertOnlyNotIgnoredFails(run(IgnoreExamples.ByCreator.class), "started-elsewhere");
	}

	@Test
	void inCodeWithTheBuilder() {
		assertOnlyNotIgnoredFails(run(IgnoreExamples.InCode.class), "uncoded-1");
	}

	@Test
	void byConfigurationParameterForTheWholeRun() {
		assertOnlyNotIgnoredFails(
				run(IgnoreExamples.ByConfigurationParameter.class, Map.of(ConfiguredOptions.IGNORE_NAMES, " other , configured-*")),
				"unconfigured-1");
	}

	private static void assertOnlyNotIgnoredFails(EngineExecutionResults results, String leakedThread) {
		results.testEvents().assertStatistics((stats) -> stats.started(2).succeeded(1).failed(1));
		assertThat(results.testEvents().failed().list().get(0).getTestDescriptor().getDisplayName())
			.isEqualTo("notIgnored()");
		assertThat(failureMessage(results.testEvents().failed().list())).contains("thread \"" + leakedThread + "\" #")
			.startsWith("found 1 unexpected thread ");
	}

}
