package io.github.threadleaks.proof;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the latest proof said of a set of threads (a suspect's): how many of them got each
 * verdict. {@link ProofWords#describe(SuspectProof)} puts it into words.
 *
 * @param at when the dump was taken
 * @param leaked threads proven leaked
 * @param reachable threads whose waker something can reach
 * @param unknown threads the heap could not judge
 * @param waitingOn the class the leaked threads wait on (else the others'), or {@code null}
 */
public record SuspectProof(Instant at, int leaked, int reachable, int unknown, @Nullable String waitingOn) {

	/** Threads the proof covered. */
	public int covered() {
		return this.leaked + this.reachable + this.unknown;
	}

}
