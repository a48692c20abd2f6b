/**
 * Thread snapshots: sampling the live platform threads, folding pool names, grouping threads by pool, state and top frames.
 */
@NullMarked
package io.github.threadleaks.snapshot;

import org.jspecify.annotations.NullMarked;
