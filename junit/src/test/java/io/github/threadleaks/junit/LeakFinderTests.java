package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The retry discipline, seen from the number of looks rather than from a clock. */
@Tag("both-jdks")
class LeakFinderTests {

	@Test
	void withNothingNewAliveItLooksOnceAndNeverSleeps() {
		LiveThreads.Baseline baseline = LiveThreads.baseline();

		LeakFinder.Findings findings = new LeakFinder(CheckOptions.DEFAULTS).find(baseline);

		assertThat(findings.hasLeaks()).isFalse();
		assertThat(findings.looks()).isEqualTo(1);
	}

	@Test
	void aThreadThatStaysIsLookedAtAgainUntilTheBoundThenReported() throws InterruptedException {
		LiveThreads.Baseline baseline = LiveThreads.baseline();
		CountDownLatch release = new CountDownLatch(1);
		Thread stays = new Thread(() -> awaitQuietly(release), "stays");
		stays.start();
		try {
			CheckOptions options = new CheckOptions(List.of(), List.of(), List.of(), List.of(), false,
					Duration.ofMillis(200), CheckOptions.DEFAULT_MAX_FRAMES);

			LeakFinder.Findings findings = new LeakFinder(options).find(baseline);

			assertThat(findings.leaks()).extracting(LeakedThread::name).containsExactly("stays");
			// looked at again and again (how often depends on how long each short sleep really takes
			// on the machine, so only "more than once" is certain) until the bound was spent
			assertThat(findings.looks()).isGreaterThan(1);
			assertThat(findings.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
		}
		finally {
			release.countDown();
			stays.join();
		}
	}

	@Test
	void aThreadStartedSinceTheBaselineIsNotCoveredAndOneThatEndedChangesNothing() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		Thread before = new Thread(() -> awaitQuietly(release), "alive-before");
		before.start();
		LiveThreads.Baseline baseline = LiveThreads.baseline();
		Thread after = new Thread(() -> awaitQuietly(release), "started-after");
		after.start();
		try {
			assertThat(baseline.coversAll(LiveThreads.list())).isFalse();
			assertThat(baseline.contains(after)).isFalse();
			assertThat(baseline.contains(before)).isTrue();
		}
		finally {
			release.countDown();
			before.join();
			after.join();
		}
		assertThat(baseline.coversAll(LiveThreads.list())).isTrue();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
