package io.github.threadleaks.junit;

import io.github.threadleaks.creation.CreationSites;
import org.jspecify.annotations.Nullable;

/**
 * One JFR recording of thread starts for the whole test JVM, started by the first check that
 * asks for creation sites and left running until the JVM exits: a recording per test would
 * cost a JFR start (tens of milliseconds) each time, and JFR's own threads stay anyway.
 */
final class JvmCreationSites {

	/** Live threads whose creation site is kept: a test JVM with more is unusual. */
	private static final int MAX_TRACKED = 100_000;

	private static final int MAX_FRAMES = 64;

	private static final Object lock = new Object();

	private static volatile @Nullable CreationSites sites;

	private static volatile boolean unavailable;

	private JvmCreationSites() {
	}

	/**
	 * The recording, started if this is the first call.
	 * @return the recording, or {@code null} where JFR is missing or refused (logged once)
	 */
	static @Nullable CreationSites started() {
		CreationSites running = sites;
		if (running != null || unavailable) {
			return running;
		}
		synchronized (lock) {
			if (sites == null && !unavailable) {
				CreationSites recording = new CreationSites(MAX_TRACKED, MAX_FRAMES);
				if (recording.start()) {
					sites = recording;
				}
				else {
					unavailable = true;
				}
			}
			return sites;
		}
	}

	/**
	 * The recording if a check started it.
	 * @return the recording, or {@code null}
	 */
	static @Nullable CreationSites ifStarted() {
		return sites;
	}

}
