package io.github.threadleaks.snapshot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Folds a thread name into the name of its pool: whatever varies between members of one
 * pool (counters, identity hashes, UUIDs, long hex ids) is replaced, so that
 * {@code http-nio-8080-exec-12} and {@code http-nio-8080-exec-3} are one pool,
 * {@code http-nio-#-exec-#}, however many of its threads come and go.
 */
public final class PoolNames {

	/** The pool name given to threads whose name is empty or blank. */
	public static final String UNNAMED = "<unnamed>";

	/**
	 * Pools are folded again at every sample; the cache keeps that cheap. It is bounded
	 * (cleared when full) so that an application minting unique names forever cannot
	 * grow it without limit.
	 */
	private static final int CACHE_LIMIT = 20_000;

	private static final Pattern VARYING = Pattern.compile(String.join("|",
			// UUIDs first, so their digit runs are not folded one by one
			"(?<uuid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})",
			// identity hashes as Object.toString() writes them: ThreadPerTaskExecutor@6d21714c
			"(?<hash>@[0-9a-fA-F]+)",
			// 0x-prefixed addresses and ids
			"(?<hexprefixed>0[xX][0-9a-fA-F]+)",
			// free-standing hex ids of 8 or more characters that mix digits and letters
			"(?<hex>(?<![0-9A-Za-z])(?=[0-9a-fA-F]*[a-fA-F])(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}(?![0-9A-Za-z]))",
			"(?<digits>[0-9]+)"));

	private static final Map<String, String> cache = new ConcurrentHashMap<>();

	private PoolNames() {
	}

	/**
	 * The pool name of a thread name.
	 * @param threadName the thread's name, possibly {@code null} or empty
	 * @return the folded pool name, never empty
	 */
	public static String fold(String threadName) {
		if (threadName == null || threadName.isBlank()) {
			return UNNAMED;
		}
		String cached = cache.get(threadName);
		if (cached != null) {
			return cached;
		}
		String folded = foldUncached(threadName);
		if (cache.size() >= CACHE_LIMIT) {
			cache.clear();
		}
		cache.put(threadName, folded);
		return folded;
	}

	private static String foldUncached(String name) {
		Matcher matcher = VARYING.matcher(name);
		StringBuilder folded = new StringBuilder(name.length());
		while (matcher.find()) {
			matcher.appendReplacement(folded, replacement(matcher));
		}
		matcher.appendTail(folded);
		return folded.toString().strip();
	}

	private static String replacement(Matcher matcher) {
		if (matcher.group("hash") != null) {
			return "@*";
		}
		if (matcher.group("hexprefixed") != null) {
			return "0x*";
		}
		if (matcher.group("digits") != null) {
			return "#";
		}
		return "*";
	}

}
