package io.github.threadleaks.detect;

import java.time.Instant;

/**
 * A group's thread count at a time: one point of a suspect's trend.
 *
 * @param at when
 * @param count how many threads
 */
public record TrendPoint(Instant at, int count) {

}
