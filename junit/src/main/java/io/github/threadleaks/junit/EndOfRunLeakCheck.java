package io.github.threadleaks.junit;

import org.jspecify.annotations.Nullable;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * The check once at the end of the whole run (goleak's {@code VerifyTestMain}): threads
 * started after the launcher session opened and still alive when it closes fail the run. On
 * with {@code threadleaks.junit.end-of-run.enabled=true} in {@code junit-platform.properties};
 * the launcher finds this listener on the classpath by itself, and it does nothing while the
 * parameter is not set.
 * <p>
 * The failure is an {@link AssertionError} thrown as the session closes, after every test has
 * reported; its message goes to standard error first, since a build tool may only say that the
 * test JVM failed. Application contexts Spring caches close later, at JVM exit: their threads
 * are theirs, not leaks.
 */
public final class EndOfRunLeakCheck implements LauncherSessionListener {

	private volatile LiveThreads.@Nullable Baseline baseline;

	private volatile @Nullable CheckOptions options;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		this.baseline = LiveThreads.baseline();
		session.getLauncher().registerTestExecutionListeners(new TestExecutionListener() {

			@Override
			public void testPlanExecutionStarted(TestPlan testPlan) {
				if (ConfiguredOptions.isTrue(testPlan.getConfigurationParameters()::get,
						ConfiguredOptions.END_OF_RUN_ENABLED)) {
					CheckOptions configured = ConfiguredOptions.read(testPlan.getConfigurationParameters()::get);
					if (configured.recordsCreationSites()) {
						JvmCreationSites.started();
					}
					EndOfRunLeakCheck.this.options = configured;
				}
			}

		});
	}

	@Override
	public void launcherSessionClosed(LauncherSession session) {
		LiveThreads.Baseline before = this.baseline;
		CheckOptions configured = this.options;
		this.baseline = null;
		this.options = null;
		if (before == null || configured == null) {
			return;
		}
		LeakFinder finder = new LeakFinder(configured);
		LeakFinder.Findings findings = finder.find(before);
		if (findings.hasLeaks()) {
			String message = "threadleaks: " + LeakMessage.of("the test run", findings.leaks(), findings.waited(),
					configured.maxFrames(),
					findings.creationSitesRecorded() ? null : ConfiguredOptions.CREATION_SITES + "=true");
			System.err.println(message);
			throw new AssertionError(message);
		}
	}

}
