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
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

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
		TaskScope scope = (existing != null) ? existing : this.tracker.root().lazyChild(nameOf(request));
		request.setAttribute(SCOPE_ATTRIBUTE, scope);
		ServletResponse scoped = (existing == null && response instanceof HttpServletResponse http)
				? new CancelOnFailedWrite(http, scope) : response;
		try (TaskScope.Entered entered = scope.enter()) {
			chain.doFilter(request, scoped);
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

	/**
	 * Cancels the request's scope the moment a write to the client fails, before the
	 * exception reaches the code that wrote: so the work that wrote, and its siblings, end as
	 * cancelled, which is what a client that went away means.
	 */
	private static final class CancelOnFailedWrite extends HttpServletResponseWrapper {

		private final TaskScope scope;

		private ServletOutputStream stream;

		CancelOnFailedWrite(HttpServletResponse response, TaskScope scope) {
			super(response);
			this.scope = scope;
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new CancellingStream(super.getOutputStream(), this.scope);
			}
			return this.stream;
		}

		@Override
		public void flushBuffer() throws IOException {
			try {
				super.flushBuffer();
			}
			catch (IOException ex) {
				this.scope.cancel();
				throw ex;
			}
		}

	}

	private static final class CancellingStream extends ServletOutputStream {

		private final ServletOutputStream delegate;

		private final TaskScope scope;

		CancellingStream(ServletOutputStream delegate, TaskScope scope) {
			this.delegate = delegate;
			this.scope = scope;
		}

		@Override
		public void write(int b) throws IOException {
			try {
				this.delegate.write(b);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			try {
				this.delegate.write(bytes, offset, length);
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		@Override
		public void flush() throws IOException {
			try {
				this.delegate.flush();
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		@Override
		public void close() throws IOException {
			try {
				this.delegate.close();
			}
			catch (IOException ex) {
				throw failed(ex);
			}
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setWriteListener(WriteListener listener) {
			this.delegate.setWriteListener(listener);
		}

		private IOException failed(IOException ex) {
			this.scope.cancel();
			return ex;
		}

	}

}
