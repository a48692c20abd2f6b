package io.github.threadleaks.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

import io.github.threadleaks.creation.CreationSites;
import io.github.threadleaks.detect.LeakMonitor;
import io.github.threadleaks.diff.SnapshotDiff;
import io.github.threadleaks.diff.SnapshotStore;
import io.github.threadleaks.diff.StoredSnapshot;
import io.github.threadleaks.proof.LeakProof;
import io.github.threadleaks.snapshot.SafeText;
import io.github.threadleaks.snapshot.Sampler;
import io.github.threadleaks.snapshot.ThreadGroupSummary;
import io.github.threadleaks.snapshot.ThreadGroups;
import io.github.threadleaks.snapshot.ThreadSnapshot;
import io.github.threadleaks.tasks.TaskCounts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * {@link Endpoint @Endpoint} that shows the JVM's threads grouped by pool, state and top
 * frames, stores snapshots and diffs them against the present.
 * <ul>
 * <li>{@code GET /actuator/threadleaks}: the report (JSON, {@code text/plain}, a page for a
 * browser ({@code text/html}), or {@code ?format=folded} for flame graphs)</li>
 * <li>{@code POST /actuator/threadleaks} with an optional {@code {"name": "..."}}: store a
 * snapshot</li>
 * <li>{@code GET /actuator/threadleaks/{id}}: the diff from that snapshot to now</li>
 * <li>{@code DELETE /actuator/threadleaks/{id}}: forget that snapshot</li>
 * </ul>
 * Threads are dumped at most once per {@code min-dump-interval}: a client that hammers the
 * report gets the last dump again instead of a safepoint pause per request, and a snapshot or
 * a diff, which must show the threads as they are when it is asked for, waits for the next.
 */
@Endpoint(id = "threadleaks")
public class ThreadLeaksEndpoint {

	/**
	 * The {@code Content-Security-Policy} of the endpoint's page: nothing from anywhere but
	 * its own inline style. A filter sends it, since an operation cannot set headers.
	 */
	public static final String PAGE_CONTENT_SECURITY_POLICY = HtmlPageFormatter.CONTENT_SECURITY_POLICY;

	private final Sampler sampler;

	private final SnapshotStore store;

	private final ThreadGroups grouping;

	private final Settings settings;

	private final @Nullable LeakMonitor monitor;

	private final ThreadLeaksReportAssembler assembler;

	private final PlainTextFormatter text = new PlainTextFormatter();

	private final FoldedStacksFormatter folded = new FoldedStacksFormatter();

	private final HtmlPageFormatter page = new HtmlPageFormatter();

	/** Taken while dumping: one dump at a time, and requests that need a fresh one queue for the next. */
	private final Object dumping = new Object();

	private volatile @Nullable Dump lastDump;

	/**
	 * @param sampler takes the dumps
	 * @param store keeps snapshots for diffing
	 * @param grouping groups threads
	 * @param monitor publishes the leak detection results, or {@code null} for none
	 * @param taskCounts counts of tracked work, or {@code null} for none
	 * @param creationSites who started threads, or {@code null} when not recorded
	 * @param settings the endpoint's bounds
	 */
	public ThreadLeaksEndpoint(Sampler sampler, SnapshotStore store, ThreadGroups grouping,
			@Nullable LeakMonitor monitor, @Nullable TaskCounts taskCounts, @Nullable CreationSites creationSites,
			Settings settings) {
		this(sampler, store, grouping, monitor, taskCounts, creationSites, Optional::empty, settings);
	}

	/**
	 * @param sampler takes the dumps
	 * @param store keeps snapshots for diffing
	 * @param grouping groups threads
	 * @param monitor publishes the leak detection results, or {@code null} for none
	 * @param taskCounts counts of tracked work, or {@code null} for none
	 * @param creationSites who started threads, or {@code null} when not recorded
	 * @param proofs the latest heap proof ({@code leakproof}), whose verdicts suspects carry
	 * @param settings the endpoint's bounds
	 */
	public ThreadLeaksEndpoint(Sampler sampler, SnapshotStore store, ThreadGroups grouping,
			@Nullable LeakMonitor monitor, @Nullable TaskCounts taskCounts, @Nullable CreationSites creationSites,
			Supplier<Optional<LeakProof>> proofs, Settings settings) {
		this.sampler = sampler;
		this.store = store;
		this.grouping = grouping;
		this.monitor = monitor;
		this.settings = settings;
		this.assembler = new ThreadLeaksReportAssembler(store, grouping, taskCounts, creationSites,
				settings.maxGroups(), proofs);
	}

	@ReadOperation
	public WebEndpointResponse<Object> report(@Nullable String format) {
		return report(format, ReportFormat.JSON);
	}

	/**
	 * The report as text. It also names {@code text/*} among what it produces: of two
	 * operations that an {@code Accept: text/*} matches only by range, Spring would pick the
	 * one whose type sorts first ({@code text/html}); one that names the range itself wins,
	 * so {@code text/*} stays text while {@code text/html} still gets the page.
	 * @param format {@code ?format=}, which wins over the header
	 * @return the report
	 */
	@ReadOperation(produces = { "text/plain;charset=UTF-8", "text/*" })
	public WebEndpointResponse<Object> textReport(@Nullable String format) {
		return report(format, ReportFormat.TEXT);
	}

	/**
	 * The report as a page, for a request whose {@code Accept} header prefers
	 * {@code text/html}, as every browser's does.
	 * @param format {@code ?format=}, which wins over the header
	 * @return the page
	 */
	@ReadOperation(produces = "text/html;charset=UTF-8")
	public WebEndpointResponse<Object> htmlReport(@Nullable String format) {
		return report(format, ReportFormat.HTML);
	}

	@WriteOperation
	public WebEndpointResponse<Object> takeSnapshot(@Nullable String name) {
		long arrived = System.nanoTime();
		String problem = problemWithName(name);
		if (problem != null) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", problem, ReportFormat.JSON,
					ReportFormat.JSON);
		}
		String snapshotName = (name != null && !name.isBlank()) ? name.strip() : null;
		StoredSnapshot stored = this.store.add(snapshotName, dumpStartedAfter(arrived).snapshot());
		ThreadSnapshot snapshot = stored.snapshot();
		return new WebEndpointResponse<>(
				new SnapshotCreated(stored.id(), stored.name(), snapshot.takenAt(), snapshot.threads().size()),
				WebEndpointResponse.STATUS_OK);
	}

	@ReadOperation
	public WebEndpointResponse<Object> diff(@Selector String id, @Nullable String format) {
		return diff(id, format, ReportFormat.JSON);
	}

	@ReadOperation(produces = { "text/plain;charset=UTF-8", "text/*" })
	public WebEndpointResponse<Object> textDiff(@Selector String id, @Nullable String format) {
		return diff(id, format, ReportFormat.TEXT);
	}

	@ReadOperation(produces = "text/html;charset=UTF-8")
	public WebEndpointResponse<Object> htmlDiff(@Selector String id, @Nullable String format) {
		return diff(id, format, ReportFormat.HTML);
	}

	@DeleteOperation
	public WebEndpointResponse<Object> deleteSnapshot(@Selector String id) {
		if (!this.store.remove(id)) {
			return unknownSnapshot(id, ReportFormat.JSON, ReportFormat.JSON);
		}
		return new WebEndpointResponse<>(new EndpointMessage(WebEndpointResponse.STATUS_OK, "OK",
				"Snapshot '" + id + "' deleted"), WebEndpointResponse.STATUS_OK);
	}

	private WebEndpointResponse<Object> report(@Nullable String requested, ReportFormat negotiated) {
		ReportFormat format;
		try {
			format = ReportFormat.of(requested, negotiated);
		}
		catch (IllegalArgumentException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getMessage(), negotiated, negotiated);
		}
		Dump dump = recentDump();
		Object body = switch (format) {
			case FOLDED -> this.folded.formatGroups(dump.groups());
			case TEXT -> this.text.format(toReport(dump));
			case HTML -> this.page.format(toReport(dump));
			case JSON -> toReport(dump);
		};
		return respond(body, WebEndpointResponse.STATUS_OK, format, negotiated);
	}

	private WebEndpointResponse<Object> diff(String id, @Nullable String requested, ReportFormat negotiated) {
		long arrived = System.nanoTime();
		ReportFormat format;
		try {
			format = ReportFormat.of(requested, negotiated);
		}
		catch (IllegalArgumentException ex) {
			return error(WebEndpointResponse.STATUS_BAD_REQUEST, "Bad Request", ex.getMessage(), negotiated, negotiated);
		}
		StoredSnapshot from = this.store.get(id).orElse(null);
		if (from == null) {
			return unknownSnapshot(id, format, negotiated);
		}
		SnapshotDiff diff = SnapshotDiff.between(from, dumpStartedAfter(arrived).snapshot(), this.grouping,
				this.settings.maxDiffThreads());
		Object body = switch (format) {
			case FOLDED -> this.folded.formatGrowth(diff.groups());
			case TEXT -> this.text.format(this.assembler.diff(diff));
			case HTML -> this.page.format(this.assembler.diff(diff));
			case JSON -> this.assembler.diff(diff);
		};
		return respond(body, WebEndpointResponse.STATUS_OK, format, negotiated);
	}

	/**
	 * A dump no older than {@code min-dump-interval}: a report may show what another request
	 * dumped a moment ago, so that a client hammering the endpoint does not pause the JVM per
	 * request.
	 */
	private Dump recentDump() {
		synchronized (this.dumping) {
			Dump last = this.lastDump;
			if (last != null && System.nanoTime() - last.startedNanos() < this.settings.minDumpInterval().toNanos()) {
				return last;
			}
			return dumpNow();
		}
	}

	/**
	 * A dump started after the request arrived: a snapshot stores, and a diff compares
	 * against, the threads as they are now, never a dump cached from before. Requests that
	 * arrive together share one such dump, and a new one starts no sooner than
	 * {@code min-dump-interval} after the last, so hammering still costs one dump per
	 * interval: a request that comes sooner waits for the rest of it.
	 */
	private Dump dumpStartedAfter(long arrivedNanos) {
		synchronized (this.dumping) {
			Dump last = this.lastDump;
			if (last != null && last.startedNanos() - arrivedNanos >= 0) {
				return last;
			}
			if (last != null) {
				long wait = last.startedNanos() + this.settings.minDumpInterval().toNanos() - System.nanoTime();
				if (wait > 0) {
					try {
						TimeUnit.NANOSECONDS.sleep(wait);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
			return dumpNow();
		}
	}

	private Dump dumpNow() {
		long started = System.nanoTime();
		ThreadSnapshot snapshot = this.sampler.take();
		Dump dump = new Dump(snapshot, this.grouping.group(snapshot), started);
		this.lastDump = dump;
		return dump;
	}

	private ThreadLeaksReport toReport(Dump dump) {
		LeakMonitor detection = this.monitor;
		if (detection == null) {
			return this.assembler.report(dump.snapshot(), dump.groups(), null, false);
		}
		return this.assembler.report(dump.snapshot(), dump.groups(), detection.latest(),
				detection.samplesVirtualThreads(), detection::trend);
	}

	private @Nullable String problemWithName(@Nullable String name) {
		if (name == null) {
			return null;
		}
		if (name.length() > this.settings.maxNameLength()) {
			return "Snapshot name is " + name.length() + " characters long; at most "
					+ this.settings.maxNameLength() + " are allowed";
		}
		int unsafe = SafeText.firstUnsafe(name);
		if (unsafe >= 0) {
			return "Snapshot name must not contain control characters, line or paragraph separators, bidi controls "
					+ "or lone surrogates; found " + SafeText.describe(name, unsafe) + " at position " + unsafe;
		}
		return null;
	}

	private WebEndpointResponse<Object> unknownSnapshot(String id, ReportFormat format, ReportFormat negotiated) {
		List<String> ids = this.store.list().stream().map(StoredSnapshot::id).toList();
		String message = "No snapshot with id '" + id + "'"
				+ (ids.isEmpty() ? "; none is stored (POST to this endpoint to take one)"
						: "; stored snapshots: " + String.join(", ", ids));
		return error(WebEndpointResponse.STATUS_NOT_FOUND, "Not Found", message, format, negotiated);
	}

	private static WebEndpointResponse<Object> error(int status, String error, String message, ReportFormat format,
			ReportFormat negotiated) {
		Object body = switch (format) {
			case JSON -> new EndpointMessage(status, error, message);
			case HTML -> HtmlPageFormatter.error(status, error, message);
			case TEXT, FOLDED -> message + "\n";
		};
		return respond(body, status, format, negotiated);
	}

	/**
	 * Leaves the content type to content negotiation where the body is what the operation
	 * produces, and sets it where {@code ?format=} asked for another kind of body.
	 */
	private static WebEndpointResponse<Object> respond(Object body, int status, ReportFormat format,
			ReportFormat negotiated) {
		if (format.contentType().equals(negotiated.contentType())) {
			return new WebEndpointResponse<>(body, status);
		}
		return new WebEndpointResponse<>(body, status, format.contentType());
	}

	private record Dump(ThreadSnapshot snapshot, List<ThreadGroupSummary> groups, long startedNanos) {

	}

	/**
	 * The endpoint's bounds.
	 *
	 * @param maxGroups how many groups a report or a diff lists
	 * @param minDumpInterval the least time between two thread dumps
	 * @param maxDiffThreads how many appeared and ended threads a diff lists
	 * @param maxNameLength the longest snapshot name accepted
	 */
	public record Settings(int maxGroups, Duration minDumpInterval, int maxDiffThreads, int maxNameLength) {

	}

}
