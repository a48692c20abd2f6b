package io.github.threadleaks.autoconfigure;

import java.io.IOException;

import io.github.threadleaks.tasks.TaskScope;
import io.github.threadleaks.tasks.TaskTracker;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Gives every Spring MVC request a {@link TaskScope}, so work started while handling it is
 * its child. The Servlet API never announces a client that went away; the container notices
 * when a write fails or an async request times out or errors. So async and streaming
 * responses ({@code DeferredResult}, {@code Callable}, {@code SseEmitter},
 * {@code ResponseBodyEmitter}) cancel their children on timeout, error or failed write;
 * synchronous requests leave their children running unless
 * {@code threadleaks.tasks.cancel-on-request-end} is set.
 */
class RequestScopeFilter implements Filter {

	private static final String SCOPE_ATTRIBUTE = RequestScopeFilter.class.getName() + ".scope";

	private static final int MAX_NAME_LENGTH = 120;

	private final TaskTracker tracker;

	private final boolean cancelOnRequestEnd;

	RequestScopeFilter(TaskTracker tracker, boolean cancelOnRequestEnd) {
		this.tracker = tracker;
		this.cancelOnRequestEnd = cancelOnRequestEnd;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		TaskScope existing = (TaskScope) request.getAttribute(SCOPE_ATTRIBUTE);
		TaskScope scope = (existing != null) ? existing : this.tracker.root().child(nameOf(request));
		request.setAttribute(SCOPE_ATTRIBUTE, scope);
		try (TaskScope.Entered entered = scope.enter()) {
			chain.doFilter(request, response);
		}
		finally {
			if (request.isAsyncStarted()) {
				if (existing == null) {
					request.getAsyncContext().addListener(new CancelOnFailure(scope));
				}
			}
			else if (existing == null) {
				endOfRequest(scope);
			}
			// a request handled by the scope's thread may have been interrupted by its cancellation
			if (scope.isCancelled()) {
				Thread.interrupted();
			}
		}
	}

	private void endOfRequest(TaskScope scope) {
		if (this.cancelOnRequestEnd) {
			scope.cancel();
		}
		scope.close();
	}

	private static String nameOf(ServletRequest request) {
		if (request instanceof HttpServletRequest http) {
			String name = http.getMethod() + " " + http.getRequestURI();
			return (name.length() > MAX_NAME_LENGTH) ? name.substring(0, MAX_NAME_LENGTH) + "..." : name;
		}
		return "request";
	}

	private static final class CancelOnFailure implements AsyncListener {

		private final TaskScope scope;

		CancelOnFailure(TaskScope scope) {
			this.scope = scope;
		}

		@Override
		public void onComplete(AsyncEvent event) {
			this.scope.close();
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			this.scope.cancel();
		}

		@Override
		public void onError(AsyncEvent event) {
			this.scope.cancel();
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
