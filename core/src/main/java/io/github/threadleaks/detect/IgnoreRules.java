package io.github.threadleaks.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.github.threadleaks.snapshot.StackFrames;
import io.github.threadleaks.snapshot.ThreadRecord;

/**
 * Threads the detector leaves out of suspects and stuck threads: by thread or pool name, or
 * by a frame anywhere in the stack. Deadlocks are always reported.
 */
public final class IgnoreRules {

	/**
	 * The JVM's own threads, the JDK's, and the starter's: ignored unless the user sets the
	 * list without them.
	 */
	public static final List<String> DEFAULT_IGNORED_POOLS = List.of("Reference Handler", "Finalizer",
			"Signal Dispatcher", "Common-Cleaner", "Attach Listener", "Notification Thread", "Service Thread",
			"Monitor Deflation Thread", "C? CompilerThread*", "Sweeper thread", "JFR *", "JFR: *",
			"process reaper", "threadleaks-*", "DestroyJavaVM");

	private final Globs pools;

	private final Globs frames;

	/**
	 * @param pools patterns matched against the thread name and the pool name
	 * @param frames patterns matched against {@code class.method} of every frame
	 */
	public IgnoreRules(Collection<String> pools, Collection<String> frames) {
		this.pools = Globs.of(pools);
		this.frames = Globs.of(frames);
	}

	/**
	 * The defaults plus more patterns.
	 * @param extraPools more pool patterns
	 * @param frames frame patterns
	 * @return the rules
	 */
	public static IgnoreRules withDefaults(Collection<String> extraPools, Collection<String> frames) {
		List<String> pools = new ArrayList<>(DEFAULT_IGNORED_POOLS);
		pools.addAll(extraPools);
		return new IgnoreRules(pools, frames);
	}

	public boolean ignoresName(ThreadRecord thread) {
		String name = (thread.name() != null) ? thread.name() : "";
		return this.pools.matches(name) || this.pools.matches(thread.pool());
	}

	public boolean ignoresStack(List<StackTraceElement> stack) {
		if (this.frames.isEmpty()) {
			return false;
		}
		for (StackTraceElement frame : stack) {
			if (this.frames.matches(StackFrames.methodName(frame))) {
				return true;
			}
		}
		return false;
	}

}
