package io.github.threadleaks.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import io.github.threadleaks.creation.CreationSites;
import io.github.threadleaks.detect.DetectionResult.SuspectsBySite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static io.github.threadleaks.detect.DetectorHarness.SAMPLES_PER_WINDOW;
import static io.github.threadleaks.detect.DetectorHarness.suspect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Suspects carry the code that started their threads, as JFR saw it on the running JDK, and
 * two pools started by the same code read as one problem.
 */
@Tag("both-jdks")
class SuspectsByCreationSiteTests {

	private final CreationSites sites = new CreationSites(10_000, 32);

	private final CountDownLatch release = new CountDownLatch(1);

	private final List<Thread> started = new ArrayList<>();

	@AfterEach
	void endThreads() throws InterruptedException {
		this.release.countDown();
		for (Thread thread : this.started) {
			thread.join(10_000);
		}
		this.sites.close();
	}

	@Test
	void suspectsNameTheirCreationSiteAndPoolsStartedByTheSameCodeAreOneProblem() {
		assertThat(this.sites.start()).isTrue();
		DetectorHarness detector = new DetectorHarness((id) -> this.sites.siteOf(id).orElse(null));
		detector.sample();
		for (int i = 1; i <= SAMPLES_PER_WINDOW + 1; i++) {
			handleLeakyRequest(i);
			handleOtherLeakyRequest(i);
			detector.tick();
		}
		// JFR hands events over about a second late: judge once every site has arrived
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.started.stream().allMatch((thread) -> this.sites.siteOf(thread.getId()).isPresent()));
		Findings result = detector.tick();

		Suspect alpha = suspect(result, "alpha-#").orElseThrow();
		assertThat(alpha.createdBy()).isNotNull();
		String self = SuspectsByCreationSiteTests.class.getName();
		assertThat(alpha.createdBy().origin().getMethodName()).isEqualTo("startWaiter");
		assertThat(alpha.createdBy().originKey()).startsWith(self + ".startWaiter < " + self + ".handleLeakyRequest < ");
		assertThat(alpha.createdBy().creatorThread()).isEqualTo(Thread.currentThread().getName());
		assertThat(suspect(result, "beta-#").orElseThrow().createdBy().originKey())
			.isEqualTo(alpha.createdBy().originKey());
		assertThat(suspect(result, "gamma-#").orElseThrow().createdBy().originKey())
			.contains(".handleOtherLeakyRequest < ");

		List<SuspectsBySite> bySite = SuspectsBySite.of(result.suspects());
		assertThat(bySite).hasSize(2);
		SuspectsBySite first = bySite.get(0);
		assertThat(first.site().originKey()).contains(".handleLeakyRequest < ");
		assertThat(first.suspects()).extracting(Suspect::pool).containsExactlyInAnyOrder("alpha-#", "beta-#");
		assertThat(first.count()).isEqualTo(2 * (SAMPLES_PER_WINDOW + 1));
		assertThat(bySite.get(1).suspects()).extracting(Suspect::pool).containsExactly("gamma-#");
	}

	/**
	 * The faulty code: two threads per request, in two differently named pools, through a
	 * helper that the other faulty code uses too.
	 */
	private void handleLeakyRequest(int request) {
		startWaiter("alpha-" + request);
		startWaiter("beta-" + request);
	}

	private void handleOtherLeakyRequest(int request) {
		startWaiter("gamma-" + request);
	}

	private void startWaiter(String name) {
		Thread thread = new Thread(() -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		this.started.add(thread);
	}

}
