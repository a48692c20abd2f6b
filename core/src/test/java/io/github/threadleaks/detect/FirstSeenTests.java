package io.github.threadleaks.detect;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.threadleaks.detect.LeakFixtures.Kind;
import io.github.threadleaks.snapshot.BlockedThreads;
import io.github.threadleaks.snapshot.MutableClock;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Birth times belong to the detector: a thread's first sighting is the first snapshot the
 * detector judged with it in, whoever else takes snapshots from the same sampler.
 */
class FirstSeenTests {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private final MutableClock clock = new MutableClock(START);

	private final Sampler sampler = new Sampler(ManagementFactory.getThreadMXBean(), 32, this.clock);

	@Test
	void firstSeenStaysFromTheFirstSnapshotThatSawTheThread() {
		FirstSeen firstSeen = new FirstSeen();
		try (BlockedThreads blocked = BlockedThreads.start("first-seen-", 1)) {
			long id = blocked.threads().get(0).getId();
			ThreadSnapshot first = this.sampler.take();
			long seenFirst = born(firstSeen, first, id);
			this.clock.advance(INTERVAL);
			ThreadSnapshot second = this.sampler.take();
			assertThat(second.sequence()).isGreaterThan(first.sequence());
			assertThat(born(firstSeen, second, id)).isEqualTo(seenFirst)
				.isEqualTo(first.takenAt().getEpochSecond() * 1_000_000_000L + first.takenAt().getNano());
		}
	}

	@Test
	void aThreadThatEndedIsForgotten() {
		FirstSeen firstSeen = new FirstSeen();
		long id;
		try (BlockedThreads blocked = BlockedThreads.start("forgotten-", 1)) {
			id = blocked.threads().get(0).getId();
			firstSeen.beginSample();
			firstSeen.see(id, 0);
			firstSeen.endSample((ended) -> { });
			assertThat(firstSeen.size()).isEqualTo(1);
		}
		List<Long> ended = new ArrayList<>();
		firstSeen.beginSample();
		firstSeen.endSample((sighting) -> ended.add(sighting.bornNanos));
		assertThat(ended).containsExactly(0L);
		assertThat(firstSeen.size()).isZero();
	}

	@Test
	void aThreadThatMovesAfterSettlingHasNotStayedInItsGroup() {
		FirstSeen.Sighting startingUp = new FirstSeen.Sighting(0);
		startingUp.isIn("starting", "run");
		startingUp.isIn("leak", "take");
		startingUp.isIn("leak", "take");
		assertThat(startingUp.stayedInPool()).as("a move at the second sighting is settling").isTrue();
		assertThat(startingUp.stayedInCode()).isTrue();
		FirstSeen.Sighting worker = new FirstSeen.Sighting(0);
		worker.isIn("pool", "busy");
		worker.isIn("pool", "busy");
		worker.isIn("pool", "idle");
		worker.isIn("pool", "busy");
		assertThat(worker.stayedInPool()).isTrue();
		assertThat(worker.stayedInCode()).as("it came and went").isFalse();
	}

	/** Feeds every thread of a snapshot, as the detector does, and says when one was born. */
	private static long born(FirstSeen firstSeen, ThreadSnapshot snapshot, long id) {
		long now = snapshot.takenAt().getEpochSecond() * 1_000_000_000L + snapshot.takenAt().getNano();
		firstSeen.beginSample();
		long born = -1;
		for (io.github.threadleaks.snapshot.ThreadRecord thread : snapshot.threads()) {
			long seen = firstSeen.see(thread.id(), now).bornNanos;
			if (thread.id() == id) {
				born = seen;
			}
		}
		firstSeen.endSample((ended) -> { });
		return born;
	}

	/**
	 * The endpoint and the monitor share one sampler. A person hammering the endpoint while a
	 * leak grows takes snapshots between the detector's: the suspect the detector names must
	 * be the one it names when nobody asks, down to when it says the growth began.
	 */
	@Test
	void snapshotsTakenForSomeoneElseChangeNothingTheDetectorJudges() throws InterruptedException {
		Suspect quiet = growLeak("quiet-leak-", false);
		Suspect hammered = growLeak("hammered-leak-", true);
		assertThat(hammered.count()).isEqualTo(quiet.count());
		assertThat(hammered.growth()).isEqualTo(quiet.growth());
		assertThat(hammered.ratePerMinute()).isEqualTo(quiet.ratePerMinute());
		assertThat(Duration.between(START, hammered.since())).isEqualTo(Duration.between(START, quiet.since()));
		assertThat(Duration.between(START, hammered.since()).toMillis() % INTERVAL.toMillis())
			.as("a suspect's start is a sample the detector took")
			.isZero();
	}

	private Suspect growLeak(String prefix, boolean hammered) throws InterruptedException {
		MutableClock leakClock = new MutableClock(START);
		Sampler shared = new Sampler(ManagementFactory.getThreadMXBean(), 32, leakClock);
		LeakDetector detector = new LeakDetector(
				LeakDetector.Settings.defaults().withWindow(Duration.ofSeconds(60)).withMinGrowth(10));
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger endpointSnapshots = new AtomicInteger();
		List<Thread> hammers = new ArrayList<>();
		if (hammered) {
			for (int i = 0; i < 2; i++) {
				Thread hammer = new Thread(() -> {
					while (!stop.get()) {
						shared.take();
						endpointSnapshots.incrementAndGet();
					}
				}, "endpoint-hammer-" + i);
				hammer.setDaemon(true);
				hammer.start();
				hammers.add(hammer);
			}
		}
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.analyze(shared.take());
			Suspect named = null;
			for (int tick = 0; tick < 14 && named == null; tick++) {
				// half an interval on, a leak thread starts and the endpoint sees it first
				leakClock.advance(INTERVAL.dividedBy(2));
				leaks.leak(Kind.UNFED_QUEUE, prefix, 1);
				if (hammered) {
					int before = endpointSnapshots.get();
					await().atMost(Duration.ofSeconds(10)).until(() -> endpointSnapshots.get() > before + 1);
				}
				leakClock.advance(INTERVAL.dividedBy(2));
				named = detector.analyze(shared.take())
					.suspects()
					.stream()
					.filter((suspect) -> suspect.pool().equals(prefix + "#"))
					.findFirst()
					.orElse(null);
			}
			assertThat(named).as("the leak of %s is named", prefix).isNotNull();
			return named;
		}
		finally {
			stop.set(true);
			for (Thread hammer : hammers) {
				hammer.join(10_000);
			}
		}
	}

}
