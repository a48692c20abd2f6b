package io.github.threadleaks.detect;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SameCodeTests {

	@Test
	void aBusyLoopMovingThroughLeafFramesIsTheSameCode() {
		List<StackTraceElement> below = frames("app.Loop.spin", "app.Job.run", "java.lang.Thread.run");
		assertThat(LeakDetector.sameCode(concat(frames("java.lang.Math.sqrt"), below),
				concat(frames("java.util.HashMap.put", "java.util.HashMap.putVal", "java.util.HashMap.resize"), below)))
			.isTrue();
	}

	@Test
	void lineNumbersDoNotMatter() {
		assertThat(LeakDetector.sameCode(List.of(new StackTraceElement("a.B", "run", "B.java", 1)),
				List.of(new StackTraceElement("a.B", "run", "B.java", 2))))
			.isTrue();
	}

	@Test
	void aWorkerRunningAnotherTaskIsNotTheSameCode() {
		List<StackTraceElement> plumbing = frames("java.util.concurrent.ThreadPoolExecutor.runWorker",
				"java.util.concurrent.ThreadPoolExecutor$Worker.run", "java.lang.Thread.run");
		assertThat(LeakDetector.sameCode(concat(frames("app.A.one", "app.A.two", "app.A.three", "app.A.four"), plumbing),
				concat(frames("app.B.one", "app.B.two", "app.B.three", "app.B.four"), plumbing)))
			.isFalse();
	}

	private static List<StackTraceElement> frames(String... names) {
		List<StackTraceElement> frames = new ArrayList<>();
		for (String name : names) {
			int dot = name.lastIndexOf('.');
			frames.add(new StackTraceElement(name.substring(0, dot), name.substring(dot + 1), null, -1));
		}
		return frames;
	}

	private static List<StackTraceElement> concat(List<StackTraceElement> top, List<StackTraceElement> bottom) {
		List<StackTraceElement> all = new ArrayList<>(top);
		all.addAll(bottom);
		return all;
	}

}
