package io.github.threadleaks.junit;

import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Spring test support, registered in {@code META-INF/spring.factories} and so loaded only by
 * spring-test: every test context is followed from before its refresh, so that the threads it
 * owns are not blamed on a test ({@link SpringContextThreads}).
 * <p>
 * A context customizer sees the context load and restart themselves, where a test execution
 * listener would see only the test callbacks around them.
 */
public final class SpringContextThreadsCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return FollowContextThreads.INSTANCE;
	}

	/** One instance, equal to itself only: it never splits Spring's context cache. */
	private static final class FollowContextThreads implements ContextCustomizer {

		static final FollowContextThreads INSTANCE = new FollowContextThreads();

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
			SpringContextThreads.follow(context, mergedConfig.getTestClass());
		}

	}

}
