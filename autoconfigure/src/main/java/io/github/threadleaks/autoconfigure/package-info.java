/**
 * Spring Boot auto-configuration: properties, conditions and the adapters that wire the engine into an application.
 */
@NullMarked
package io.github.threadleaks.autoconfigure;

import org.jspecify.annotations.NullMarked;
