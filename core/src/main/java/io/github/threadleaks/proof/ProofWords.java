package io.github.threadleaks.proof;

import java.util.Map;

/**
 * Every sentence a proof is told in, in one place: the log line, a suspect's proof in text,
 * and the reasons the heap cannot judge a thread. Thread names come from application code
 * and are neutralised wherever they are written.
 */
public final class ProofWords {

	private ProofWords() {
	}

	/**
	 * A suspect's proof in words, e.g. {@code proven leaked: 12 of 12 threads, nothing can
	 * reach the CountDownLatch$Sync they wait on}.
	 * @param proof the proof of a suspect's threads
	 * @return one line
	 */
	public static String describe(SuspectProof proof) {
		int covered = proof.covered();
		String what = (proof.waitingOn() != null) ? "the " + simpleName(proof.waitingOn()) : "what";
		if (proof.leaked() > 0) {
			String text = "proven leaked: " + proof.leaked() + " of " + covered + " " + threads(covered)
					+ ", nothing can reach " + what + " they wait on";
			return text + others(proof.reachable(), proof.unknown());
		}
		if (proof.reachable() > 0) {
			return "not leaked: something can still reach " + what + " " + proof.reachable() + " of " + covered + " "
					+ threads(covered) + " wait on" + others(0, proof.unknown());
		}
		return "not proven: the heap cannot say what would wake these " + covered + " " + threads(covered);
	}

	private static String others(int reachable, int unknown) {
		StringBuilder text = new StringBuilder();
		if (reachable > 0) {
			text.append("; ").append(reachable).append(" reachable");
		}
		if (unknown > 0) {
			text.append("; ").append(unknown).append(" unknown");
		}
		return text.toString();
	}

	private static String threads(int count) {
		return (count == 1) ? "thread" : "threads";
	}

	/**
	 * The log line of one proof.
	 * @param proof the proof
	 * @return one line with the verdict counts and the time it took
	 */
	public static String logLine(LeakProof proof) {
		Map<Verdict, Integer> counts = proof.counts();
		return "Leak proof: " + counts.getOrDefault(Verdict.LEAKED, 0) + " leaked, "
				+ counts.getOrDefault(Verdict.REACHABLE, 0) + " reachable, " + counts.getOrDefault(Verdict.UNKNOWN, 0)
				+ " unknown waiting threads; heap dump " + proof.dumpMillis() + " ms ("
				+ HeapDumpReader.megabytes(proof.heapBytes()) + " MB in use), analysis " + proof.analysisMillis()
				+ " ms";
	}

	/** Why a waiting thread is beyond what a heap can judge. */
	static String unknownReason(LeakMarking.Wait wait, boolean nothingToWaitOn) {
		return switch (wait) {
			case TIMED -> "A timed wait ends by itself and may poll something global: the heap cannot say it is stuck";
			case SLEEPING -> "A sleeping thread wakes by itself, and a sleep loop may poll something global: the heap cannot say";
			case PARKED_WITHOUT_BLOCKER -> "It parked without a blocker, so the heap does not show what would unpark it";
			case PINNED -> "A virtual thread parked while pinned to its carrier: the heap cannot say what would unpark it";
			case PARKED, OBJECT_WAIT -> nothingToWaitOn
					? "What it waits on is not in the heap dump, so the heap cannot say who would wake it"
					: "The heap cannot say who would wake it";
			case BLOCKED -> "It is blocked entering a monitor, and a heap dump does not show who holds it";
			case NATIVE -> "It runs native code (a socket read, an accept, a poll): the heap cannot say when it returns";
			default -> "It waits in a way the heap does not show (I/O, a native call or a JVM-internal wait)";
		};
	}

	/** The reason given when a thread moved while the proof ran. */
	static String movedReason() {
		return "It stopped waiting, or waited again, while the proof ran: the dump no longer describes it";
	}

	static String simpleName(String className) {
		return HeapClass.simpleName(className);
	}

}
