package io.github.threadleaks.proof;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads an HPROF file front to back through one buffer of its own, so that a dump of any
 * size is read with a fixed amount of heap: records are parsed where they lie in the buffer
 * and skipped bodies are never copied.
 */
final class HprofInput implements Closeable {

	/** Big enough that an instance record (a few hundred bytes at most) is always whole in it. */
	private static final int BUFFER_BYTES = 4 << 20;

	private final FileChannel channel;

	/**
	 * Outside the heap: the channel reads straight into it, where a heap buffer would be
	 * filled through a temporary direct buffer the JDK then keeps for the reading thread.
	 */
	private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);

	private final long size;

	/** File position of the buffer's first byte. */
	private long bufferStart;

	private final int idSize;

	private final long headerEnd;

	HprofInput(Path file) throws IOException {
		this.channel = FileChannel.open(file, StandardOpenOption.READ);
		this.size = this.channel.size();
		this.buffer.limit(0);
		try {
			StringBuilder format = new StringBuilder();
			for (int b = u1(); b != 0; b = u1()) {
				format.append((char) b);
				if (format.length() > 64) {
					throw new IOException("Not an HPROF file: no format name in its first 64 bytes");
				}
			}
			if (!format.toString().startsWith("JAVA PROFILE")) {
				throw new IOException("Not an HPROF file: its format is '" + format + "'");
			}
			this.idSize = u4();
			if (this.idSize != 4 && this.idSize != 8) {
				throw new IOException("Unsupported HPROF identifier size " + this.idSize);
			}
			u8();
			this.headerEnd = position();
		}
		catch (IOException | RuntimeException ex) {
			this.channel.close();
			throw ex;
		}
	}

	int idSize() {
		return this.idSize;
	}

	long size() {
		return this.size;
	}

	/** Goes back to the first record, for another pass. */
	void rewind() {
		seek(this.headerEnd);
	}

	long position() {
		return this.bufferStart + this.buffer.position();
	}

	boolean atEnd() {
		return position() >= this.size;
	}

	void seek(long position) {
		long offset = position - this.bufferStart;
		if (offset >= 0 && offset <= this.buffer.limit()) {
			this.buffer.position((int) offset);
			return;
		}
		this.bufferStart = position;
		this.buffer.clear().limit(0);
	}

	void skip(long bytes) {
		seek(position() + bytes);
	}

	/**
	 * Makes the next {@code bytes} readable in {@link #buffer()} from its position on.
	 * @param bytes how many, at most the buffer's capacity
	 */
	void require(int bytes) throws IOException {
		if (this.buffer.remaining() >= bytes) {
			return;
		}
		if (bytes > BUFFER_BYTES) {
			throw new IOException("A record of " + bytes + " bytes is larger than the reader's buffer");
		}
		long start = position();
		this.buffer.compact();
		this.bufferStart = start;
		while (this.buffer.position() < bytes) {
			int read = this.channel.read(this.buffer, this.bufferStart + this.buffer.position());
			if (read < 0) {
				this.buffer.flip();
				throw new EOFException("The heap dump ends inside a record at byte " + start);
			}
		}
		this.buffer.flip();
	}

	/** The buffer, positioned at the next byte; valid until the next read. */
	ByteBuffer buffer() {
		return this.buffer;
	}

	int u1() throws IOException {
		require(1);
		return this.buffer.get() & 0xFF;
	}

	int u2() throws IOException {
		require(2);
		return this.buffer.getShort() & 0xFFFF;
	}

	int u4() throws IOException {
		require(4);
		return this.buffer.getInt();
	}

	long u8() throws IOException {
		require(8);
		return this.buffer.getLong();
	}

	long id() throws IOException {
		require(this.idSize);
		return (this.idSize == 8) ? this.buffer.getLong() : (this.buffer.getInt() & 0xFFFFFFFFL);
	}

	/** An identifier at an absolute index of the buffer, without moving. */
	long idAt(int index) {
		return (this.idSize == 8) ? this.buffer.getLong(index) : (this.buffer.getInt(index) & 0xFFFFFFFFL);
	}

	String utf8(int bytes) throws IOException {
		return new String(bytes(bytes), StandardCharsets.UTF_8);
	}

	byte[] bytes(int bytes) throws IOException {
		byte[] text = new byte[bytes];
		int done = 0;
		while (done < bytes) {
			require(1);
			int chunk = Math.min(bytes - done, this.buffer.remaining());
			this.buffer.get(text, done, chunk);
			done += chunk;
		}
		return text;
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
