package io.github.threadleaks.junit;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.junit.examples.SpringExamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

import static io.github.threadleaks.junit.ExampleRuns.failureMessage;
import static io.github.threadleaks.junit.ExampleRuns.run;
import static org.assertj.core.api.Assertions.assertThat;

/** Spring tests: threads that belong to the test's context are not its leaks. */
@Tag("both-jdks")
@Tag("spring")
class SpringContextThreadsTests {

	@AfterEach
	void endThreads() throws InterruptedException {
		for (ExecutorService executor : SpringExamples.leftExecutors) {
			executor.shutdown();
			assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
		SpringExamples.leftExecutors.clear();
		ExampleRuns.endLeftThreads();
	}

	@Test
	void aSpringTestCallingAsyncCodePasses() {
		run(SpringExamples.CallsAsyncCode.class).testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void aSpringTestLeakingItsOwnExecutorFails() {
		EngineExecutionResults results = run(SpringExamples.LeaksItsOwnExecutor.class);

		results.testEvents().assertStatistics((stats) -> stats.started(1).failed(1));
		String message = failureMessage(results.testEvents().failed().list());
		assertThat(message).containsPattern("thread \"pool-\\d+-thread-1\" #\\d+, non-daemon, WAITING, ")
			.doesNotContain("async-work-");
	}

	@Test
	void theContextsExecutorOutsideTheContextIsALeak() {
		EngineExecutionResults results = run(SpringExamples.SameExecutorWithoutContext.class);

		assertThat(failureMessage(results.testEvents().failed().list())).contains("thread \"async-work-1\" #");
	}

	@Test
	void withCreationSitesAThreadALibrarysBeanStartsOnFirstUseIsTheContexts() {
		run(SpringExamples.LibraryBeanStartsItsThread.class).testEvents()
			.assertStatistics((stats) -> stats.started(1).succeeded(1).failed(0));
	}

	@Test
	void withCreationSitesAThreadTheApplicationsBeanStartsIsStillTheTests() {
		EngineExecutionResults results = run(SpringExamples.ApplicationBeanStartsAThread.class);

		String message = failureMessage(results.testEvents().failed().list());
		assertThat(message).contains("thread \"application-worker\" #")
			.doesNotContain("lazy-library-poller")
			.containsPattern("\tstarted by thread \"[^\"]+\" at io\\.github\\.threadleaks\\.junit\\.examples\\.Blockers\\.startBlocked");
	}

	@Test
	void threadsOfACachedContextLoadedOrRestartedDuringAPerClassCheckAreTheContexts() {
		EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
			.configurationParameters(Map.of(io.github.threadleaks.junit.examples.Example.PARAMETER, "true",
					"junit.jupiter.testclass.order.default", "org.junit.jupiter.api.ClassOrderer$OrderAnnotation"))
			.selectors(DiscoverySelectors.selectClass(SpringExamples.LoadsCachedContext.class),
					DiscoverySelectors.selectClass(SpringExamples.SwitchesContext.class),
					DiscoverySelectors.selectClass(SpringExamples.ReusesPausedContext.class),
					DiscoverySelectors.selectClass(SpringExamples.ClosesCachedContext.class))
			.execute();

		results.testEvents().assertStatistics((stats) -> stats.started(4).succeeded(4));
		assertThat(results.containerEvents().failed().list()).as("classes whose check failed")
			.extracting((event) -> event.getTestDescriptor().getDisplayName() + ": "
					+ event.getPayload(org.junit.platform.engine.TestExecutionResult.class).flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse(""))
			.isEmpty();
	}

}
