package io.github.threadleaks.junit;

import java.util.List;
import java.util.Map;

import io.github.threadleaks.junit.examples.Blockers;
import io.github.threadleaks.junit.examples.Example;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** Runs example test classes through EngineTestKit, and ends the threads they leave. */
final class ExampleRuns {

	private ExampleRuns() {
	}

	static EngineExecutionResults run(Class<?> example) {
		return run(example, Map.of());
	}

	static EngineExecutionResults run(Class<?> example, Map<String, String> parameters) {
		return run(selectClass(example), parameters);
	}

	static EngineExecutionResults run(DiscoverySelector selector, Map<String, String> parameters) {
		return EngineTestKit.engine("junit-jupiter")
			.configurationParameter(Example.PARAMETER, "true")
			.configurationParameters(parameters)
			.selectors(selector)
			.execute();
	}

	/** The failure message of the one test or container that failed with an AssertionError. */
	static String failureMessage(List<Event> failed) {
		assertThat(failed).hasSize(1);
		return failureMessageOf(failed.get(0));
	}

	static String failureMessageOf(Event failed) {
		Throwable failure = failed
			.getPayload(org.junit.platform.engine.TestExecutionResult.class)
			.flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
			.orElseThrow();
		assertThat(failure).isExactlyInstanceOf(AssertionError.class);
		// in the test's output file: what a user would read
		System.out.println(failure.getMessage());
		return failure.getMessage();
	}

	static void endLeftThreads() throws InterruptedException {
		assertThat(Blockers.releaseAll()).as("threads the examples left that would not end").isEmpty();
	}

}
