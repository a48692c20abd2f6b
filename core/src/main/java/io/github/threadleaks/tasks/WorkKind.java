package io.github.threadleaks.tasks;

import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The three shapes of work a tracked task runs, kept as given rather than wrapped in an
 * adapter (submitting then allocates nothing more than the launch), each knowing how to run
 * its shape.
 */
enum WorkKind {

	/** A {@link Runnable}: its result is {@code null}. */
	RUNNABLE {
		@Override
		<T> @Nullable T call(Object work, TrackedTask<?> task) {
			((Runnable) work).run();
			return null;
		}
	},

	/** A {@link Callable}. */
	CALLABLE {
		@Override
		@SuppressWarnings("unchecked")
		<T> @Nullable T call(Object work, TrackedTask<?> task) throws Exception {
			return ((Callable<T>) work).call();
		}
	},

	/** A function of the task's own scope, for work that passes its context on. */
	SCOPED {
		@Override
		@SuppressWarnings("unchecked")
		<T> @Nullable T call(Object work, TrackedTask<?> task) {
			return ((Function<TaskScope, T>) work).apply(task.scope());
		}
	};

	/**
	 * Runs the work on the calling thread.
	 * @param work the work, of this kind's shape (the tracker pairs them when it submits)
	 * @param task the task, whose scope a {@link #SCOPED} work receives
	 * @return its result
	 * @throws Exception what the work threw
	 */
	abstract <T> @Nullable T call(Object work, TrackedTask<?> task) throws Exception;

}
