package io.github.threadleaks.junit;

/**
 * Thread names come from application code: written into a failure message as they are, a
 * name could start a fake line, move the cursor, colour the terminal or reverse the text
 * around it. Every character that could do so is written as a visible {@code \\uXXXX}
 * escape instead, and so is a backslash, so that no name can pass for an escape.
 */
final class PrintableText {

	private PrintableText() {
	}

	static String of(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		int i = 0;
		while (i < text.length()) {
			int codePoint = text.codePointAt(i);
			int length = Character.charCount(codePoint);
			if (isHarmless(codePoint) && !(length == 1 && Character.isSurrogate((char) codePoint))) {
				out.appendCodePoint(codePoint);
			}
			else {
				for (int j = i; j < i + length; j++) {
					out.append(String.format("\\u%04X", (int) text.charAt(j)));
				}
			}
			i += length;
		}
		return out.toString();
	}

	private static boolean isHarmless(int codePoint) {
		if (codePoint == '\\') {
			return false;
		}
		if (codePoint >= 0x20 && codePoint < 0x7F) {
			return true;
		}
		return switch (Character.getType(codePoint)) {
			// C0/C1 controls (newline, ESC), bidi controls and zero-width characters (FORMAT),
			// U+2028 and U+2029, and characters no font is expected to show
			case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
					Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE -> false;
			default -> true;
		};
	}

}
