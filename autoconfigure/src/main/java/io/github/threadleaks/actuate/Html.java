package io.github.threadleaks.actuate;

import io.github.threadleaks.snapshot.SafeText;
import org.jspecify.annotations.Nullable;

/**
 * Writes HTML with every application-supplied string escaped for where it lands: element
 * text, an attribute value, an SVG {@code <title>}. Thread names, frames, lock names and
 * snapshot names can hold markup and control characters; here they are only ever text.
 */
final class Html {

	private final StringBuilder out;

	Html(int capacity) {
		this.out = new StringBuilder(capacity);
	}

	/** Markup written by this code, never anything from outside. */
	Html raw(String markup) {
		this.out.append(markup);
		return this;
	}

	Html raw(long number) {
		this.out.append(number);
		return this;
	}

	/** Text from anywhere, escaped for element content (and SVG {@code <text>}/{@code <title>}). */
	Html text(@Nullable Object value) {
		appendEscaped((value != null) ? value.toString() : "");
		return this;
	}

	/** Text from anywhere, escaped for a double-quoted attribute value. */
	Html attr(@Nullable Object value) {
		appendEscaped((value != null) ? value.toString() : "");
		return this;
	}

	int length() {
		return this.out.length();
	}

	@Override
	public String toString() {
		return this.out.toString();
	}

	/**
	 * A coordinate to a tenth of a pixel ({@code 12}, {@code 12.5}, {@code -0.3}), written
	 * digit by digit: a page of boxes would feel a string per number.
	 */
	Html tenths(double value) {
		long tenths = Math.round(value * 10);
		if (tenths < 0) {
			this.out.append('-');
			tenths = -tenths;
		}
		this.out.append(tenths / 10);
		long fraction = tenths % 10;
		if (fraction != 0) {
			this.out.append('.').append((char) ('0' + fraction));
		}
		return this;
	}

	/**
	 * Control characters are first shown as escapes (a name cannot reorder or break the
	 * page), then the five characters that mean markup become entities, quotes included, so
	 * the same escaping serves text and attributes, and every other character outside ASCII
	 * becomes a numeric character reference: the page stays ASCII, which Java stores a byte a
	 * character and encodes to UTF-8 by copying.
	 */
	private void appendEscaped(String value) {
		int first = firstToEscape(value);
		if (first < 0) {
			// most names and frames are plain ASCII: written whole, not char by char
			this.out.append(value);
			return;
		}
		String safe = SafeText.neutralize(value);
		first = firstToEscape(safe);
		if (first < 0) {
			this.out.append(safe);
			return;
		}
		this.out.append(safe, 0, first);
		for (int i = first; i < safe.length(); i++) {
			char c = safe.charAt(i);
			switch (c) {
				case '&' -> this.out.append("&amp;");
				case '<' -> this.out.append("&lt;");
				case '>' -> this.out.append("&gt;");
				case '"' -> this.out.append("&quot;");
				case '\'' -> this.out.append("&#39;");
				default -> {
					if (c < 0x80) {
						this.out.append(c);
					}
					else {
						// SafeText left only whole surrogate pairs
						int codePoint = safe.codePointAt(i);
						this.out.append("&#x").append(Integer.toHexString(codePoint)).append(';');
						i += Character.charCount(codePoint) - 1;
					}
				}
			}
		}
	}

	/** The first character that is markup, a control character or outside ASCII, or -1. */
	private static int firstToEscape(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x20 || c >= 0x7F || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
				return i;
			}
		}
		return -1;
	}

}
