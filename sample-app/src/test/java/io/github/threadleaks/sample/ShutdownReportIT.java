package io.github.threadleaks.sample;

import java.time.Duration;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SIGTERM to the packaged app: the shutdown coordinator names the tracked work that refused
 * to stop, the leftover-thread report names the non-daemon thread left running, and the
 * process exits within the shutdown timeouts.
 */
@NoThreadLeaks
class ShutdownReportIT {

	@Test
	void sigtermPrintsTheShutdownReportAndExitsWithinTheTimeouts() throws Exception {
		try (SampleAppProcess app = SampleAppProcess.start("--threadleaks.shutdown.drain-timeout=500ms",
				"--threadleaks.shutdown.cancel-timeout=500ms", "--threadleaks.shutdown.leftover-threads-grace=500ms",
				"--spring.lifecycle.timeout-per-shutdown-phase=3s")) {
			Http http = new Http(app.port());
			assertThat(http.post("/leaks/stubborn", null, null).body()).contains("invoice-export-1", "inventory-poller-1");
			assertThat(Http.json(http.get("/actuator/trackedtasks", "application/json")).toString())
				.contains("\"name\":\"invoice-export-1\"", "\"scope\":\"application/POST /leaks/stubborn/invoice-export-1\"");

			long start = System.nanoTime();
			app.stop(Duration.ofSeconds(30));
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			String output = app.output();
			assertThat(output).contains("Shutdown: task #", "'invoice-export-1' (running) refused to stop within 500 ms",
					"StubbornShutdownScenario.ignoreInterrupts");
			assertThat(output).contains(
					"threadleaks: the application started a thread named [inventory-poller-1]",
					"but has failed to stop it", "StubbornShutdownScenario.waitForever");
			// drain + cancel, then the executor's own phase waits for the stubborn task up to the
			// per-phase timeout, then the leftover grace
			assertThat(took).isLessThan(Duration.ofSeconds(15));
		}
	}

	@Test
	void withTheTimeoutsUnsetTheWholeStopFitsTheLifecyclePhaseTimeout() throws Exception {
		Duration phaseTimeout = Duration.ofSeconds(5);
		Duration leftoverGrace = Duration.ofSeconds(2);
		try (SampleAppProcess app = SampleAppProcess.start(
				"--spring.lifecycle.timeout-per-shutdown-phase=" + phaseTimeout.toMillis() + "ms",
				"--threadleaks.shutdown.leftover-threads-grace=" + leftoverGrace.toMillis() + "ms")) {
			Http http = new Http(app.port());
			assertThat(http.post("/leaks/stubborn", null, null).body()).contains("invoice-export-1");
			// on its thread, ignoring interrupts, before the signal
			await().atMost(Duration.ofSeconds(10))
				.until(() -> http.get("/actuator/trackedtasks", "application/json").body(),
						(body) -> body.contains("StubbornShutdownScenario.ignoreInterrupts"));

			long start = System.nanoTime();
			app.stop(Duration.ofMinutes(2));
			Duration took = Duration.ofNanos(System.nanoTime() - start);

			String output = app.output();
			// the sample sets neither timeout for this run: two thirds and a third of the 5 s phase
			assertThat(output).contains("still running after the drain timeout of 3333 ms",
					"'invoice-export-1' (running) refused to stop within 1666 ms",
					"StubbornShutdownScenario.ignoreInterrupts");
			assertThat(output).doesNotContain("add up to more than spring.lifecycle.timeout-per-shutdown-phase");
			// the coordinator's phase, then the executor's own phase waiting for the task that refused,
			// each within the phase timeout; then the leftover-thread grace; 3 s for the JVM's own exit
			assertThat(took).as("SIGTERM to exit (%d ms)\n%s", took.toMillis(), output)
				.isLessThan(phaseTimeout.multipliedBy(2).plus(leftoverGrace).plusSeconds(3));
			System.out.println("ShutdownReportIT: SIGTERM to exit took " + took.toMillis() + " ms");
		}
	}

}
