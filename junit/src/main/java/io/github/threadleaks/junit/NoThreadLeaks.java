package io.github.threadleaks.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves a new live thread behind, as goleak's {@code VerifyNone} fails a Go
 * test that leaves a goroutine. Threads alive before the test are not its leaks; new threads
 * are given up to {@link #maxWaitMillis()} to end; daemon threads count. The failure is an
 * {@link AssertionError} naming each thread, where it blocks, its stack and, with
 * {@link #creationSites()}, who started it.
 * <p>
 * On a class, every test of it (and of its {@code @Nested} classes) is checked; on a method,
 * that test, with the class's ignores and its own. The globs match the whole text: {@code *}
 * any run of characters, {@code ?} one.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ThreadLeakExtension.class)
public @interface NoThreadLeaks {

	/**
	 * Whether each test is checked on its own, or the class once, after all its tests and
	 * {@code @AfterAll} methods (threads a test hands to the next are then not leaks). Only
	 * a class annotation may say {@link Per#CLASS}.
	 * @return the scope of the check
	 */
	Per per() default Per.TEST;

	/**
	 * Thread names to ignore, as globs: {@code "netty-*"}.
	 * @return the globs
	 */
	String[] ignoreNames() default {};

	/**
	 * Ignores a thread whose top frame, or the frame it blocks in below the JDK's park and wait
	 * methods, is one of these {@code class.method} globs (goleak's
	 * {@code IgnoreTopFunction}): {@code "com.example.Poller.awaitEvents"}.
	 * @return the globs
	 */
	String[] ignoreTopFrames() default {};

	/**
	 * Ignores a thread with any frame matching one of these {@code class.method} globs
	 * (goleak's {@code IgnoreAnyFunction}): {@code "io.grpc.*"}.
	 * @return the globs
	 */
	String[] ignoreAnyFrames() default {};

	/**
	 * Ignores a thread started from code matching one of these {@code class.method} globs,
	 * anywhere in the stack that called {@code Thread.start()}. Turns {@link #creationSites()}
	 * on.
	 * @return the globs
	 */
	String[] ignoreCreatedBy() default {};

	/**
	 * Records who starts each thread (JFR {@code jdk.ThreadStart}, one recording for the test
	 * JVM), so the failure says which code started a leaked thread. Off by default: it makes
	 * every thread start in the JVM dearer.
	 * @return whether to record creation sites
	 */
	boolean creationSites() default false;

	/**
	 * How long, in all, new threads are given to end after the test before it fails.
	 * @return the bound in milliseconds
	 */
	long maxWaitMillis() default 1_000;

	/**
	 * How many frames of each leaked thread's stack the failure shows.
	 * @return the bound
	 */
	int maxFrames() default 24;

	/** The scope of one check. */
	enum Per {

		/** Each test must leave no new thread (goleak's {@code VerifyNone} in every test). */
		TEST,

		/** The class as a whole must leave no new thread. */
		CLASS

	}

}
