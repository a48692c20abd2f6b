package io.github.threadleaks.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Checks a property's value as it is bound, so that a bad value stops startup with a message
 * that names the property ({@code threadleaks.sampling.max-stack-depth must be at least 1,
 * was 0}), as Boot's own properties do, instead of failing later deep in the engine.
 */
final class PropertyBounds {

	private PropertyBounds() {
	}

	static int atLeast(int least, int value, String property) {
		if (value < least) {
			throw new IllegalArgumentException(property + " must be at least " + least + ", was " + value);
		}
		return value;
	}

	static @Nullable Integer atLeastOrUnset(int least, @Nullable Integer value, String property) {
		return (value != null) ? atLeast(least, value, property) : null;
	}

	static Duration positive(@Nullable Duration value, String property) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(property + " must be positive, was " + value);
		}
		return value;
	}

	static Duration notNegative(@Nullable Duration value, String property) {
		if (value == null || value.isNegative()) {
			throw new IllegalArgumentException(property + " must not be negative, was " + value);
		}
		return value;
	}

	static Duration atMost(Duration most, Duration value, String property) {
		if (value.compareTo(most) > 0) {
			throw new IllegalArgumentException(property + " must be at most " + most + ", was " + value);
		}
		return value;
	}

}
