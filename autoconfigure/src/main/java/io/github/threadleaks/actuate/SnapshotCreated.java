package io.github.threadleaks.actuate;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code POST /actuator/threadleaks}.
 *
 * @param id the new snapshot's id
 * @param name its name, or {@code null}
 * @param takenAt when it was taken
 * @param threads how many threads it holds
 */
public record SnapshotCreated(String id, @Nullable String name, Instant takenAt, int threads)
		implements OperationResponseBody {

}
