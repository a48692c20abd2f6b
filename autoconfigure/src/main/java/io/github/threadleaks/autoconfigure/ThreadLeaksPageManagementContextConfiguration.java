package io.github.threadleaks.autoconfigure;

import io.github.threadleaks.actuate.ThreadLeaksEndpoint;
import jakarta.servlet.Filter;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The page's security headers, in whichever context serves the actuator: the application's
 * own, or the management server's when {@code management.server.port} differs (the README
 * recommends a separate management port).
 */
@ManagementContextConfiguration(value = ManagementContextType.ANY, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Filter.class)
@ConditionalOnBean(PathMappedEndpoints.class)
@ConditionalOnAvailableEndpoint(ThreadLeaksEndpoint.class)
final class ThreadLeaksPageManagementContextConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "threadLeaksPageHeadersFilter")
	PageHeadersFilter threadLeaksPageHeadersFilter(PathMappedEndpoints endpoints) {
		String path = endpoints.getPath(EndpointId.of("threadleaks"));
		return new PageHeadersFilter((path != null) ? path : "/actuator/threadleaks",
				ThreadLeaksEndpoint.PAGE_CONTENT_SECURITY_POLICY);
	}

}
