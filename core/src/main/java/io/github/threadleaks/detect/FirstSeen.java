package io.github.threadleaks.detect;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;

/**
 * When each live thread was first seen by the one who judges growth. It lives beside the
 * judgement, not in the sampler: a snapshot taken for someone else (a person asking the
 * endpoint) must not move the birth times growth is judged by. Remembers only the threads of
 * the latest snapshot, so its memory is bounded by the live threads.
 */
final class FirstSeen {

	private Map<Long, Instant> seen = new HashMap<>();

	/**
	 * Takes in the next snapshot.
	 * @param snapshot the snapshot, later than the previous one
	 * @return when each of its threads was first seen: earlier for those seen before, the
	 * snapshot's time for the new ones
	 */
	Map<Long, Instant> update(ThreadSnapshot snapshot) {
		Map<Long, Instant> next = new HashMap<>(snapshot.threads().size() * 2);
		for (ThreadRecord thread : snapshot.threads()) {
			next.put(thread.id(), this.seen.getOrDefault(thread.id(), snapshot.takenAt()));
		}
		this.seen = next;
		return next;
	}

}
