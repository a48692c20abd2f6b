/**
 * Virtual threads (Java 21+), read from the JVM's JSON thread dump, reached by reflection so that the engine still runs on Java 17.
 */
@NullMarked
package io.github.threadleaks.virtual;

import org.jspecify.annotations.NullMarked;
