package io.github.threadleaks.sample;

import java.util.List;

/**
 * One way threads leak, as the Go guide lists them for goroutines, with its fixed twin side
 * by side. {@code POST /leaks/{name}} runs the leaky version, {@code POST /fixed/{name}} the
 * fixed one.
 */
public interface Scenario {

	/** The path segment. */
	String name();

	/** What the leaky version does wrong. */
	String leak();

	/** What the fixed version does instead. */
	String fix();

	/** The pool the leaked threads fold to, as threadleaks names it. */
	String pool();

	/** The frame the leaked threads block in (class.method), as threadleaks shows it. */
	String blockedIn();

	/**
	 * Runs the leaky version.
	 * @param count how many times
	 * @return the names of the threads it started
	 */
	List<String> runLeaky(int count);

	/**
	 * Runs the fixed version.
	 * @param count how many times
	 * @return what it started or did
	 */
	List<String> runFixed(int count);

	/**
	 * Why this JVM cannot run the scenario, or {@code null} if it can.
	 * @return the reason
	 */
	default String unavailableBecause() {
		return null;
	}

	/** Whether one call leaks once and for all (a deadlock, a busy loop) rather than growing. */
	default boolean oneOff() {
		return false;
	}

}
