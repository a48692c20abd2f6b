/**
 * A JUnit 5 check that fails a test which leaves threads behind, as goleak does for Go tests:
 * {@link io.github.threadleaks.junit.NoThreadLeaks} on a test class or method,
 * {@link io.github.threadleaks.junit.ThreadLeakExtension#builder()} for options in code, and a
 * check at the end of the whole run switched on in {@code junit-platform.properties}.
 */
@NullMarked
package io.github.threadleaks.junit;

import org.jspecify.annotations.NullMarked;
