package io.github.threadleaks.junit.examples;

import io.github.threadleaks.junit.NoThreadLeaks;
import io.github.threadleaks.junit.ThreadLeakExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Example test classes for the per-class check. */
public final class PerClassExamples {

	private PerClassExamples() {
	}

	/** One test starts a thread, the next ends it: a leak per test, none per class. */
	@Example
	@NoThreadLeaks(per = NoThreadLeaks.Per.CLASS)
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	public static class HandsThreadToNextTest {

		static Thread worker;

		@Test
		@Order(1)
		void startsWorker() {
			worker = Blockers.startBlocked("handed-over", false);
		}

		@Test
		@Order(2)
		void endsWorker() throws InterruptedException {
			worker.interrupt();
			worker.join();
		}

	}

	/** The same with the check per test: the first test fails. */
	@Example
	@NoThreadLeaks
	@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
	public static class HandsThreadToNextTestCheckedPerTest extends HandsThreadToNextTest {

	}

	@Example
	@NoThreadLeaks(per = NoThreadLeaks.Per.CLASS)
	public static class LeaksFromTheClass {

		@Test
		void startsWorker() {
			Blockers.startBlocked("class-leak", false);
		}

		@Test
		void startsNothing() {
		}

	}

	@Example
	public static class LeaksFromAfterAllInCode {

		@RegisterExtension
		static final ThreadLeakExtension noLeaks = ThreadLeakExtension.builder().perClass().build();

		@Test
		void startsNothing() {
		}

		@AfterAll
		static void startsWorker() {
			Blockers.startBlocked("after-all-leak", true);
		}

	}

	@Example
	@NoThreadLeaks(per = NoThreadLeaks.Per.CLASS)
	public static class PerClassOnMethod {

		@Test
		@NoThreadLeaks(per = NoThreadLeaks.Per.CLASS)
		void misplaced() {
		}

	}

}
