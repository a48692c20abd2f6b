package io.github.threadleaks.snapshot;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class PoolNamesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http-nio-8080-exec-12                                       | http-nio-#-exec-#
			pool-3-thread-7                                             | pool-#-thread-#
			ForkJoinPool.commonPool-worker-3                            | ForkJoinPool.commonPool-worker-#
			java.util.concurrent.ThreadPerTaskExecutor@6d21714c         | java.util.concurrent.ThreadPerTaskExecutor@*
			worker@1a2B                                                 | worker@*
			job-123e4567-e89b-12d3-a456-426614174000                    | job-*
			123e4567-e89b-12d3-a456-426614174000-worker-2               | *-worker-#
			session-5f3a9c2e1b7d                                        | session-*
			conn-0x7f3a9c2e                                             | conn-0x*
			scheduler                                                   | scheduler
			Reference Handler                                           | Reference Handler
			deadbeef-listener                                           | deadbeef-listener
			""")
	void foldsWhatVariesBetweenMembersOfOnePool(String threadName, String pool) {
		assertThat(PoolNames.fold(threadName)).isEqualTo(pool);
	}

	/**
	 * The same foldings for names no earlier call saw: the cache must not be what answers
	 * (a JVM that folded these names once, before, would).
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			-0x7f3a9c2e                                  | -0x*
			@6d21714c                                    | @*
			-123e4567-e89b-12d3-a456-426614174000        | -*
			-5f3a9c2e1b7d                                | -*
			-exec-12                                     | -exec-#
			""")
	void namesNeverSeenBeforeFoldTheSameWay(String varying, String folded) {
		String fresh = "fresh" + freshLetters();
		assertThat(PoolNames.fold(fresh + varying)).isEqualTo(fresh + folded);
	}

	private static String freshLetters() {
		StringBuilder letters = new StringBuilder();
		for (long n = System.nanoTime(); n > 0; n /= 20) {
			letters.append((char) ('g' + n % 20));
		}
		return letters.toString();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			http-nio-8080-exec-1  | http-nio-9090-exec-200
			pool-1-thread-1       | pool-42-thread-9
			kafka-3f9a2c81d4      | kafka-77e1b0c9aa
			""")
	void membersOfOnePoolFoldToOneName(String one, String other) {
		assertThat(PoolNames.fold(one)).isEqualTo(PoolNames.fold(other));
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\t" })
	void emptyNamesGetAStablePlaceholder(String threadName) {
		assertThat(PoolNames.fold(threadName)).isEqualTo(PoolNames.UNNAMED).isEqualTo("<unnamed>");
	}

}
