package io.github.threadleaks.virtual;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.threadleaks.snapshot.FrameInterner;
import io.github.threadleaks.snapshot.PoolNames;
import io.github.threadleaks.snapshot.ThreadRecord;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.snapshot.ThreadTotals;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads the JVM's JSON thread dump as a token stream (never as one tree: 100,000 virtual
 * threads make about 340 MB of JSON) into a {@link ThreadSnapshot} of its virtual threads,
 * each a {@link ThreadRecord} like a platform thread's, so it is grouped and judged the same
 * way. At most {@code maxThreads} are kept per read; the rest are counted in the totals only.
 * Shapes a later JDK may write (objects where strings were, numeric ids) are skipped, never
 * misread.
 * <p>
 * Pool names: a named virtual thread's name is folded as a platform thread's is; an unnamed
 * one (the usual case) takes the class of its thread container with the identity hash
 * dropped, so every {@code Executors.newVirtualThreadPerTaskExecutor()} is one pool,
 * {@code java.util.concurrent.ThreadPerTaskExecutor}. Unnamed threads started outside any
 * executor are {@value PoolNames#UNNAMED}. An unnamed virtual thread is listed by its id,
 * {@code #1234}, where a name would go.
 */
final class VirtualThreadDumpReader {

	private static final Logger logger = LoggerFactory.getLogger(VirtualThreadSampler.class);

	private static final String ROOT_CONTAINER = "<root>";

	private final int maxStackDepth;

	private final int maxThreads;

	private final JsonFactory json = new JsonFactory();

	private final FrameInterner interner = new FrameInterner();

	private long sequence;

	private int peak;

	private boolean capLogged;

	/**
	 * @param maxStackDepth how many frames of each stack to keep
	 * @param maxThreads how many virtual threads to keep per read
	 */
	VirtualThreadDumpReader(int maxStackDepth, int maxThreads) {
		if (maxStackDepth < 1) {
			throw new IllegalArgumentException("maxStackDepth must be at least 1, was " + maxStackDepth);
		}
		if (maxThreads < 1) {
			throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
		}
		this.maxStackDepth = maxStackDepth;
		this.maxThreads = maxThreads;
	}

	/**
	 * Reads a JSON thread dump the JVM wrote.
	 * @param file the dump
	 * @param now the time to stamp the snapshot with
	 * @return the virtual threads in it
	 */
	synchronized ThreadSnapshot read(Path file, Instant now) {
		Reading reading = new Reading(now);
		try (JsonParser parser = this.json.createParser(ObjectReadContext.empty(), file)) {
			expect(parser.nextToken(), JsonToken.START_OBJECT);
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				if ("threadDump".equals(name)) {
					readDump(parser, reading);
				}
				else {
					parser.skipChildren();
				}
			}
		}
		this.peak = Math.max(this.peak, reading.total);
		if (reading.total > this.maxThreads && !this.capLogged) {
			this.capLogged = true;
			logger.warn("{} virtual threads are live; only {} are grouped and judged, the rest are counted "
					+ "(threadleaks.sampling.max-virtual-threads)", reading.total, this.maxThreads);
		}
		return new ThreadSnapshot(++this.sequence, now,
				new ThreadTotals(reading.total, reading.total, this.peak, -1), reading.records, this.maxStackDepth);
	}

	private void readDump(JsonParser parser, Reading reading) {
		expect(parser.currentToken(), JsonToken.START_OBJECT);
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("threadContainers".equals(name) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					readContainer(parser, reading);
				}
			}
			else {
				parser.skipChildren();
			}
		}
	}

	private void readContainer(JsonParser parser, Reading reading) {
		String container = ROOT_CONTAINER;
		List<Pending> unnamed = new ArrayList<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken value = parser.nextToken();
			if ("container".equals(name) && value == JsonToken.VALUE_STRING) {
				container = parser.getString();
			}
			else if ("threads".equals(name) && value == JsonToken.START_ARRAY) {
				while (parser.nextToken() == JsonToken.START_OBJECT) {
					Pending thread = readThread(parser, reading);
					if (thread != null) {
						if (thread.name.isBlank()) {
							unnamed.add(thread);
						}
						else {
							reading.add(thread, PoolNames.fold(thread.name));
						}
					}
				}
			}
			else {
				parser.skipChildren();
			}
		}
		if (!unnamed.isEmpty()) {
			String pool = containerPool(container);
			unnamed.forEach((thread) -> reading.add(thread, pool));
		}
	}

	/**
	 * One thread object; {@code null} for a platform thread, or for a virtual thread past
	 * the bound (which is still counted).
	 */
	private @Nullable Pending readThread(JsonParser parser, Reading reading) {
		long id = -1;
		String name = "";
		boolean virtual = false;
		Thread.@Nullable State state = null;
		@Nullable String lock = null;
		StackTraceElement @Nullable [] stack = null;
		boolean truncated = false;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken value = parser.nextToken();
			switch (field) {
				case "tid" -> id = (value == JsonToken.VALUE_NUMBER_INT) ? parser.getLongValue()
						: Long.parseLong(scalarOr(parser, value, "-1"));
				case "name" -> name = scalarOr(parser, value, "");
				case "virtual" -> virtual = value == JsonToken.VALUE_TRUE;
				case "state" -> state = state(scalarOr(parser, value, ""));
				case "blockedOn", "waitingOn" -> lock = scalarOr(parser, value, lock);
				case "parkBlocker" -> lock = parkBlocker(parser, value, lock);
				case "stack" -> {
					if (value != JsonToken.START_ARRAY || (virtual && reading.total >= this.maxThreads)) {
						parser.skipChildren();
					}
					else {
						List<StackTraceElement> frames = new ArrayList<>();
						for (JsonToken frame = parser.nextToken(); frame != JsonToken.END_ARRAY; frame = parser
							.nextToken()) {
							if (frame != JsonToken.VALUE_STRING) {
								// a frame written as something else by a later JDK: skipped, not misread
								parser.skipChildren();
							}
							else if (frames.size() < this.maxStackDepth) {
								frames.add(reading.frame(parser.getString()));
							}
							else {
								truncated = true;
							}
						}
						stack = frames.toArray(StackTraceElement[]::new);
					}
				}
				default -> parser.skipChildren();
			}
		}
		if (!virtual) {
			return null;
		}
		reading.total++;
		if (reading.total > this.maxThreads || id < 0) {
			return null;
		}
		if (stack == null) {
			stack = new StackTraceElement[0];
		}
		return new Pending(id, name, (state != null) ? state : inferState(stack), lock,
				this.interner.intern(stack), truncated || stack.length >= this.maxStackDepth);
	}

	/** A string value, or what was there before for any other value (skipped whole). */
	private static @Nullable String scalarOr(JsonParser parser, JsonToken value, @Nullable String previous) {
		if (value == JsonToken.VALUE_STRING) {
			return parser.getString();
		}
		parser.skipChildren();
		return previous;
	}

	private static @Nullable String parkBlocker(JsonParser parser, JsonToken value, @Nullable String lock) {
		if (value != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return lock;
		}
		String blocker = lock;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String field = parser.currentName();
			JsonToken inner = parser.nextToken();
			if ("object".equals(field) && inner == JsonToken.VALUE_STRING) {
				blocker = parser.getString();
			}
			else {
				parser.skipChildren();
			}
		}
		return blocker;
	}

	/**
	 * The pool of an unnamed virtual thread: its container's class without the identity
	 * hash ({@code java.util.concurrent.ThreadPerTaskExecutor@6d21714c} becomes
	 * {@code java.util.concurrent.ThreadPerTaskExecutor}), folded like a thread name.
	 */
	static String containerPool(@Nullable String container) {
		if (container == null || container.isBlank() || ROOT_CONTAINER.equals(container)) {
			return PoolNames.UNNAMED;
		}
		int hash = container.lastIndexOf('@');
		String type = (hash > 0) ? container.substring(0, hash) : container;
		return PoolNames.fold(type);
	}

	private static Thread.@Nullable State state(String text) {
		try {
			return Thread.State.valueOf(text);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Java 21 to 24 write no state for a thread: a virtual thread parked by
	 * {@code VirtualThread.park} waits, one in {@code parkNanos} waits with a timeout, any
	 * other runs.
	 */
	static Thread.State inferState(StackTraceElement[] stack) {
		if (stack.length > 0 && stack[0].getClassName().equals("java.lang.VirtualThread")) {
			String method = stack[0].getMethodName();
			if (method.equals("parkNanos")) {
				return Thread.State.TIMED_WAITING;
			}
			if (method.startsWith("park") || method.equals("yieldContinuation")) {
				return Thread.State.WAITING;
			}
		}
		return Thread.State.RUNNABLE;
	}

	private static void expect(JsonToken actual, JsonToken expected) {
		if (actual != expected) {
			throw new IllegalStateException("Unexpected thread dump: " + expected + " expected, found " + actual);
		}
	}

	/** A virtual thread read, waiting for its container's name when it has none of its own. */
	private record Pending(long id, String name, Thread.State state, @Nullable String lock, List<StackTraceElement> stack,
			boolean truncated) {

	}

	/** What one read collects. */
	private final class Reading {

		final Instant now;

		final List<ThreadRecord> records = new ArrayList<>();

		final Map<String, StackTraceElement> frames = new HashMap<>();

		int total;

		Reading(Instant now) {
			this.now = now;
		}

		StackTraceElement frame(String text) {
			return this.frames.computeIfAbsent(text, FrameText::parse);
		}

		void add(Pending thread, String pool) {
			String name = thread.name().isBlank() ? "#" + thread.id() : thread.name();
			this.records.add(ThreadRecord.virtual(thread.id(), name, pool, thread.state(), thread.stack(),
					thread.truncated(), thread.lock()));
		}

	}

}
