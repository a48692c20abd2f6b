package io.github.threadleaks.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;

/**
 * The packaged sample app started as its own process with {@code java -jar}, on a random
 * loopback port, by the same JVM that runs the tests (so a Java 25 test run starts it on 25).
 */
final class SampleAppProcess implements AutoCloseable {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private final Process process;

	private final Path log;

	private final int port;

	private SampleAppProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static SampleAppProcess start(String... arguments) {
		Path jar = Paths.get("target", "threadleaks-sample-app.jar").toAbsolutePath();
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("No packaged sample app at " + jar + ": run 'mvn verify', not 'mvn test'");
		}
		try {
			Path log = Files.createTempFile("threadleaks-sample-app", ".log");
			List<String> command = new ArrayList<>(List.of(
					Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
					"--server.port=0", "--server.address=127.0.0.1"));
			command.addAll(List.of(arguments));
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			int port = awaitPort(process, log);
			return new SampleAppProcess(process, log, port);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int awaitPort(Process process, Path log) {
		int[] port = new int[1];
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			if (!process.isAlive()) {
				throw new IllegalStateException("The sample app exited with " + process.exitValue() + ":\n"
						+ Files.readString(log));
			}
			Matcher matcher = STARTED.matcher(Files.readString(log));
			if (matcher.find()) {
				port[0] = Integer.parseInt(matcher.group(1));
				return true;
			}
			return false;
		});
		return port[0];
	}

	int port() {
		return this.port;
	}

	String output() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stops the app with SIGTERM, as Kubernetes does.
	 * @param timeout how long it may take to exit
	 * @return the exit code
	 */
	int stop(Duration timeout) throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("The sample app did not exit within " + timeout + ":\n" + output());
		}
		return this.process.exitValue();
	}

	@Override
	public void close() throws IOException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
		}
		Files.deleteIfExists(this.log);
	}

}
