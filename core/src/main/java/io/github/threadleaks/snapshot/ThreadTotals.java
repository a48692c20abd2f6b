package io.github.threadleaks.snapshot;

/**
 * The JVM's own thread counters at the time of a snapshot.
 *
 * @param live live platform threads
 * @param daemon live daemon threads
 * @param peak the peak live thread count since the JVM started (or the peak was reset)
 * @param started threads started since the JVM started
 */
public record ThreadTotals(int live, int daemon, int peak, long started) {

}
