/**
 * Leak detection: the detector that judges a series of snapshots, the monitor that samples and publishes its result, the deadlock finder, and the words each finding is put into.
 */
@NullMarked
package io.github.threadleaks.detect;

import org.jspecify.annotations.NullMarked;
