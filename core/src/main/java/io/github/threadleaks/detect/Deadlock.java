package io.github.threadleaks.detect;

import java.util.List;

/**
 * One cycle of threads each waiting for a lock another of them holds.
 *
 * @param threads the threads of the cycle, each followed by the one holding what it waits
 * for
 */
public record Deadlock(List<DeadlockedThread> threads) {

	/**
	 * One thread of a cycle.
	 *
	 * @param id its id
	 * @param name its name
	 * @param state its state
	 * @param waitingFor the monitor or synchronizer it waits for
	 * @param heldBy the name of the thread holding it
	 * @param heldById the id of the thread holding it
	 * @param holds the monitors and synchronizers it holds
	 * @param stack its stack, top frame first
	 */
	public record DeadlockedThread(long id, String name, Thread.State state, String waitingFor, String heldBy,
			long heldById, List<String> holds, List<StackTraceElement> stack) {

	}

}
