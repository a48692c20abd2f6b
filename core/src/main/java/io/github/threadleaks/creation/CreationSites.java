package io.github.threadleaks.creation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records, for every thread started while it runs, the stack of the code that started it and
 * the starting thread, from JFR's {@code jdk.ThreadStart} events (JDK API, Java 17+), and
 * forgets a thread at its {@code jdk.ThreadEnd}. Bounded: past {@code maxTracked} threads new
 * sites are not recorded (and counted). JFR delivers events about a second late, so a site
 * appears shortly after its thread starts.
 * <p>
 * Where JFR is missing or refuses, it switches itself off with one log line. JFR's own
 * threads ({@code JFR Recorder Thread}, {@code JFR Periodic Tasks}) belong to the JVM and
 * outlive the stream.
 */
public final class CreationSites implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(CreationSites.class);

	private final int maxTracked;

	private final int maxFrames;

	private final Map<Long, CreationSite> sites = new ConcurrentHashMap<>();

	private final AtomicLong dropped = new AtomicLong();

	private final AtomicBoolean overflowLogged = new AtomicBoolean();

	private volatile RecordingStream stream;

	/**
	 * @param maxTracked how many live threads' sites are kept
	 * @param maxFrames how many frames of each creator's stack are kept
	 */
	public CreationSites(int maxTracked, int maxFrames) {
		this.maxTracked = maxTracked;
		this.maxFrames = maxFrames;
	}

	/**
	 * Starts recording.
	 * @return whether recording runs (false if JFR is missing or refused)
	 */
	public synchronized boolean start() {
		if (this.stream != null) {
			return true;
		}
		try {
			RecordingStream recording = new RecordingStream();
			recording.enable("jdk.ThreadStart").withStackTrace();
			recording.enable("jdk.ThreadEnd");
			recording.onEvent("jdk.ThreadStart", this::started);
			recording.onEvent("jdk.ThreadEnd", this::ended);
			recording.startAsync();
			this.stream = recording;
			return true;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.info("Thread creation sites are off: JFR is not available here ({})", ex.toString());
			return false;
		}
	}

	public boolean isRunning() {
		return this.stream != null;
	}

	/**
	 * Where a live thread was started, if it was started while recording ran.
	 * @param threadId the thread's id
	 * @return its creation site
	 */
	public Optional<CreationSite> siteOf(long threadId) {
		return Optional.ofNullable(this.sites.get(threadId));
	}

	/**
	 * How many live threads have a recorded site.
	 * @return the count
	 */
	public int size() {
		return this.sites.size();
	}

	/**
	 * How many sites were not recorded because the bound was reached.
	 * @return the count
	 */
	public long dropped() {
		return this.dropped.get();
	}

	@Override
	public synchronized void close() {
		RecordingStream recording = this.stream;
		this.stream = null;
		if (recording != null) {
			recording.close();
		}
		this.sites.clear();
	}

	private void started(RecordedEvent event) {
		RecordedThread thread = event.getThread("thread");
		if (thread == null) {
			return;
		}
		if (this.sites.size() >= this.maxTracked) {
			this.dropped.incrementAndGet();
			if (this.overflowLogged.compareAndSet(false, true)) {
				logger.warn("More than {} live threads have a creation site; further sites are not recorded "
						+ "(threadleaks.creation-sites.max-tracked)", this.maxTracked);
			}
			return;
		}
		RecordedThread parent = event.getThread("parentThread");
		List<StackTraceElement> stack = new ArrayList<>();
		if (event.getStackTrace() != null) {
			for (RecordedFrame frame : event.getStackTrace().getFrames()) {
				if (stack.size() >= this.maxFrames) {
					break;
				}
				if (frame.isJavaFrame()) {
					stack.add(new StackTraceElement(frame.getMethod().getType().getName(), frame.getMethod().getName(),
							null, frame.getLineNumber()));
				}
			}
		}
		this.sites.put(thread.getJavaThreadId(),
				new CreationSite((parent != null) ? parent.getJavaName() : null, List.copyOf(stack)));
	}

	private void ended(RecordedEvent event) {
		RecordedThread thread = event.getThread("thread");
		if (thread != null) {
			this.sites.remove(thread.getJavaThreadId());
		}
	}

}
