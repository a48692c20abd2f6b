package io.github.threadleaks.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.threadleaks.tasks.TaskTracker;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Blocking forever on I/O: a socket read without a timeout, against a loopback server that
 * accepts connections and never answers.
 */
@Component
class SilentSocketScenario implements Scenario, DisposableBean {

	private final TaskTracker tracker;

	private final List<Socket> accepted = new CopyOnWriteArrayList<>();

	private ServerSocket silentServer;

	SilentSocketScenario(TaskTracker tracker) {
		this.tracker = tracker;
	}

	@Override
	public String name() {
		return "silent-socket";
	}

	@Override
	public String leak() {
		return "a socket read without a timeout, against a server that never answers";
	}

	@Override
	public String fix() {
		return "Socket.setSoTimeout, inside a tracked task";
	}

	@Override
	public String pool() {
		return "price-fetcher-#";
	}

	@Override
	public String blockedIn() {
		return "java.net.Socket$SocketInputStream.read";
	}

	@Override
	public List<String> runLeaky(int count) {
		int port = silentServerPort();
		return Scenarios.repeat(count, () -> Scenarios.startThread("price-fetcher", () -> readFrom(port, 0)));
	}

	@Override
	public List<String> runFixed(int count) {
		int port = silentServerPort();
		return Scenarios.tracked(this.tracker, "price-fetcher", count, 1000, (scope) -> readFrom(port, 200));
	}

	private static Object readFrom(int port, int timeoutMillis) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(timeoutMillis);
			InputStream in = socket.getInputStream();
			return in.read();
		}
		catch (SocketTimeoutException ex) {
			return "no price in time";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private synchronized int silentServerPort() {
		if (this.silentServer == null) {
			try {
				this.silentServer = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			ServerSocket server = this.silentServer;
			Scenarios.startThread("silent-server", () -> {
				while (!server.isClosed()) {
					try {
						this.accepted.add(server.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			});
		}
		return this.silentServer.getLocalPort();
	}

	@Override
	public void destroy() throws IOException {
		if (this.silentServer != null) {
			this.silentServer.close();
		}
		for (Socket socket : this.accepted) {
			socket.close();
		}
	}

}
