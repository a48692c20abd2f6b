package io.github.threadleaks.actuate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.threadleaks.proof.LeakProver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import static org.assertj.core.api.Assertions.assertThat;

class LeakProofEndpointTests {

	@TempDir
	Path dumps;

	private LeakProver prover(Duration timeout, LeakProver.HeapDumper dumper) {
		return new LeakProver(new LeakProver.Limits(4L << 30, timeout, this.dumps), Clock.systemUTC(), dumper);
	}

	@Test
	void beforeAnyProofTheLatestIsNotFoundWithAMessage() {
		WebEndpointResponse<Object> response = new LeakProofEndpoint(prover(Duration.ofMinutes(1), LeakProver::dumpHeap))
			.latest();
		assertThat(response.getStatus()).isEqualTo(404);
		assertThat(((EndpointMessage) response.getBody()).message())
			.isEqualTo("No leak proof has been taken yet: POST /actuator/leakproof takes one"
					+ " (it needs management.endpoint.leakproof.access=unrestricted)");
	}

	@Test
	void aProofAnswersWithCountsAndGroupsAndBecomesTheLatest() {
		LeakProofEndpoint endpoint = new LeakProofEndpoint(prover(Duration.ofMinutes(1), LeakProver::dumpHeap));
		WebEndpointResponse<Object> response = endpoint.prove();
		assertThat(response.getStatus()).isEqualTo(200);
		LeakProofEndpoint.ProofReport report = (LeakProofEndpoint.ProofReport) response.getBody();
		assertThat(report.counts()).containsOnlyKeys("leaked", "reachable", "unknown");
		assertThat(report.groups()).isNotEmpty()
			.allSatisfy((group) -> assertThat(group.verdict()).isIn("leaked", "reachable", "unknown"));
		assertThat(report.heapBytes()).isPositive();
		WebEndpointResponse<Object> latest = endpoint.latest();
		assertThat(latest.getStatus()).isEqualTo(200);
		assertThat(((LeakProofEndpoint.ProofReport) latest.getBody()).takenAt()).isEqualTo(report.takenAt());
	}

	@Test
	void aProofWhileAnotherRunsIsAConflict() throws Exception {
		CountDownLatch dumping = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		LeakProofEndpoint endpoint = new LeakProofEndpoint(prover(Duration.ofMinutes(1), (file) -> {
			dumping.countDown();
			try {
				finish.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			LeakProver.dumpHeap(file);
		}));
		AtomicReference<WebEndpointResponse<Object>> first = new AtomicReference<>();
		Thread running = new Thread(() -> first.set(endpoint.prove()), "leakproof-first-post");
		running.start();
		try {
			assertThat(dumping.await(30, TimeUnit.SECONDS)).isTrue();
			WebEndpointResponse<Object> second = endpoint.prove();
			assertThat(second.getStatus()).isEqualTo(409);
			assertThat(((EndpointMessage) second.getBody()).message()).contains("Another leak proof is running");
		}
		finally {
			finish.countDown();
			running.join(60_000);
		}
		assertThat(first.get().getStatus()).isEqualTo(200);
	}

	@Test
	void aLimitIsServiceUnavailableSayingWhichAndByHowMuch() {
		LeakProofEndpoint endpoint = new LeakProofEndpoint(new LeakProver(
				new LeakProver.Limits(1024, Duration.ofMinutes(1), this.dumps), Clock.systemUTC()));
		WebEndpointResponse<Object> response = endpoint.prove();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(((EndpointMessage) response.getBody()).message()).contains("threadleaks.proof.max-heap (1 MB) by");
	}

	@Test
	void aTimeoutIsServiceUnavailableWithAMessage() {
		LeakProofEndpoint endpoint = new LeakProofEndpoint(prover(Duration.ofMillis(1), (file) -> {
			LeakProver.dumpHeap(file);
			org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(20)).until(() -> true);
		}));
		WebEndpointResponse<Object> response = endpoint.prove();
		assertThat(response.getStatus()).isEqualTo(503);
		assertThat(((EndpointMessage) response.getBody()).message())
			.startsWith("The proof took longer than threadleaks.proof.timeout");
	}

}
