package io.github.threadleaks.actuate;

import java.util.List;

import io.github.threadleaks.diff.SnapshotDiff.SnapshotRef;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code GET /actuator/threadleaks/{id}}: what changed since a stored snapshot.
 *
 * @param from the stored snapshot
 * @param to the fresh dump it was compared with
 * @param addedCount how many threads appeared
 * @param endedCount how many threads ended
 * @param added threads that appeared (a bounded list)
 * @param ended threads that ended (a bounded list)
 * @param groups per group, before, after and delta, growth first (at most
 * {@code threadleaks.endpoint.max-groups})
 */
public record ThreadLeaksDiff(SnapshotRef from, SnapshotRef to, int addedCount, int endedCount, List<Thread> added,
		List<Thread> ended, List<GroupChange> groups) implements OperationResponseBody {

	/**
	 * A thread that appeared or ended.
	 *
	 * @param id its id
	 * @param name its name
	 * @param pool its pool
	 * @param state its state
	 * @param topFrame its top frame, or {@code null}
	 * @param createdAt the code that started it (see {@link ThreadLeaksReport.CreatedBy#at()}),
	 * or {@code null} where not known
	 */
	public record Thread(long id, String name, String pool, java.lang.Thread.State state, @Nullable String topFrame,
			@Nullable String createdAt) {

	}

	/**
	 * How one group changed.
	 *
	 * @param pool its pool
	 * @param state its state
	 * @param stack its stack, top frame first
	 * @param before threads then
	 * @param after threads now
	 * @param delta after minus before
	 * @param createdBy who started the group's oldest thread with a known site ({@code null}
	 * unless {@code threadleaks.creation-sites.enabled})
	 * @param blockedIn the frame the threads wait in, below the JDK's parking and locking
	 * machinery, or {@code null} for threads without Java frames
	 */
	public record GroupChange(String pool, java.lang.Thread.State state, List<String> stack, int before, int after,
			int delta, ThreadLeaksReport.@Nullable CreatedBy createdBy, @Nullable String blockedIn) {

	}

}
