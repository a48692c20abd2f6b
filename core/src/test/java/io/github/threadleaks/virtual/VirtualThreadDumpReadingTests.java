package io.github.threadleaks.virtual;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading dumps as other JDKs write them: Java 21's (no thread state, fewer fields) and
 * shapes a later JDK may add (numeric ids, objects where strings were, unknown fields), from
 * files written here, so this runs on every JDK.
 */
@Tag("both-jdks")
class VirtualThreadDumpReadingTests {

	private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

	@TempDir
	Path directory;

	@Test
	void aJava21DumpWithoutStatesIsReadAndStatesAreInferred() throws Exception {
		ThreadSnapshot snapshot = read("""
				{"threadDump": {"processId": "1", "time": "2026-01-01T00:00:00Z", "runtimeVersion": "21.0.5",
				 "threadContainers": [
				  {"container": "<root>", "parent": null, "owner": null, "threads": [
				    {"tid": "1", "name": "main", "stack": ["java.base/java.lang.Thread.sleep(Thread.java:509)"]},
				    {"tid": "41", "name": "", "virtual": true, "stack": [
				      "java.base/java.lang.VirtualThread.parkNanos(VirtualThread.java:631)",
				      "java.base/java.lang.Thread.sleep(Thread.java:509)",
				      "app//com.example.Poller.poll(Poller.java:12)"]}
				   ], "threadCount": "2"},
				  {"container": "java.util.concurrent.ThreadPerTaskExecutor@6d21714c", "parent": "<root>", "owner": null,
				   "threads": [
				    {"tid": "42", "name": "", "virtual": true, "stack": [
				      "java.base/java.lang.VirtualThread.park(VirtualThread.java:582)",
				      "java.base/java.util.concurrent.CompletableFuture.get(CompletableFuture.java:2096)",
				      "com.example.Handler.awaitReply(Handler.java:40)"]},
				    {"tid": "43", "name": "reply-waiter-7", "virtual": true, "stack": [
				      "com.example.Crunch.loop(Crunch.java:7)"]}
				   ], "threadCount": "2"}
				 ]}}
				""");
		assertThat(snapshot.totals().live()).isEqualTo(3);
		assertThat(snapshot.threads()).extracting(ThreadRecord::id).containsExactlyInAnyOrder(41L, 42L, 43L);
		ThreadRecord poller = thread(snapshot, 41);
		assertThat(poller.state()).isEqualTo(Thread.State.TIMED_WAITING);
		assertThat(poller.pool()).isEqualTo("<unnamed>");
		assertThat(poller.name()).isEqualTo("#41");
		assertThat(poller.stack().get(2)).isEqualTo(new StackTraceElement("com.example.Poller", "poll", "Poller.java", 12));
		ThreadRecord waiter = thread(snapshot, 42);
		assertThat(waiter.state()).isEqualTo(Thread.State.WAITING);
		assertThat(waiter.pool()).isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
		ThreadRecord named = thread(snapshot, 43);
		assertThat(named.state()).isEqualTo(Thread.State.RUNNABLE);
		assertThat(named.pool()).isEqualTo("reply-waiter-#");
		assertThat(named.progressKnown()).isFalse();
		assertThat(snapshot.takenAt()).isEqualTo(NOW);
	}

	@Test
	void shapesALaterJdkMayWriteAreSkippedNotMisread() throws Exception {
		ThreadSnapshot snapshot = read("""
				{"threadDump": {"future": {"nested": [1, 2, {"x": "y"}]}, "threadContainers": [
				  {"owner": {"tid": "9"}, "threads": [
				    {"tid": 77, "virtual": true, "name": "numeric-id", "state": "BLOCKED",
				     "blockedOn": {"object": "java.lang.Object@1", "owner": "12"},
				     "carrier": {"tid": "30", "name": "ForkJoinPool-1-worker-1"},
				     "stack": ["com.example.A.b(A.java:1)", {"frame": "object"}, "com.example.C.d(C.java:2)"],
				     "newField": [[["deep"]]]},
				    {"tid": "78", "virtual": true, "name": "odd-state", "state": "SOMETHING_NEW", "stack": null,
				     "parkBlocker": "not an object"}
				   ], "container": "java.util.concurrent.ThreadPerTaskExecutor@1", "extra": true}
				 ]}}
				""");
		assertThat(snapshot.threads()).hasSize(2);
		ThreadRecord first = thread(snapshot, 77);
		assertThat(first.state()).isEqualTo(Thread.State.BLOCKED);
		assertThat(first.stack()).extracting(StackTraceElement::getClassName).containsExactly("com.example.A", "com.example.C");
		ThreadRecord second = thread(snapshot, 78);
		assertThat(second.stack()).isEmpty();
		assertThat(second.state()).isEqualTo(Thread.State.RUNNABLE);
		assertThat(second.lockName()).isNull();
	}

	@Test
	void pastTheBoundThreadsAreCountedAndStacksTooDeepAreCut() throws Exception {
		StringBuilder threads = new StringBuilder();
		for (int i = 1; i <= 5; i++) {
			threads.append((i > 1) ? "," : "").append("{\"tid\": \"").append(i)
				.append("\", \"name\": \"\", \"virtual\": true, \"state\": \"WAITING\", \"stack\": [")
				.append("\"a.B.c(B.java:1)\", \"a.B.d(B.java:2)\", \"a.B.e(B.java:3)\"]}");
		}
		Path file = this.directory.resolve("bounded.json");
		Files.writeString(file, "{\"threadDump\": {\"threadContainers\": [{\"container\": \"<root>\", \"threads\": ["
				+ threads + "]}]}}");
		ThreadSnapshot snapshot = new VirtualThreadDumpReader(2, 3)
			.read(file, NOW);
		assertThat(snapshot.totals().live()).isEqualTo(5);
		assertThat(snapshot.threads()).hasSize(3).allSatisfy((thread) -> {
			assertThat(thread.stack()).hasSize(2);
			assertThat(thread.stackTruncated()).isTrue();
		});
	}

	private ThreadSnapshot read(String json) throws Exception {
		Path file = this.directory.resolve("dump.json");
		Files.writeString(file, json);
		return new VirtualThreadDumpReader(32, 100_000)
			.read(file, NOW);
	}

	private static ThreadRecord thread(ThreadSnapshot snapshot, long id) {
		List<ThreadRecord> found = snapshot.threads().stream().filter((thread) -> thread.id() == id).toList();
		assertThat(found).hasSize(1);
		return found.get(0);
	}

}
