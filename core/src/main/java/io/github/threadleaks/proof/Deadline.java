package io.github.threadleaks.proof;

import java.time.Duration;

/**
 * When a proof must give up. Checked between records by the thread doing the work, so that a
 * timeout needs no extra thread and leaves nothing running behind it.
 */
final class Deadline {

	private final long endNanos;

	private final Duration timeout;

	private Deadline(long endNanos, Duration timeout) {
		this.endNanos = endNanos;
		this.timeout = timeout;
	}

	static Deadline after(Duration timeout) {
		return new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
	}

	static Deadline none() {
		return new Deadline(Long.MAX_VALUE, Duration.ofSeconds(Long.MAX_VALUE));
	}

	void check() {
		if (this.timeout.getSeconds() != Long.MAX_VALUE && System.nanoTime() - this.endNanos > 0) {
			throw new ProofException(ProofException.Reason.TIMEOUT,
					"The proof took longer than threadleaks.proof.timeout (" + this.timeout
							+ ") and was abandoned; the dump was deleted");
		}
	}

}
