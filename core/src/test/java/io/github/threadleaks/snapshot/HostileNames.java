package io.github.threadleaks.snapshot;

/**
 * Names as hostile as application code (or an HTTP client) can make them: the fixture of
 * every test that a name cannot forge a log line or put a control character into text.
 */
public final class HostileNames {

	/**
	 * One name with every unsafe class in it: a newline that starts a forged log line, CR,
	 * TAB, an ANSI colour escape, BEL, DEL, C1 controls, the line and paragraph separators,
	 * bidi controls and marks, and lone surrogates of both halves.
	 */
	public static final String EVERY_CLASS = "w-1\n2026-01-01T00:00:00.000Z ERROR 1 --- [main] x : FORGED\r\t\u001b[31mred"
			+ "\u0007\u007f\u0085\u009b\u2028\u2029\u202a\u202e\u2066\u2069\u200f\ud800x\udc00y";

	/** How {@link #EVERY_CLASS} begins once neutralised. */
	public static final String NEUTRALISED_START = "w-1\\n2026-01-01T00:00:00.000Z ERROR";

	private HostileNames() {
	}

}
