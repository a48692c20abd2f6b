package io.github.threadleaks.virtual;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the pieces of the JVM's JSON thread dump that vary: frames as
 * {@code StackTraceElement.toString()} writes them, container names, and the state of a
 * thread where Java 21 to 24 write none. Whether the dump can be taken at all depends on the
 * JDK, and says so.
 */
@Tag("both-jdks")
class VirtualThreadDumpFormatTests {

	@Test
	void framesLoseTheirModuleAndClassLoaderPrefix() {
		StackTraceElement frame = FrameText
			.parse("java.base/java.util.concurrent.LinkedBlockingQueue.take(LinkedBlockingQueue.java:435)");
		assertThat(frame.getClassName()).isEqualTo("java.util.concurrent.LinkedBlockingQueue");
		assertThat(frame.getMethodName()).isEqualTo("take");
		assertThat(frame.getFileName()).isEqualTo("LinkedBlockingQueue.java");
		assertThat(frame.getLineNumber()).isEqualTo(435);
		assertThat(FrameText.parse("app//com.example.Handler.lambda$handle$0(Handler.java:42)"))
			.isEqualTo(new StackTraceElement("com.example.Handler", "lambda$handle$0", "Handler.java", 42));
		assertThat(FrameText.parse("com.foo.loader/foo@9.0/com.foo.Main.run(Main.java:101)"))
			.isEqualTo(new StackTraceElement("com.foo.Main", "run", "Main.java", 101));
		assertThat(FrameText.parse("Probe.main(Probe.java:14)"))
			.isEqualTo(new StackTraceElement("Probe", "main", "Probe.java", 14));
	}

	@Test
	void hiddenClassesNativeMethodsAndUnknownSourcesAreKept() {
		StackTraceElement hidden = FrameText.parse(
				"java.base/java.lang.invoke.LambdaForm$DMH/0x00007f3c0c0a4000.invokeStatic(LambdaForm$DMH:1000010)");
		assertThat(hidden.getClassName()).isEqualTo("java.lang.invoke.LambdaForm$DMH/0x00007f3c0c0a4000");
		assertThat(hidden.getMethodName()).isEqualTo("invokeStatic");
		StackTraceElement nativeFrame = FrameText
			.parse("java.base/jdk.internal.misc.Unsafe.park(Native Method)");
		assertThat(nativeFrame.isNativeMethod()).isTrue();
		assertThat(nativeFrame.getClassName()).isEqualTo("jdk.internal.misc.Unsafe");
		StackTraceElement unknown = FrameText.parse("com.example.Generated.call(Unknown Source)");
		assertThat(unknown.getFileName()).isNull();
		assertThat(unknown.getLineNumber()).isEqualTo(-1);
	}

	@Test
	void unnamedVirtualThreadsArePooledByTheirContainersClass() {
		assertThat(VirtualThreadDumpReader.containerPool("java.util.concurrent.ThreadPerTaskExecutor@6d21714c"))
			.isEqualTo("java.util.concurrent.ThreadPerTaskExecutor");
		assertThat(VirtualThreadDumpReader.containerPool("java.util.concurrent.ThreadPerTaskExecutor@52bf72b5"))
			.isEqualTo(VirtualThreadDumpReader.containerPool("java.util.concurrent.ThreadPerTaskExecutor@6d21714c"));
		assertThat(VirtualThreadDumpReader.containerPool("<root>")).isEqualTo("<unnamed>");
		assertThat(VirtualThreadDumpReader.containerPool("ForkJoinPool-1/jdk.internal.vm.SharedThreadContainer@6572421"))
			.isEqualTo("ForkJoinPool-#/jdk.internal.vm.SharedThreadContainer");
	}

	@Test
	void withoutAStateInTheDumpTheTopFrameTellsIt() {
		assertThat(VirtualThreadDumpReader.inferState(new StackTraceElement[] {
				new StackTraceElement("java.lang.VirtualThread", "park", "VirtualThread.java", 582) }))
			.isEqualTo(Thread.State.WAITING);
		assertThat(VirtualThreadDumpReader.inferState(new StackTraceElement[] {
				new StackTraceElement("java.lang.VirtualThread", "parkNanos", "VirtualThread.java", 621) }))
			.isEqualTo(Thread.State.TIMED_WAITING);
		assertThat(VirtualThreadDumpReader.inferState(new StackTraceElement[] {
				new StackTraceElement("com.example.Crunch", "loop", "Crunch.java", 7) }))
			.isEqualTo(Thread.State.RUNNABLE);
	}

	@Test
	void theDumpIsAvailableExactlyFromJava21() {
		ThreadDumper.Availability availability = ThreadDumper.find();
		if (Runtime.version().feature() >= 21) {
			assertThat(availability.available()).as(availability.unavailableBecause()).isTrue();
		}
		else {
			assertThat(availability.available()).isFalse();
			assertThat(availability.unavailableBecause()).isEqualTo("Java " + Runtime.version().feature() + " has no virtual threads");
		}
	}

}
