package io.github.threadleaks.proof;

/**
 * Why a proof was not given: another one runs, a limit refused it, it timed out, or the dump
 * could not be taken or read. The message says which, in words a user can act on.
 */
public final class ProofException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/** What stopped the proof. */
	public enum Reason {

		/** Another proof is running. */
		BUSY,

		/** A limit refused it before the dump or before the analysis allocated its tables. */
		LIMIT,

		/** It ran past its timeout. */
		TIMEOUT,

		/** The dump could not be taken or read. */
		FAILED

	}

	private final Reason reason;

	public ProofException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public ProofException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason reason() {
		return this.reason;
	}

}
