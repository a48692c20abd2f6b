package io.github.threadleaks.diff;

import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot kept for later diffing.
 *
 * @param id the id the store gave it
 * @param name the name the user gave it, or {@code null}
 * @param snapshot the snapshot
 */
public record StoredSnapshot(String id, @Nullable String name, ThreadSnapshot snapshot) {

}
