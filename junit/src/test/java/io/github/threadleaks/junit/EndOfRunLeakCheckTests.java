package io.github.threadleaks.junit;

import java.util.ServiceLoader;

import io.github.threadleaks.junit.examples.EndOfRunExamples;
import io.github.threadleaks.junit.examples.Example;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The end-of-run check, through a real launcher session as a build tool opens one. */
@Tag("both-jdks")
class EndOfRunLeakCheckTests {

	@AfterEach
	void endThreads() throws InterruptedException {
		ExampleRuns.endLeftThreads();
	}

	@Test
	void aThreadLeftAliveAtTheEndOfTheRunFailsItWhenTheSessionCloses() {
		LauncherSession session = openSession();
		SummaryGeneratingListener summary = runIn(session, EndOfRunExamples.LeavesThreadForTheRun.class, true);

		assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
		assertThatThrownBy(session::close).isExactlyInstanceOf(AssertionError.class)
			.hasMessageStartingWith("threadleaks: found 1 unexpected thread after the test run, still alive ")
			.hasMessageContaining("thread \"left-for-the-run\" #");
	}

	@Test
	void aRunWhoseThreadsEndedPasses() {
		LauncherSession session = openSession();
		SummaryGeneratingListener summary = runIn(session, EndOfRunExamples.EndsItsThread.class, true);

		assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(1);
		assertThatNoException().isThrownBy(session::close);
	}

	@Test
	void withoutTheParameterTheCheckIsOff() {
		LauncherSession session = openSession();
		runIn(session, EndOfRunExamples.LeavesThreadForTheRun.class, false);

		assertThatNoException().isThrownBy(session::close);
	}

	@Test
	void theLauncherFindsTheCheckOnTheClasspath() {
		assertThat(ServiceLoader.load(LauncherSessionListener.class).stream().map(ServiceLoader.Provider::type))
			.contains(EndOfRunLeakCheck.class);
	}

	private static LauncherSession openSession() {
		return LauncherFactory.openSession(LauncherConfig.builder()
			.enableLauncherSessionListenerAutoRegistration(false)
			.addLauncherSessionListeners(new EndOfRunLeakCheck())
			.build());
	}

	private static SummaryGeneratingListener runIn(LauncherSession session, Class<?> example, boolean checkEnabled) {
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(example))
			.configurationParameter(Example.PARAMETER, "true")
			.configurationParameter(ConfiguredOptions.END_OF_RUN_ENABLED, Boolean.toString(checkEnabled))
			.build();
		SummaryGeneratingListener summary = new SummaryGeneratingListener();
		session.getLauncher().execute(request, summary);
		return summary;
	}

}
