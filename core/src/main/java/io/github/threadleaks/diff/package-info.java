/**
 * Stored snapshots and the diff from one of them to the present.
 */
@NullMarked
package io.github.threadleaks.diff;

import org.jspecify.annotations.NullMarked;
