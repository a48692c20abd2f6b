package io.github.threadleaks.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration of leak proofs, under {@code threadleaks.proof.*}: the bounds of a heap dump
 * and of its analysis, which runs inside the application within half its free heap.
 */
@ConfigurationProperties("threadleaks.proof")
public class LeakProofProperties {

	/**
	 * Refuse to dump when more heap than this is in use: the dump pauses the application
	 * for about a second per few hundred megabytes and writes as many to disk.
	 */
	private DataSize maxHeap = DataSize.ofGigabytes(4);

	/** Give up a proof (and delete its dump) after this long. */
	private Duration timeout = Duration.ofMinutes(5);

	/**
	 * Where the dump's private directory is made (the dump is deleted after the analysis).
	 * Defaults to {@code java.io.tmpdir}.
	 */
	private @Nullable Path dumpDirectory;

	public DataSize getMaxHeap() {
		return this.maxHeap;
	}

	public void setMaxHeap(DataSize maxHeap) {
		if (maxHeap.toBytes() <= 0) {
			throw new IllegalArgumentException("threadleaks.proof.max-heap must be positive, was " + maxHeap);
		}
		this.maxHeap = maxHeap;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		if (timeout.isZero() || timeout.isNegative()) {
			throw new IllegalArgumentException("threadleaks.proof.timeout must be positive, was " + timeout);
		}
		this.timeout = timeout;
	}

	public @Nullable Path getDumpDirectory() {
		return this.dumpDirectory;
	}

	public void setDumpDirectory(@Nullable Path dumpDirectory) {
		this.dumpDirectory = dumpDirectory;
	}

}
