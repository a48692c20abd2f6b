package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one check ignores and how long it waits: the options of {@link NoThreadLeaks}, of
 * {@link ThreadLeakExtension.Builder} and of the configuration parameters.
 *
 * @param ignoredNames globs matched against thread names
 * @param ignoredTopFrames globs matched against {@code class.method} of the top frame and of
 * the frame the thread blocks in
 * @param ignoredAnyFrames globs matched against {@code class.method} of every frame
 * @param ignoredCreators globs matched against {@code class.method} of every frame of the
 * stack that started the thread (turns creation sites on)
 * @param creationSites whether to record who starts each thread (JFR)
 * @param maxWait how long, in all, new threads are given to end after the test
 * @param maxFrames how many frames of each leaked thread's stack the message shows
 */
record CheckOptions(List<String> ignoredNames, List<String> ignoredTopFrames, List<String> ignoredAnyFrames,
		List<String> ignoredCreators, boolean creationSites, Duration maxWait, int maxFrames) {

	static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);

	static final int DEFAULT_MAX_FRAMES = 24;

	static final CheckOptions DEFAULTS = new CheckOptions(List.of(), List.of(), List.of(), List.of(), false,
			DEFAULT_MAX_WAIT, DEFAULT_MAX_FRAMES);

	CheckOptions {
		ignoredNames = List.copyOf(ignoredNames);
		ignoredTopFrames = List.copyOf(ignoredTopFrames);
		ignoredAnyFrames = List.copyOf(ignoredAnyFrames);
		ignoredCreators = List.copyOf(ignoredCreators);
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
		}
		if (maxFrames < 1) {
			throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
		}
	}

	/** Whether JFR must record who starts threads: asked for, or needed by an ignore option. */
	boolean recordsCreationSites() {
		return this.creationSites || !this.ignoredCreators.isEmpty();
	}

	/**
	 * These options with another set's ignores added, and its other options where it sets them.
	 * @param more the other options
	 * @return the combined options
	 */
	CheckOptions plus(CheckOptions more) {
		return new CheckOptions(concat(this.ignoredNames, more.ignoredNames),
				concat(this.ignoredTopFrames, more.ignoredTopFrames), concat(this.ignoredAnyFrames, more.ignoredAnyFrames),
				concat(this.ignoredCreators, more.ignoredCreators), this.creationSites || more.creationSites,
				more.maxWait.equals(DEFAULT_MAX_WAIT) ? this.maxWait : more.maxWait,
				(more.maxFrames == DEFAULT_MAX_FRAMES) ? this.maxFrames : more.maxFrames);
	}

	private static List<String> concat(List<String> first, List<String> second) {
		if (second.isEmpty()) {
			return first;
		}
		List<String> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
