package io.github.threadleaks.virtual;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Writes the JVM's thread dump, virtual threads included, as JSON to a file, through
 * {@code HotSpotDiagnosticMXBean.dumpThreads(String, ThreadDumpFormat.JSON)} (Java 21+). The
 * starter compiles with {@code --release 17}, so the method is found by reflection: on a
 * JVM without it, {@link #find()} says why and nothing of Java 21 is ever loaded.
 */
public final class ThreadDumper {

	private static final String BEAN = "com.sun.management.HotSpotDiagnosticMXBean";

	private static final String FORMAT = BEAN + "$ThreadDumpFormat";

	private static final String JSON_PARSER = "tools.jackson.core.json.JsonFactory";

	private final Object bean;

	private final Method dumpThreads;

	private final Object json;

	private ThreadDumper(Object bean, Method dumpThreads, Object json) {
		this.bean = bean;
		this.dumpThreads = dumpThreads;
		this.json = json;
	}

	/**
	 * The dumper of this JVM, or why there is none.
	 * @return the outcome
	 */
	public static Availability find() {
		if (Runtime.version().feature() < 21) {
			return new Availability(null, "Java " + Runtime.version().feature() + " has no virtual threads");
		}
		try {
			Class.forName(JSON_PARSER, false, ThreadDumper.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return new Availability(null, "Jackson's streaming parser (tools.jackson.core:jackson-core) is not "
					+ "on the class path");
		}
		try {
			@SuppressWarnings("unchecked")
			Class<? extends PlatformManagedObject> beanType = (Class<? extends PlatformManagedObject>) Class
				.forName(BEAN);
			Class<?> formatType = Class.forName(FORMAT);
			Object json = null;
			for (Object constant : formatType.getEnumConstants()) {
				if (((Enum<?>) constant).name().equals("JSON")) {
					json = constant;
				}
			}
			Method dumpThreads = beanType.getMethod("dumpThreads", String.class, formatType);
			Object bean = ManagementFactory.getPlatformMXBean(beanType);
			if (json == null || bean == null) {
				return new Availability(null, "this JVM cannot write a JSON thread dump");
			}
			return new Availability(new ThreadDumper(bean, dumpThreads, json), null);
		}
		catch (ReflectiveOperationException | LinkageError | IllegalArgumentException | SecurityException ex) {
			return new Availability(null, "this JVM cannot write a JSON thread dump (" + ex + ")");
		}
	}

	/**
	 * Writes a dump of every thread to a file that must not exist yet.
	 * @param file an absolute path
	 * @throws IOException if the JVM could not write it
	 */
	public void dump(Path file) throws IOException {
		try {
			this.dumpThreads.invoke(this.bean, file.toAbsolutePath().toString(), this.json);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof IOException io) {
				throw io;
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("The JVM's thread dump failed", cause);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("The JVM's thread dump is not accessible", ex);
		}
	}

	/**
	 * A dumper, or the reason there is none.
	 *
	 * @param dumper the dumper, or {@code null}
	 * @param unavailableBecause why there is none, or {@code null}
	 */
	public record Availability(@Nullable ThreadDumper dumper, @Nullable String unavailableBecause) {

		public boolean available() {
			return this.dumper != null;
		}

	}

}
