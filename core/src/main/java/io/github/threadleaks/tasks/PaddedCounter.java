package io.github.threadleaks.tasks;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * A counter alone on its cache line. The threads that submit tasks increment it for every
 * task, while the threads that run them write counts of their own: were the two on one
 * line, every task would move that line between cores twice. The padding is in super- and
 * subclass because the JVM lays out a class's own fields by size, but always puts a
 * superclass's fields before a subclass's.
 */
final class PaddedCounter extends PaddedCounterValue {

	long q1;

	long q2;

	long q3;

	long q4;

	long q5;

	long q6;

	long q7;

	private static final AtomicLongFieldUpdater<PaddedCounterValue> VALUE = AtomicLongFieldUpdater
		.newUpdater(PaddedCounterValue.class, "value");

	/**
	 * Adds one.
	 * @return the new value
	 */
	long increment() {
		return VALUE.incrementAndGet(this);
	}

	long get() {
		return this.value;
	}

}

/**
 * The padding before {@link PaddedCounter}'s value.
 */
abstract class PaddedCounterBefore {

	long p1;

	long p2;

	long p3;

	long p4;

	long p5;

	long p6;

	long p7;

}

/**
 * {@link PaddedCounter}'s value, after its padding.
 */
abstract class PaddedCounterValue extends PaddedCounterBefore {

	volatile long value;

}
