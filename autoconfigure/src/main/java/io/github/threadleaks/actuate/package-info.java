/**
 * The actuator endpoints, the health indicator and the text formats of the reports.
 */
@NullMarked
package io.github.threadleaks.actuate;

import org.jspecify.annotations.NullMarked;
