/**
 * Proven leaks: a heap dump, read for one question. A thread waiting on something that no
 * thread able to run and no GC root can reach will never be woken; this package takes the
 * dump, reads it, marks from everything that can still run and says so per thread.
 */
@NullMarked
package io.github.threadleaks.proof;

import org.jspecify.annotations.NullMarked;
