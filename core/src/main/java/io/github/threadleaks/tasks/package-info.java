/**
 * Tracked work: tasks with scopes that cancel like a Go context, their counts, and the shutdown that drains and cancels them.
 */
@NullMarked
package io.github.threadleaks.tasks;

import org.jspecify.annotations.NullMarked;
