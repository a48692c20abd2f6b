package io.github.threadleaks.junit;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import io.github.threadleaks.creation.CreationSite;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure message, whole, for threads described by hand. */
@Tag("both-jdks")
class LeakMessageTests {

	private static final List<StackTraceElement> PARKED_IN_TAKE = List.of(
			new StackTraceElement("jdk.internal.misc.Unsafe", "park", null, -2),
			new StackTraceElement("java.util.concurrent.locks.LockSupport", "park", "LockSupport.java", 341),
			new StackTraceElement("java.util.concurrent.LinkedBlockingQueue", "take", "LinkedBlockingQueue.java", 435),
			new StackTraceElement("com.example.Listener", "awaitOrder", "Listener.java", 83),
			new StackTraceElement("java.lang.Thread", "run", "Thread.java", 840));

	@Test
	void namesEachThreadWhereItBlocksItsStackAndWhoStartedIt() {
		CreationSite site = new CreationSite("main", List.of(new StackTraceElement("java.lang.Thread", "start", null, 800),
				new StackTraceElement("com.example.Listener", "start", null, 40),
				new StackTraceElement("com.example.ListenerTests", "listens", null, 21),
				new StackTraceElement("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", null, 701)));
		LeakedThread leak = new LeakedThread("order-listener-1", 31, false, Thread.State.WAITING, PARKED_IN_TAKE, site);

		String message = LeakMessage.of("test ListenerTests.listens()", List.of(leak), Duration.ofMillis(1003), 24, null);

		assertThat(message).isEqualTo("""
				found 1 unexpected thread after test ListenerTests.listens(), still alive 1003 ms after it ended:

				thread "order-listener-1" #31, non-daemon, WAITING, blocks in java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)
				\tat jdk.internal.misc.Unsafe.park(Native Method)
				\tat java.util.concurrent.locks.LockSupport.park(LockSupport.java:341)
				\tat java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)
				\tat com.example.Listener.awaitOrder(Listener.java:83)
				\tat java.lang.Thread.run(Thread.java:840)
				\tstarted by thread "main" at com.example.Listener.start(line 40)
				\t\tfrom com.example.ListenerTests.listens(line 21)
				""");
	}

	@Test
	void boundsTheStackAndSaysHowToLearnWhoStartedAThread() {
		LeakedThread busy = new LeakedThread("spinner", 7, true, Thread.State.RUNNABLE,
				Collections.nCopies(30, new StackTraceElement("com.example.Spinner", "spin", "Spinner.java", 12)), null);

		String message = LeakMessage.of("the test run", List.of(busy, busy), Duration.ofMillis(1000), 2,
				"@NoThreadLeaks(creationSites = true)");

		assertThat(message).isEqualTo("""
				found 2 unexpected threads after the test run, still alive 1000 ms after it ended:

				thread "spinner" #7, daemon, RUNNABLE, at com.example.Spinner.spin(Spinner.java:12)
				\tat com.example.Spinner.spin(Spinner.java:12)
				\tat com.example.Spinner.spin(Spinner.java:12)
				\t... 28 more frames

				thread "spinner" #7, daemon, RUNNABLE, at com.example.Spinner.spin(Spinner.java:12)
				\tat com.example.Spinner.spin(Spinner.java:12)
				\tat com.example.Spinner.spin(Spinner.java:12)
				\t... 28 more frames

				(who started each thread is not known: @NoThreadLeaks(creationSites = true) records it)
				""");
	}

	@Test
	void controlCharactersBidiControlsAndLineSeparatorsInNamesAreEscaped() {
		assertThat(PrintableText.of("a\nb\u001b[2Jc\u202ed\u2028e\u2066f\u0000\\u0041 ok é 線程 \uD83D\uDE00"))
			.isEqualTo("a\\u000Ab\\u001B[2Jc\\u202Ed\\u2028e\\u2066f\\u0000\\u005Cu0041 ok é 線程 \uD83D\uDE00");
		assertThat(PrintableText.of("lone \uD800 surrogate")).isEqualTo("lone \\uD800 surrogate");
	}

}
