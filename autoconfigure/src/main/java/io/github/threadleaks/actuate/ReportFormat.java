package io.github.threadleaks.actuate;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import io.github.threadleaks.snapshot.SafeText;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MimeType;

/**
 * The formats a report or a diff can be read in, chosen with {@code ?format=} (which wins)
 * or the {@code Accept} header.
 */
enum ReportFormat {

	/** The JSON document (the default). */
	JSON("application/json"),

	/** A plain-text report for a terminal. */
	TEXT("text/plain;charset=UTF-8"),

	/** Folded stacks for flame-graph tools: one line per group, root frame first. */
	FOLDED("text/plain;charset=UTF-8"),

	/** One self-contained HTML page for a browser. */
	HTML("text/html;charset=UTF-8");

	private final MimeType contentType;

	ReportFormat(String contentType) {
		this.contentType = MimeType.valueOf(contentType);
	}

	/**
	 * The content type of a body in this format.
	 * @return the type
	 */
	MimeType contentType() {
		return this.contentType;
	}

	/**
	 * The format a request asks for.
	 * @param requested the {@code format} query parameter, or {@code null}
	 * @param negotiated the format the {@code Accept} header chose
	 * @return the format
	 * @throws IllegalArgumentException if {@code requested} names no format
	 */
	static ReportFormat of(@Nullable String requested, ReportFormat negotiated) {
		if (requested == null || requested.isBlank()) {
			return negotiated;
		}
		try {
			return valueOf(requested.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Unknown format '" + SafeText.neutralize(requested) + "': use one of " + names());
		}
	}

	static String names() {
		return Arrays.stream(values()).map((format) -> format.name().toLowerCase(Locale.ROOT))
			.collect(Collectors.joining(", "));
	}

}
