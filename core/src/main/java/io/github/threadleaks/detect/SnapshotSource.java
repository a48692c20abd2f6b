package io.github.threadleaks.detect;

import java.io.IOException;

import io.github.threadleaks.snapshot.ThreadSnapshot;

/**
 * Where the {@link LeakMonitor} gets its virtual-thread snapshots: a seam that keeps this
 * package free of the Java 21 code that reads them.
 */
@FunctionalInterface
public interface SnapshotSource {

	/**
	 * Takes a snapshot now.
	 * @return the snapshot
	 * @throws IOException if it could not be taken
	 */
	ThreadSnapshot take() throws IOException;

}
