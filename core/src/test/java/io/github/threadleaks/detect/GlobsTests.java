package io.github.threadleaks.detect;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GlobsTests {

	@Test
	void starMatchesAnyRunQuestionMarkOneCharacterAndTheRestItself() {
		Globs globs = Globs.of(List.of("kafka-*", "C? CompilerThread*", "a.b.C$D.run"));
		assertThat(globs.matches("kafka-coordinator-3")).isTrue();
		assertThat(globs.matches("C2 CompilerThread0")).isTrue();
		assertThat(globs.matches("a.b.C$D.run")).isTrue();
		assertThat(globs.matches("a.b.CxD.run")).as("$ and . are literal").isFalse();
		assertThat(globs.matches("my-kafka-1")).as("a pattern matches the whole text").isFalse();
		assertThat(globs.matches("Kafka-1")).as("case-sensitive").isFalse();
	}

	@Test
	void blankPatternsMatchNothing() {
		assertThat(Globs.of(List.of(" ", "")).isEmpty()).isTrue();
		assertThat(Globs.of(List.of(" ")).matches("")).isFalse();
	}

}
