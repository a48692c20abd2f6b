package io.github.threadleaks.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * External tools the end-to-end tests use (Prometheus, promtool). The test command installs
 * them; on CI ({@code CI=true}) a missing tool fails the test, elsewhere it skips it.
 */
final class Tools {

	private Tools() {
	}

	static Path require(String tool) {
		for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
			Path candidate = Path.of(dir, tool);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		String message = tool + " is not installed: run scripts/test-all.sh, which installs it";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message);
		}
		Assumptions.abort(message);
		return null;
	}

	static Result run(Path directory, Path tool, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(tool.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not finish within 60s");
		}
		return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
	}

	record Result(int exitCode, String output) {

	}

}
