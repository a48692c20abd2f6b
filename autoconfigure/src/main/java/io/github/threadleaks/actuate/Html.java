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
	 * Control characters are first shown as escapes (a name cannot reorder or break the
	 * page), then the five characters that mean markup become entities, quotes included, so
	 * the same escaping serves text and attributes.
	 */
	private void appendEscaped(String value) {
		String safe = SafeText.neutralize(value);
		int first = firstMarkup(safe);
		if (first < 0) {
			// most names and frames hold no markup: written whole, not char by char
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
				default -> this.out.append(c);
			}
		}
	}

	private static int firstMarkup(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\'') {
				return i;
			}
		}
		return -1;
	}

}
