package io.github.threadleaks.detect;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * When each live thread was first seen by the one who judges growth, and whether it has
 * stayed in one group since. It lives beside the judgement, not in the sampler: a snapshot
 * taken for someone else (a person asking the endpoint) must not move the birth times growth
 * is judged by. Remembers only the threads of the latest snapshot, so its memory is bounded
 * by the live threads; the map is kept from sample to sample rather than rebuilt.
 */
final class FirstSeen {

	private final Map<Long, Sighting> seen = new HashMap<>();

	private long sample;

	/** Starts the next sample: threads not {@link #see seen} in it are forgotten at its end. */
	void beginSample() {
		this.sample++;
	}

	/**
	 * Takes in one thread of the current sample.
	 * @param threadId its id
	 * @param nowNanos the sample's time, in nanoseconds since the epoch
	 * @return its sighting: born earlier for a thread seen before, now for a new one
	 */
	Sighting see(long threadId, long nowNanos) {
		Sighting sighting = this.seen.get(threadId);
		if (sighting == null) {
			sighting = new Sighting(nowNanos);
			this.seen.put(threadId, sighting);
		}
		sighting.lastSample = this.sample;
		return sighting;
	}

	/**
	 * Ends the current sample: forgets the threads it did not see, which have ended.
	 * @param ended called with each of them
	 */
	void endSample(Consumer<Sighting> ended) {
		Iterator<Sighting> sightings = this.seen.values().iterator();
		while (sightings.hasNext()) {
			Sighting sighting = sightings.next();
			if (sighting.lastSample != this.sample) {
				sightings.remove();
				ended.accept(sighting);
			}
		}
	}

	int size() {
		return this.seen.size();
	}

	/**
	 * One live thread: when it was first seen, the groups it was last in, and whether it has
	 * stayed in each since its second sighting. A thread caught starting up (its first
	 * sighting in a group it leaves at once) may still settle; one that moves later has come
	 * and gone, which a leaked thread does not.
	 */
	static final class Sighting {

		final long bornNanos;

		private long lastSample;

		private int sightings;

		private @Nullable Object poolGroup;

		private @Nullable Object codeGroup;

		private boolean stayedInPool = true;

		private boolean stayedInCode = true;

		Sighting(long bornNanos) {
			this.bornNanos = bornNanos;
		}

		/**
		 * Records the groups the thread is in this sample ({@code null} for none: it is
		 * ignored).
		 */
		void isIn(@Nullable Object pool, @Nullable Object code) {
			this.sightings++;
			if (this.sightings > 1) {
				boolean settling = this.sightings == 2;
				if (!java.util.Objects.equals(pool, this.poolGroup)) {
					this.stayedInPool = settling;
				}
				if (!java.util.Objects.equals(code, this.codeGroup)) {
					this.stayedInCode = settling;
				}
			}
			this.poolGroup = pool;
			this.codeGroup = code;
		}

		@Nullable Object poolGroup() {
			return this.poolGroup;
		}

		@Nullable Object codeGroup() {
			return this.codeGroup;
		}

		boolean stayedInPool() {
			return this.stayedInPool;
		}

		boolean stayedInCode() {
			return this.stayedInCode;
		}

	}

}
