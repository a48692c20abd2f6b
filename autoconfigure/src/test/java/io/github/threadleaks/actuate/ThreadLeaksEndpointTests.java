package io.github.threadleaks.actuate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.snapshot.BlockedThreads;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroups;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's operations called directly; the HTTP side is tested against the running
 * sample app.
 */
class ThreadLeaksEndpointTests {

	private final SnapshotStore store = new SnapshotStore(2);

	private ThreadLeaksEndpoint endpoint(Duration minDumpInterval) {
		return new ThreadLeaksEndpoint(new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()),
				this.store, new ThreadGroups(10, 10), null, null, null, new ThreadLeaksEndpoint.Settings(3, minDumpInterval, 100, 20));
	}

	@Test
	void repeatedReadsWithinTheMinimumIntervalReuseTheLastDump() {
		ThreadLeaksEndpoint endpoint = endpoint(Duration.ofHours(1));
		ThreadLeaksReport first = (ThreadLeaksReport) endpoint.report(null).getBody();
		ThreadLeaksReport second = (ThreadLeaksReport) endpoint.report(null).getBody();
		assertThat(second.takenAt()).isEqualTo(first.takenAt());
	}

	@Test
	void readsAfterTheMinimumIntervalDumpAgain() {
		ThreadLeaksEndpoint endpoint = endpoint(Duration.ZERO);
		ThreadLeaksReport first = (ThreadLeaksReport) endpoint.report(null).getBody();
		try (BlockedThreads blocked = BlockedThreads.start("fresh-dump-", 2)) {
			ThreadLeaksReport second = (ThreadLeaksReport) endpoint.report(null).getBody();
			assertThat(second.takenAt()).isAfterOrEqualTo(first.takenAt());
			assertThat(second.groups()).isNotEqualTo(first.groups());
		}
	}

	@Test
	void reportListsAtMostMaxGroupsAndCountsThemAll() {
		ThreadLeaksReport report = (ThreadLeaksReport) endpoint(Duration.ZERO).report(null).getBody();
		assertThat(report.groups()).hasSize(3);
		assertThat(report.groupCount()).isGreaterThan(3);
		assertThat(report.suspects()).isEmpty();
	}

	@Test
	void anUnknownFormatIsABadRequestThatNamesTheFormats() {
		WebEndpointResponse<Object> response = endpoint(Duration.ZERO).report("yaml");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(((EndpointMessage) response.getBody()).message())
			.isEqualTo("Unknown format 'yaml': use one of json, text, folded, html");
	}

	@Test
	void aTextClientGetsItsErrorsAsText() {
		WebEndpointResponse<Object> response = endpoint(Duration.ZERO).textDiff("nope", null);
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(response.getBody()).isEqualTo("No snapshot with id 'nope'; none is stored (POST to this endpoint to take one)\n");
	}

	@Test
	void aJsonClientAskingForTextGetsTextWithItsContentType() {
		WebEndpointResponse<Object> response = endpoint(Duration.ZERO).report("text");
		assertThat(response.getBody()).asString().startsWith("threadleaks report");
		assertThat(response.getContentType()).hasToString("text/plain;charset=UTF-8");
	}

	@Test
	void snapshotNamesAreValidated() {
		ThreadLeaksEndpoint endpoint = endpoint(Duration.ZERO);
		WebEndpointResponse<Object> tooLong = endpoint.takeSnapshot("x".repeat(21));
		assertThat(tooLong.getStatus()).isEqualTo(400);
		assertThat(((EndpointMessage) tooLong.getBody()).message())
			.isEqualTo("Snapshot name is 21 characters long; at most 20 are allowed");
		WebEndpointResponse<Object> lineBreak = endpoint.takeSnapshot("a\nb");
		assertThat(lineBreak.getStatus()).isEqualTo(400);
		assertThat(this.store.list()).isEmpty();
	}

	@Test
	void blankNamesStoreAnUnnamedSnapshot() {
		SnapshotCreated created = (SnapshotCreated) endpoint(Duration.ZERO).takeSnapshot("  ").getBody();
		assertThat(created.name()).isNull();
		assertThat(this.store.get(created.id())).isPresent();
	}

	@Test
	void deletingTwiceIsNotFoundTheSecondTime() {
		ThreadLeaksEndpoint endpoint = endpoint(Duration.ZERO);
		SnapshotCreated created = (SnapshotCreated) endpoint.takeSnapshot("one").getBody();
		assertThat(endpoint.deleteSnapshot(created.id()).getStatus()).isEqualTo(200);
		WebEndpointResponse<Object> again = endpoint.deleteSnapshot(created.id());
		assertThat(again.getStatus()).isEqualTo(404);
		assertThat(((EndpointMessage) again.getBody()).message()).contains("'" + created.id() + "'");
	}

	@Test
	void aDiffRightAfterItsSnapshotComparesAFreshDumpNotTheSnapshotsOwn() {
		ThreadLeaksEndpoint endpoint = endpoint(Duration.ofMillis(300));
		SnapshotCreated created = (SnapshotCreated) endpoint.takeSnapshot("before").getBody();
		try (BlockedThreads blocked = BlockedThreads.start("after-snapshot-", 3)) {
			ThreadLeaksDiff diff = (ThreadLeaksDiff) endpoint.diff(created.id(), null).getBody();
			assertThat(diff.to().takenAt()).isAfter(diff.from().takenAt());
			assertThat(diff.groups()).anySatisfy((group) -> {
				assertThat(group.pool()).isEqualTo("after-snapshot-#");
				assertThat(group.delta()).isEqualTo(3);
			});
		}
	}

	@Test
	void aSnapshotRightAfterAReportStoresAFreshDumpNotTheReportsCachedOne() {
		ThreadLeaksEndpoint endpoint = endpoint(Duration.ofMillis(300));
		ThreadLeaksReport report = (ThreadLeaksReport) endpoint.report(null).getBody();
		try (BlockedThreads blocked = BlockedThreads.start("after-report-", 2)) {
			SnapshotCreated created = (SnapshotCreated) endpoint.takeSnapshot("after").getBody();
			assertThat(created.takenAt()).isAfter(report.takenAt());
			assertThat(this.store.get(created.id()).orElseThrow().snapshot().threads())
				.filteredOn((thread) -> thread.pool().equals("after-report-#"))
				.hasSize(2);
		}
	}

	@Test
	void hammeringSnapshotsCostsOneDumpPerMinimumIntervalNotOnePerRequest() throws Exception {
		Duration interval = Duration.ofMillis(200);
		ThreadLeaksEndpoint endpoint = new ThreadLeaksEndpoint(
				new Sampler(ManagementFactory.getThreadMXBean(), 32, Clock.systemUTC()), new SnapshotStore(100),
				new ThreadGroups(10, 10), null, null, null, new ThreadLeaksEndpoint.Settings(3, interval, 100, 20));
		int clients = 4;
		int requestsEach = 5;
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		try {
			CountDownLatch start = new CountDownLatch(1);
			long began = System.nanoTime();
			List<Future<List<Instant>>> results = new ArrayList<>();
			for (int client = 0; client < clients; client++) {
				results.add(pool.submit(() -> {
					start.await();
					List<Instant> taken = new ArrayList<>();
					for (int i = 0; i < requestsEach; i++) {
						taken.add(((SnapshotCreated) endpoint.takeSnapshot(null).getBody()).takenAt());
					}
					return taken;
				}));
			}
			start.countDown();
			Set<Instant> dumps = new HashSet<>();
			for (Future<List<Instant>> result : results) {
				dumps.addAll(result.get(30, TimeUnit.SECONDS));
			}
			long elapsed = System.nanoTime() - began;
			// every request got a dump; there were never more dumps than intervals that passed, plus the first
			assertThat(dumps).hasSizeLessThanOrEqualTo((int) (elapsed / interval.toNanos()) + 1)
				.hasSizeLessThan(clients * requestsEach);
		}
		finally {
			pool.shutdownNow();
			assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
		}
	}

	@Test
	void snapshotNamesThatCouldForgeTextAreRefusedWithWhatWasFound() {
		ThreadLeaksEndpoint endpoint = endpoint(Duration.ZERO);
		for (String hostile : List.of("a\u2028b", "a\u2029b", "a\ud800b", "a\udc00b", "a\u202eb", "a\u2066b",
				"a\u001bb", "a\u0085b", "a\rb")) {
			WebEndpointResponse<Object> refused = endpoint.takeSnapshot(hostile);
			assertThat(refused.getStatus()).as(hostile).isEqualTo(400);
			assertThat(((EndpointMessage) refused.getBody()).message())
				.startsWith("Snapshot name must not contain control characters")
				.contains(String.format("found U+%04X at position 1", (int) hostile.charAt(1)));
		}
		assertThat(this.store.list()).isEmpty();
		assertThat(endpoint.takeSnapshot("caf\u00e9 \ud83d\ude00").getStatus()).as("a valid surrogate pair is fine")
			.isEqualTo(200);
	}

	@Test
	void anUnknownFormatIsEchoedNeutralisedInText() {
		WebEndpointResponse<Object> response = endpoint(Duration.ZERO).textReport("x\r\nForged: yes");
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getBody()).asString().startsWith("Unknown format 'x\\r\\nForged: yes'").doesNotContain("\r");
	}

}
