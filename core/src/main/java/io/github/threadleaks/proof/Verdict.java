package io.github.threadleaks.proof;

import java.util.Locale;

/** What the heap says of a waiting or blocked thread. */
public enum Verdict {

	/** Nothing that can still run, and no GC root, reaches what it waits on: nothing can ever wake it. */
	LEAKED,

	/** Something that can still run, or a GC root, reaches what it waits on; the path shows how. */
	REACHABLE,

	/** The heap cannot say: a timed wait, a sleep, a socket read, a park without a blocker, a monitor. */
	UNKNOWN;

	/** The verdict as JSON and text write it: {@code leaked}, {@code reachable}, {@code unknown}. */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

}
