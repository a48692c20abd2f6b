package io.github.threadleaks.creation;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real threads started from a known method, seen through JFR on the running JDK (this test
 * runs on 17 in the suite and on 25 in the Java 21+ pass).
 */
@Tag("both-jdks")
class CreationSitesTests {

	private final CreationSites sites = new CreationSites(100, 16);

	@AfterEach
	void close() {
		this.sites.close();
	}

	@Test
	void aThreadStartedFromAKnownMethodHasThatMethodAsItsCreationSiteUntilItEnds() throws Exception {
		assertThat(this.sites.start()).isTrue();
		CountDownLatch release = new CountDownLatch(1);
		Thread started = startWorker(release);
		CreationSite site = await().atMost(Duration.ofSeconds(20))
			.until(() -> this.sites.siteOf(started.getId()).orElse(null), (found) -> found != null);
		assertThat(site.startedAt().getMethodName()).isEqualTo("startWorker");
		assertThat(site.startedAt().getClassName()).isEqualTo(CreationSitesTests.class.getName());
		assertThat(site.creatorThread()).isEqualTo(Thread.currentThread().getName());
		assertThat(site.stack()).extracting(StackTraceElement::getMethodName)
			.contains("aThreadStartedFromAKnownMethodHasThatMethodAsItsCreationSiteUntilItEnds");
		release.countDown();
		started.join(10_000);
		await().atMost(Duration.ofSeconds(20)).until(() -> this.sites.siteOf(started.getId()).isEmpty());
	}

	@Test
	void theMapIsBounded() throws Exception {
		CreationSites tiny = new CreationSites(1, 16);
		try {
			assertThat(tiny.start()).isTrue();
			CountDownLatch release = new CountDownLatch(1);
			Thread first = startWorker(release);
			Thread second = startWorker(release);
			await().atMost(Duration.ofSeconds(20)).until(() -> tiny.dropped() >= 1);
			assertThat(tiny.size()).isEqualTo(1);
			release.countDown();
			first.join(10_000);
			second.join(10_000);
		}
		finally {
			tiny.close();
		}
	}

	private static Thread startWorker(CountDownLatch release) {
		Thread thread = new Thread(() -> {
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "creation-site-worker");
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
