/**
 * Micrometer meter binders that read the monitor's published result.
 */
@NullMarked
package io.github.threadleaks.metrics;

import org.jspecify.annotations.NullMarked;
