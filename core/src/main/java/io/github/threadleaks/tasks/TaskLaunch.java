package io.github.threadleaks.tasks;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A tracked task as its executor runs it: the handle and what to run in one object. The
 * pool's thread runs many tasks the submitting thread made, and every object it reads is
 * memory it fetches from the submitting core; one object instead of a handle and a
 * separate runnable is one fewer.
 * <p>
 * The work runs once: the executor's call runs it, and whoever else calls {@link #run()}
 * afterwards (holding the handle as a {@link Runnable}) runs nothing. What only the run
 * needs is dropped when it starts, so a handle kept after its work ended keeps neither the
 * work nor the submitter's MDC.
 *
 * @param <T> the result type
 */
final class TaskLaunch<T> extends TrackedTask<T> implements TaskTracker.TrackedRunnable {

	private final TaskTracker tracker;

	private final WorkKind kind;

	private final @Nullable String idText;

	private @Nullable Object work;

	private @Nullable Map<String, String> submitterMdc;

	TaskLaunch(TaskTracker tracker, long id, String name, TaskScope parent, @Nullable TaskScope scope,
			long submittedAtMillis, Object work, WorkKind kind, @Nullable Map<String, String> submitterMdc,
			@Nullable String idText) {
		super(id, name, parent, scope, submittedAtMillis);
		this.tracker = tracker;
		this.kind = kind;
		this.idText = idText;
		this.work = work;
		this.submitterMdc = submitterMdc;
	}

	@Override
	public void run() {
		Object what = this.work;
		if (what == null) {
			return;
		}
		this.tracker.run(this, what, this.kind, this.submitterMdc, this.idText);
	}

	/**
	 * Also lets go of what only the run needs. Written when the run starts, not when it is
	 * picked up: these are the pool thread's first writes into memory the submitting thread
	 * made, and by then its fences are behind it, so that line's trip overlaps the work.
	 */
	@Override
	void started(Thread thread, long atMillis) {
		this.work = null;
		this.submitterMdc = null;
		super.started(thread, atMillis);
	}

}
