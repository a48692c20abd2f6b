package io.github.threadleaks.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.proof.LeakProof;
import io.github.threadleaks.proof.LeakProver;
import io.github.threadleaks.proof.ProofException;
import io.github.threadleaks.proof.ProofGroup;
import io.github.threadleaks.proof.Verdict;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@link Endpoint @Endpoint} that proves leaks: a POST dumps the heap and says of each
 * waiting or blocked thread whether anything that can still run can reach what it waits on;
 * a GET shows the latest proof. A dump pauses the application and holds every secret in its
 * heap, so the default access is read-only: the POST needs
 * {@code management.endpoint.leakproof.access=unrestricted}.
 */
@Endpoint(id = "leakproof", defaultAccess = Access.READ_ONLY)
public class LeakProofEndpoint {

	static final int STATUS_CONFLICT = 409;

	private final LeakProver prover;

	public LeakProofEndpoint(LeakProver prover) {
		this.prover = prover;
	}

	@WriteOperation
	public WebEndpointResponse<Object> prove() {
		try {
			return new WebEndpointResponse<>(ProofReport.of(this.prover.prove()), WebEndpointResponse.STATUS_OK);
		}
		catch (ProofException ex) {
			return refusal(ex);
		}
	}

	@ReadOperation
	public WebEndpointResponse<Object> latest() {
		return this.prover.latest()
			.<WebEndpointResponse<Object>>map((proof) -> new WebEndpointResponse<>(ProofReport.of(proof),
					WebEndpointResponse.STATUS_OK))
			.orElseGet(() -> new WebEndpointResponse<>(new EndpointMessage(WebEndpointResponse.STATUS_NOT_FOUND,
					"Not Found",
					"No leak proof has been taken yet: POST /actuator/leakproof takes one"
							+ " (it needs management.endpoint.leakproof.access=unrestricted)"),
					WebEndpointResponse.STATUS_NOT_FOUND));
	}

	private static WebEndpointResponse<Object> refusal(ProofException ex) {
		int status = (ex.reason() == ProofException.Reason.BUSY) ? STATUS_CONFLICT
				: WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE;
		String error = (status == STATUS_CONFLICT) ? "Conflict" : "Service Unavailable";
		return new WebEndpointResponse<>(new EndpointMessage(status, error, ex.getMessage()), status);
	}

	/**
	 * A proof as JSON: verdicts as the words {@code leaked}, {@code reachable},
	 * {@code unknown}; the groups only (per-thread verdicts reach the suspects' report).
	 *
	 * @param takenAt when the dump was taken
	 * @param dumpMillis how long the dump paused the application
	 * @param analysisMillis how long the analysis took
	 * @param heapBytes heap in use before the dump
	 * @param counts threads per verdict
	 * @param groups the waiting or blocked threads by pool, state, stack and verdict
	 */
	public record ProofReport(Instant takenAt, long dumpMillis, long analysisMillis, long heapBytes,
			Map<String, Integer> counts, List<Group> groups) implements OperationResponseBody {

		static ProofReport of(LeakProof proof) {
			Map<String, Integer> counts = new LinkedHashMap<>();
			for (Verdict verdict : Verdict.values()) {
				counts.put(verdict.word(), proof.counts().get(verdict));
			}
			return new ProofReport(proof.takenAt(), proof.dumpMillis(), proof.analysisMillis(), proof.heapBytes(),
					counts, proof.groups().stream().map(Group::of).toList());
		}

	}

	/**
	 * One group of waiting or blocked threads with its verdict.
	 *
	 * @param pool the pool name
	 * @param state the threads' state
	 * @param count how many threads
	 * @param stack the shared frames, top first
	 * @param threadNames the threads' names
	 * @param waitingOn the class of what they wait on, or null
	 * @param verdict {@code leaked}, {@code reachable} or {@code unknown}
	 * @param reason the verdict in one sentence
	 * @param path for {@code reachable}: from which root, through which fields (at most 12 steps)
	 * @param virtual whether these are virtual threads
	 */
	public record Group(String pool, Thread.State state, int count, List<String> stack, List<String> threadNames,
			@Nullable String waitingOn, String verdict, String reason, List<String> path, boolean virtual) {

		static Group of(ProofGroup group) {
			return new Group(group.pool(), group.state(), group.count(), group.stack(), group.threadNames(),
					group.waitingOn(), group.verdict().word(), group.reason(), group.path(), group.virtual());
		}

	}

}
