package io.github.threadleaks.detect;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UncaughtExceptionsTests {

	@Test
	void installedOnceForManyListenersWrapsThePreviousHandlerAndRestoresItAfterTheLast() throws Exception {
		Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
		List<String> previousSaw = new CopyOnWriteArrayList<>();
		Thread.UncaughtExceptionHandler previous = (thread, ex) -> previousSaw.add(thread.getName());
		Thread.setDefaultUncaughtExceptionHandler(previous);
		try {
			List<String> first = new CopyOnWriteArrayList<>();
			List<String> second = new CopyOnWriteArrayList<>();
			AutoCloseable one = UncaughtExceptions.listen((thread, ex) -> first.add(thread.getName()));
			Thread.UncaughtExceptionHandler installed = Thread.getDefaultUncaughtExceptionHandler();
			AutoCloseable two = UncaughtExceptions.listen((thread, ex) -> second.add(thread.getName()));
			assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("installed once").isSameAs(installed)
				.isNotSameAs(previous);

			die("dies-once");
			assertThat(first).containsExactly("dies-once");
			assertThat(second).containsExactly("dies-once");
			assertThat(previousSaw).as("the previous handler still runs").containsExactly("dies-once");

			one.close();
			assertThat(UncaughtExceptions.isInstalled()).isTrue();
			two.close();
			assertThat(Thread.getDefaultUncaughtExceptionHandler()).as("restored after the last").isSameAs(previous);
			die("dies-after");
			assertThat(first).containsExactly("dies-once");
			assertThat(previousSaw).containsExactly("dies-once", "dies-after");
		}
		finally {
			Thread.setDefaultUncaughtExceptionHandler(original);
		}
	}

	private static void die(String name) throws InterruptedException {
		Thread thread = new Thread(() -> {
			throw new IllegalStateException("expected by the test");
		}, name);
		thread.start();
		thread.join(10_000);
	}

}
