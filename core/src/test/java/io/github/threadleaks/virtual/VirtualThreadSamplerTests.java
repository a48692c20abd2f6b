package io.github.threadleaks.virtual;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.github.threadleaks.detect.Findings;
import io.github.threadleaks.detect.LeakDetector;
import io.github.threadleaks.detect.Suspect;
import io.github.threadleaks.snapshot.MutableClock;
import io.github.threadleaks.snapshot.StackFrames;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real virtual threads, read from the real JSON thread dump of the running JVM, judged on a
 * clock the test moves (a one-minute window sampled every five seconds passes in a blink).
 */
@Tag("java21")
class VirtualThreadSamplerTests {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final int SAMPLES_PER_WINDOW = 12;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final LeakDetector detector = new LeakDetector(LeakDetector.Settings.defaults()
		.withWindow(Duration.ofSeconds(60))
		.withStuckThreshold(Duration.ofSeconds(30))
		.withMaxThreadNames(5));

	@TempDir
	Path temporary;

	@Test
	void aThousandLeakedVirtualThreadsBlockedInAKnownMethodAreASuspectWithThatFrame() throws IOException {
		VirtualThreadSampler sampler = sampler(100_000);
		try (VirtualThreadFixtures leaks = new VirtualThreadFixtures()) {
			Findings result = analyze(sampler.take());
			for (int i = 0; i <= SAMPLES_PER_WINDOW; i++) {
				leaks.leakWaitingForOrders(84);
				this.clock.advance(INTERVAL);
				result = analyze(sampler.take());
			}
			Suspect suspect = suspectWithFrame(result, "waitForAnOrderThatNeverComes").orElseThrow(
					() -> new AssertionError("no suspect waiting in waitForAnOrderThatNeverComes"));
			assertThat(StackFrames.methodName(suspect.blockingFrame()))
				.isEqualTo("java.util.concurrent.CountDownLatch.await");
			assertThat(suspect.count()).isGreaterThanOrEqualTo(1_000);
			assertThat(suspect.growth()).isGreaterThanOrEqualTo(1_000);
			assertThat(suspect.state()).isEqualTo(Thread.State.WAITING);
			assertThat(suspect.threadNames()).allMatch((name) -> name.startsWith("#"));
			// virtual threads have no wait counters: however long they wait, they are never "stuck"
			this.clock.advance(Duration.ofMinutes(5));
			assertThat(analyze(sampler.take()).stuck()).isEmpty();
		}
		assertThat(this.temporary).isEmptyDirectory();
	}

	@Test
	void virtualThreadsStartedPerRequestFromExecutorsCreatedPerRequestAreOneGrowingGroup() throws IOException {
		VirtualThreadSampler sampler = sampler(100_000);
		try (VirtualThreadFixtures leaks = new VirtualThreadFixtures()) {
			Findings result = analyze(sampler.take());
			for (int i = 0; i <= SAMPLES_PER_WINDOW; i++) {
				leaks.executorPerRequest(3);
				this.clock.advance(INTERVAL);
				result = analyze(sampler.take());
			}
			List<Suspect> suspects = result.suspects()
				.stream()
				.filter((suspect) -> frames(suspect).contains("awaitReplyForever"))
				.toList();
			assertThat(suspects).hasSize(1);
			assertThat(suspects.get(0).pool()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
			assertThat(suspects.get(0).count()).isEqualTo(3 * (SAMPLES_PER_WINDOW + 1));
		}
		assertThat(this.temporary).isEmptyDirectory();
	}

	@Test
	void pastTheBoundVirtualThreadsAreCountedButNotKept() throws IOException {
		try (VirtualThreadFixtures leaks = new VirtualThreadFixtures()) {
			leaks.leakWaitingForOrders(300);
			ThreadSnapshot snapshot = sampler(100).take();
			assertThat(snapshot.threads()).hasSize(100);
			assertThat(snapshot.totals().live()).isGreaterThanOrEqualTo(300);
		}
		assertThat(this.temporary).isEmptyDirectory();
	}

	@Test
	void recordsCarryTheStackStateAndBlockerOfEachVirtualThread() throws IOException {
		try (VirtualThreadFixtures leaks = new VirtualThreadFixtures()) {
			leaks.leakWaitingForOrders(5);
			ThreadSnapshot snapshot = sampler(100_000).take();
			List<ThreadRecord> waiting = snapshot.threads()
				.stream()
				.filter((thread) -> thread.stack().stream().anyMatch(
						(frame) -> frame.getMethodName().equals("waitForAnOrderThatNeverComes")))
				.toList();
			assertThat(waiting).hasSize(5).allSatisfy((thread) -> {
				assertThat(thread.state()).isEqualTo(Thread.State.WAITING);
				assertThat(thread.progressKnown()).isFalse();
				assertThat(thread.lockName()).contains("CountDownLatch");
				assertThat(thread.stack().get(0).getClassName()).isEqualTo("java.lang.VirtualThread");
				assertThat(thread.stack()).extracting(StackTraceElement::getClassName)
					.contains(VirtualThreadFixtures.class.getName());
			});
		}
	}

	private VirtualThreadSampler sampler(int maxThreads) {
		ThreadDumper.Availability availability = ThreadDumper.find();
		assertThat(availability.available()).as(availability.unavailableBecause()).isTrue();
		return new VirtualThreadSampler(availability.dumper(), 32, maxThreads, this.clock, this.temporary);
	}

	private Findings analyze(ThreadSnapshot snapshot) {
		return this.detector.analyze(snapshot);
	}

	private static Optional<Suspect> suspectWithFrame(Findings result, String method) {
		return result.suspects().stream().filter((suspect) -> frames(suspect).contains("." + method + "(")).findFirst();
	}

	private static String frames(Suspect suspect) {
		return String.join("\n", suspect.stack().stream().map(StackFrames::format).toList());
	}

}
