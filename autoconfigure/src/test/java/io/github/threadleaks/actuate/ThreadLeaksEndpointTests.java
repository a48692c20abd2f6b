package io.github.threadleaks.actuate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;

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
			.isEqualTo("Unknown format 'yaml': use one of json, text, folded");
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

}
