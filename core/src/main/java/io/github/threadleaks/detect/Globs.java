package io.github.threadleaks.detect;

import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Glob patterns as the ignore rules use them: {@code *} matches any run of characters
 * (dots included), {@code ?} one character, everything else itself; a pattern matches the
 * whole text, case-sensitively.
 */
public final class Globs {

	private final List<Pattern> patterns;

	private Globs(List<Pattern> patterns) {
		this.patterns = patterns;
	}

	/**
	 * Compiles glob patterns.
	 * @param globs the patterns
	 * @return the compiled set
	 */
	public static Globs of(Collection<String> globs) {
		return new Globs(globs.stream().filter((glob) -> !glob.isBlank()).map(Globs::compile).toList());
	}

	/**
	 * Whether any pattern matches the whole text.
	 * @param text the text
	 * @return whether it matches
	 */
	public boolean matches(String text) {
		for (Pattern pattern : this.patterns) {
			if (pattern.matcher(text).matches()) {
				return true;
			}
		}
		return false;
	}

	public boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	private static Pattern compile(String glob) {
		StringBuilder regex = new StringBuilder(glob.length() + 16);
		StringBuilder literal = new StringBuilder();
		for (char c : glob.strip().toCharArray()) {
			if (c == '*' || c == '?') {
				if (literal.length() > 0) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				regex.append((c == '*') ? ".*" : ".");
			}
			else {
				literal.append(c);
			}
		}
		if (literal.length() > 0) {
			regex.append(Pattern.quote(literal.toString()));
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

}
