package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The options every check of a run shares, from JUnit configuration parameters
 * ({@code junit-platform.properties}, {@code -D} system properties, a build tool's
 * {@code configurationParameters}). Lists are comma-separated globs.
 */
final class ConfiguredOptions {

	/** Switches the end-of-run check on ({@code true}); off by default. */
	static final String END_OF_RUN_ENABLED = "threadleaks.junit.end-of-run.enabled";

	static final String IGNORE_NAMES = "threadleaks.junit.ignore.names";

	static final String IGNORE_TOP_FRAMES = "threadleaks.junit.ignore.top-frames";

	static final String IGNORE_ANY_FRAMES = "threadleaks.junit.ignore.any-frames";

	static final String IGNORE_CREATED_BY = "threadleaks.junit.ignore.created-by";

	static final String CREATION_SITES = "threadleaks.junit.creation-sites";

	/** Milliseconds, as {@link NoThreadLeaks#maxWaitMillis()}. */
	static final String MAX_WAIT = "threadleaks.junit.max-wait-millis";

	private ConfiguredOptions() {
	}

	/**
	 * The options the configuration parameters set, over the defaults.
	 * @param parameters a configuration parameter by key
	 * @return the options
	 */
	static CheckOptions read(Function<String, Optional<String>> parameters) {
		Duration maxWait = parameters.apply(MAX_WAIT)
			.map((value) -> Duration.ofMillis(parseMillis(value)))
			.orElse(CheckOptions.DEFAULT_MAX_WAIT);
		return new CheckOptions(globs(parameters, IGNORE_NAMES), globs(parameters, IGNORE_TOP_FRAMES),
				globs(parameters, IGNORE_ANY_FRAMES), globs(parameters, IGNORE_CREATED_BY),
				isTrue(parameters, CREATION_SITES), maxWait, CheckOptions.DEFAULT_MAX_FRAMES);
	}

	static boolean isTrue(Function<String, Optional<String>> parameters, String key) {
		return parameters.apply(key).map((value) -> Boolean.parseBoolean(value.strip())).orElse(false);
	}

	private static List<String> globs(Function<String, Optional<String>> parameters, String key) {
		return parameters.apply(key)
			.map((value) -> Arrays.stream(value.split(",")).map(String::strip).filter((glob) -> !glob.isEmpty()).toList())
			.orElse(List.of());
	}

	private static long parseMillis(String value) {
		try {
			long millis = Long.parseLong(value.strip());
			if (millis >= 0) {
				return millis;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the key
		}
		throw new IllegalArgumentException(MAX_WAIT + " must be a number of milliseconds, at least 0, was '" + value + "'");
	}

}
