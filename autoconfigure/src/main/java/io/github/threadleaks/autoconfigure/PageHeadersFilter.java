package io.github.threadleaks.autoconfigure;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Puts the page's security headers on every response of the {@code threadleaks} endpoint:
 * a {@code Content-Security-Policy} that allows nothing but the page's own inline style
 * (by its hash; the page has no script) and may not be framed, and
 * {@code X-Content-Type-Options: nosniff}. An endpoint operation cannot set headers, so a
 * filter does; on JSON and text responses the same headers do no harm.
 */
final class PageHeadersFilter implements Filter {

	private final String endpointPath;

	private final String contentSecurityPolicy;

	/**
	 * @param endpointPath the endpoint's path under the management context, such as
	 * {@code /actuator/threadleaks}
	 * @param contentSecurityPolicy the policy to send
	 */
	PageHeadersFilter(String endpointPath, String contentSecurityPolicy) {
		this.endpointPath = endpointPath;
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer
				&& isEndpoint(http)) {
			answer.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
			answer.setHeader("X-Content-Type-Options", "nosniff");
		}
		chain.doFilter(request, response);
	}

	private boolean isEndpoint(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		int at = path.indexOf(this.endpointPath);
		if (at < 0) {
			return false;
		}
		int end = at + this.endpointPath.length();
		return end == path.length() || path.charAt(end) == '/';
	}

}
