package io.github.threadleaks.sample;

import java.time.Duration;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

}
