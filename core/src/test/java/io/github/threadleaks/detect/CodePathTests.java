package io.github.threadleaks.detect;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import io.github.threadleaks.detect.LeakFixtures.Kind;
import org.junit.jupiter.api.Test;

import static io.github.threadleaks.detect.DetectorHarness.SAMPLES_PER_WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Threads named after their work ({@code fetch-alice}, {@code job-q7hx}) fold into no common
 * pool: they are judged by their code too, as Go groups goroutines by stack alone.
 */
class CodePathTests {

	private static final String[] CUSTOMERS = { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi",
			"ivan", "judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter" };

	@Test
	void threadsNamedPerCustomerBlockedInOnePlaceAreOneSuspect() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			Findings result = null;
			int ticks = 0;
			while (ticks < SAMPLES_PER_WINDOW + 2 && codeSuspects(result).isEmpty()) {
				leaks.leak(Kind.UNFED_QUEUE, "fetch-" + CUSTOMERS[ticks], 1);
				result = detector.tick();
				ticks++;
			}
			Suspect suspect = codeSuspects(result).stream().findFirst().orElseThrow();
			assertThat(ticks).isLessThanOrEqualTo(SAMPLES_PER_WINDOW + 2);
			assertThat(suspect.groupedBy()).isEqualTo(Suspect.GroupedBy.CODE);
			assertThat(suspect.pool()).isEqualTo("fetch-*");
			assertThat(suspect.count()).isEqualTo(ticks);
			assertThat(suspect.distinctNames()).isEqualTo(ticks);
			assertThat(suspect.threadNames()).hasSize(5).allMatch((name) -> name.startsWith("fetch-"));
			assertThat(suspect.threadNames().get(0)).startsWith("fetch-" + CUSTOMERS[ticks - 1]);
			assertThat(suspect.blockingFrame().getMethodName()).isEqualTo("take");
			assertThat(suspect.growth()).isGreaterThanOrEqualTo(DetectorHarness.MIN_GROWTH);
			assertThat(result.suspects()).as("no group of one is a suspect by pool")
				.allMatch((named) -> named.groupedBy() == Suspect.GroupedBy.CODE);
		}
	}

	@Test
	void jobIdsWithNothingInCommonAreNamedAsStarSlowlyUnderTheDefaults() {
		DetectorHarness detector = DetectorHarness.productionDefaults();
		Random random = new Random(3);
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			Suspect named = null;
			int tick = 0;
			// one every 2 minutes, named by a job id of letters and digits: named within 40 minutes
			while (named == null && tick <= 40 * 6) {
				tick++;
				if (tick % 12 == 0) {
					String id = (random.nextBoolean() ? "job-" : "batch-") + Long.toString(random.nextLong() >>> 1, 36);
					leaks.leak(Kind.FUTURE_NEVER_COMPLETED, id, 1);
				}
				named = codeSuspects(detector.tick()).stream().findFirst().orElse(null);
			}
			assertThat(named).isNotNull();
			assertThat(named.pool()).isEqualTo("*");
			assertThat(named.horizon()).isEqualTo(java.time.Duration.ofMinutes(20));
			assertThat(named.ratePerMinute()).isEqualTo(0.5);
			assertThat(named.blockingFrame().getMethodName()).isEqualTo("get");
		}
	}

	@Test
	void uniquelyNamedThreadsThatEndAreNeverSuspects() {
		DetectorHarness detector = new DetectorHarness();
		LeakFixtures[] alive = new LeakFixtures[6];
		try {
			detector.sample();
			for (int tick = 0; tick < 8 * SAMPLES_PER_WINDOW; tick++) {
				// three a tick, each living six ticks: 18 alive at any time, hundreds over the run
				int slot = tick % alive.length;
				if (alive[slot] != null) {
					alive[slot].endAll();
				}
				alive[slot] = new LeakFixtures();
				for (int i = 0; i < 3; i++) {
					alive[slot].leak(Kind.UNFED_QUEUE, "fetch-" + CUSTOMERS[(3 * tick + i) % CUSTOMERS.length] + "-x",
							1);
				}
				assertThat(detector.tick().suspects()).isEmpty();
			}
		}
		finally {
			for (LeakFixtures leaks : alive) {
				if (leaks != null) {
					leaks.endAll();
				}
			}
		}
	}

	@Test
	void aGroupNamedByPoolIsNotNamedAgainByCodeWhileOthersInTheSameCodeAre() {
		DetectorHarness detector = new DetectorHarness();
		try (LeakFixtures leaks = new LeakFixtures()) {
			detector.sample();
			Findings result = null;
			for (int tick = 0; tick < SAMPLES_PER_WINDOW + 2; tick++) {
				leaks.leak(Kind.UNFED_QUEUE, "listener-", 1);
				leaks.leak(Kind.UNFED_QUEUE, "fetch-" + CUSTOMERS[tick], 1);
				result = detector.tick();
			}
			assertThat(result.suspects()).as(result.suspects().toString()).isNotEmpty();
			assertThat(DetectorHarness.suspect(result, "listener-#")).get()
				.satisfies((byPool) -> assertThat(byPool.groupedBy()).isEqualTo(Suspect.GroupedBy.POOL));
			assertThat(codeSuspects(result)).as(result.suspects().toString()).singleElement().satisfies((byCode) -> {
				assertThat(byCode.pool()).isEqualTo("fetch-*");
				assertThat(byCode.count()).as("the listeners are not counted again").isEqualTo(SAMPLES_PER_WINDOW + 2);
			});
			assertThat(result.suspects()).hasSize(2);
		}
	}

	@Test
	void theCommonPrefixOfNamesEndsWithAStar() {
		assertThat(LeakDetector.commonPrefix(List.of("fetch-alice", "fetch-bob", "fetch-bobby"))).isEqualTo("fetch-*");
		assertThat(LeakDetector.commonPrefix(List.of("job-q7hx", "batch-1"))).isEqualTo("*");
		assertThat(LeakDetector.commonPrefix(List.of("same"))).isEqualTo("same*");
		assertThat(LeakDetector.commonPrefix(List.of())).isEqualTo("*");
	}

	private static List<Suspect> codeSuspects(Findings result) {
		if (result == null) {
			return List.of();
		}
		Set<String> seen = new HashSet<>();
		return result.suspects()
			.stream()
			.filter((suspect) -> suspect.groupedBy() == Suspect.GroupedBy.CODE && seen.add(suspect.pool()))
			.toList();
	}

}
