package io.github.threadleaks.virtual;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;

import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.jspecify.annotations.Nullable;

/**
 * Takes {@link ThreadSnapshot snapshots} of the live <em>virtual</em> threads, which
 * {@code ThreadMXBean} does not see: the JVM writes its JSON thread dump into a private
 * (owner-only) temporary directory, the {@link VirtualThreadDumpReader} reads it as a token
 * stream, and the file and its directory are always deleted, whatever happens. With 100,000
 * virtual threads parked about 25 frames deep the file is about 340 MB and the dump alone
 * takes seconds (figures in the README and {@code benchmarks/README.md}). Virtual threads'
 * progress counters are unknown, which keeps them out of stuck-thread detection.
 */
public final class VirtualThreadSampler {

	private final ThreadDumper dumper;

	private final Clock clock;

	private final Path temporaryDirectory;

	private final VirtualThreadDumpReader reader;

	/**
	 * @param dumper writes the JVM's JSON thread dump
	 * @param maxStackDepth how many frames of each stack to keep
	 * @param maxThreads how many virtual threads to keep per sample
	 * @param clock the clock that stamps snapshots
	 * @param temporaryDirectory where the private directory for each dump is made, or
	 * {@code null} for {@code java.io.tmpdir}
	 */
	public VirtualThreadSampler(ThreadDumper dumper, int maxStackDepth, int maxThreads, Clock clock,
			@Nullable Path temporaryDirectory) {
		this.reader = new VirtualThreadDumpReader(maxStackDepth, maxThreads);
		this.dumper = dumper;
		this.clock = clock;
		this.temporaryDirectory = (temporaryDirectory != null) ? temporaryDirectory
				: Path.of(System.getProperty("java.io.tmpdir"));
	}

	/**
	 * Dumps, reads and deletes, now.
	 * @return the virtual threads; {@code totals().live()} counts them all, even past the
	 * bound on the threads kept
	 * @throws IOException if the dump could not be written or read
	 */
	public ThreadSnapshot take() throws IOException {
		Instant now = this.clock.instant();
		Path directory = privateDirectory();
		Path file = directory.resolve("threads.json");
		try {
			this.dumper.dump(file);
			return this.reader.read(file, now);
		}
		finally {
			Files.deleteIfExists(file);
			Files.deleteIfExists(directory);
		}
	}

	private Path privateDirectory() throws IOException {
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			return Files.createTempDirectory(this.temporaryDirectory, "threadleaks-",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		return Files.createTempDirectory(this.temporaryDirectory, "threadleaks-");
	}

}
