/**
 * Creation sites: who started each thread, and from where, through JFR's jdk.ThreadStart events.
 */
@NullMarked
package io.github.threadleaks.creation;

import org.jspecify.annotations.NullMarked;
