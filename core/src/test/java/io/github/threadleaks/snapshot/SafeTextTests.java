package io.github.threadleaks.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every class of character that a log, a terminal or a reader would obey rather than show,
 * written as its escape.
 */
class SafeTextTests {

	private static final String HOSTILE = HostileNames.EVERY_CLASS;

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "10|\\n", "13|\\r", "9|\\t", "0|\\u0000", "27|\\u001b", "7|\\u0007",
			"127|\\u007f", "128|\\u0080", "133|\\u0085", "155|\\u009b", "159|\\u009f", "8232|\\u2028", "8233|\\u2029",
			"8234|\\u202a", "8238|\\u202e", "8294|\\u2066", "8297|\\u2069", "8206|\\u200e", "8207|\\u200f",
			"1564|\\u061c", "55296|\\ud800", "56320|\\udc00" })
	void eachUnsafeCharacterIsWrittenAsItsEscape(int codeUnit, String escaped) {
		String text = "a" + (char) codeUnit + "b";
		assertThat(SafeText.neutralize(text)).isEqualTo("a" + escaped + "b");
		assertThat(SafeText.firstUnsafe(text)).isEqualTo(1);
	}

	@Test
	void everythingElseIsKeptAsItIs() {
		String text = "http-nio-8080-exec-1 caf\u00e9 \u65e5\u672c \ud83d\ude00 \u00a0 [x] 'q' \"d\" back\\slash";
		assertThat(SafeText.neutralize(text)).isSameAs(text);
		assertThat(SafeText.firstUnsafe(text)).isEqualTo(-1);
	}

	@Test
	void aHostileNameBecomesOneHarmlessLine() {
		String safe = SafeText.neutralize(HOSTILE);
		assertThat(safe).startsWith("w-1\\n2026-01-01T00:00:00.000Z ERROR 1 --- [main] x : FORGED\\r\\t\\u001b[31mred")
			.endsWith("\\ud800x\\udc00y");
		assertThat(SafeText.firstUnsafe(safe)).isEqualTo(-1);
		assertThat(safe.lines()).hasSize(1);
	}

	@Test
	void aLoneHighSurrogateAtTheEndIsEscapedAndAPairIsNot() {
		assertThat(SafeText.neutralize("x\ud83d")).isEqualTo("x\\ud83d");
		assertThat(SafeText.neutralize("\ud83d\ude00")).isEqualTo("\ud83d\ude00");
		assertThat(SafeText.neutralize("\ude00\ud83d")).isEqualTo("\\ude00\\ud83d");
	}

}
