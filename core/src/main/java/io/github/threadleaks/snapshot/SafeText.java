package io.github.threadleaks.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * Neutralises text that came from outside (thread names from application code and
 * libraries, lock names, snapshot names from HTTP clients) before it is written where a
 * control character would be obeyed instead of shown: a log line, a text report, stderr, a
 * metric's tag value. A newline there forges a whole log line, an escape sequence recolours a
 * terminal, a bidi control reorders what a reader sees. Each such character is written as
 * its escape ({@code \n}, {@code \r}, {@code \t}, otherwise {@code \}{@code uXXXX}); every
 * other character is kept. JSON has escaping of its own and needs none of this.
 * <p>
 * Neutralised: C0 controls (U+0000 to U+001F) and DEL, C1 controls (U+0080 to U+009F), the
 * line and paragraph separators U+2028 and U+2029, the bidi controls U+202A to U+202E and
 * U+2066 to U+2069 (and the marks U+200E, U+200F, U+061C), and lone surrogates.
 */
public final class SafeText {

	private SafeText() {
	}

	/**
	 * The text with every unsafe character escaped.
	 * @param text the text, or {@code null}
	 * @return the safe text, the same instance when nothing needed escaping; {@code null} for
	 * {@code null}
	 */
	public static @Nullable String neutralizeOrNull(@Nullable String text) {
		return (text != null) ? neutralize(text) : null;
	}

	/**
	 * The text with every unsafe character escaped.
	 * @param text the text
	 * @return the safe text, the same instance when nothing needed escaping
	 */
	public static String neutralize(String text) {
		int first = firstUnsafe(text);
		if (first < 0) {
			return text;
		}
		StringBuilder safe = new StringBuilder(text.length() + 16).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			int length = unsafeLength(text, i);
			if (length == 0) {
				safe.append(c);
				if (Character.isHighSurrogate(c)) {
					// a valid pair: keep its low half with it
					safe.append(text.charAt(++i));
				}
			}
			else {
				escape(safe, c);
			}
		}
		return safe.toString();
	}

	/**
	 * Where the first unsafe character is, for a check that refuses such text.
	 * @param text the text
	 * @return its index, or {@code -1} when the text is safe
	 */
	public static int firstUnsafe(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (unsafeLength(text, i) > 0) {
				return i;
			}
			if (Character.isHighSurrogate(text.charAt(i))) {
				i++;
			}
		}
		return -1;
	}

	/**
	 * A character's description for a message: {@code U+2028}.
	 * @param text the text
	 * @param index where the character is
	 * @return its code point as {@code U+XXXX}
	 */
	public static String describe(String text, int index) {
		return String.format("U+%04X", (int) text.charAt(index));
	}

	/** 1 when the char at {@code i} is unsafe, 0 when it is safe (a valid pair counts as safe). */
	private static int unsafeLength(String text, int i) {
		char c = text.charAt(i);
		if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
			return 1;
		}
		if (c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
				|| c == '\u200E' || c == '\u200F' || c == '\u061C') {
			return 1;
		}
		if (Character.isHighSurrogate(c)) {
			return (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) ? 0 : 1;
		}
		return Character.isLowSurrogate(c) ? 1 : 0;
	}

	private static void escape(StringBuilder safe, char c) {
		switch (c) {
			case '\n' -> safe.append("\\n");
			case '\r' -> safe.append("\\r");
			case '\t' -> safe.append("\\t");
			default -> safe.append(String.format("\\u%04x", (int) c));
		}
	}

}
