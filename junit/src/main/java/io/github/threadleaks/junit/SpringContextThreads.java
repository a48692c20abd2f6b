package io.github.threadleaks.junit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadleaks.creation.CreationSite;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.ContextRestartedEvent;
import org.springframework.context.event.ContextStartedEvent;
import org.springframework.util.ClassUtils;
import org.springframework.util.CustomizableThreadCreator;

/**
 * The threads one Spring test context owns, learned as it runs: the threads started while it
 * loads (its web server's, its schedulers', whatever its beans start), the threads that come
 * back when the test framework restarts a paused cached context, and, by name, the workers
 * its executors and schedulers start later on demand (the first {@code @Async} call of a
 * test). Where creation sites are recorded, so is a thread a library's bean starts on first use
 * (a client's event loop, a starter's scheduler): walking the stack that started it from
 * {@code Thread.start()} down, the first code outside the JDK and Spring is in the package of
 * one of its beans, and not in the application's packages (the test's package, and Boot's
 * auto-configuration packages). A thread the application's own code starts stays the test's,
 * even while serving a request.
 * <p>
 * A before/after diff alone cannot tell these from a test's leaks: a worker an executor bean
 * starts lazily during a test is new to that test, and a context loaded by the first test of a
 * class is new to a per-class check.
 */
final class SpringContextThreads implements ThreadOwners.Owner, ApplicationListener<ApplicationEvent> {

	/** Boot's last startup event, after the runners: named, since spring-boot may be absent. */
	private static final String BOOT_READY_EVENT = "org.springframework.boot.context.event.ApplicationReadyEvent";

	private static final String BOOT_AUTO_CONFIGURATION_PACKAGES = "org.springframework.boot.autoconfigure.AutoConfigurationPackages";

	private final ConfigurableApplicationContext context;

	private final Set<Long> ids = ConcurrentHashMap.newKeySet();

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	/** Name prefixes followed by a counter: {@code http-nio-8080-exec-}, {@code task-}. */
	private final Set<String> numberedPrefixes = ConcurrentHashMap.newKeySet();

	/** Packages of the context's beans that are not the application's: libraries, starters. */
	private final Set<String> libraryBeanPackages = ConcurrentHashMap.newKeySet();

	private final Set<String> applicationPackages = ConcurrentHashMap.newKeySet();

	private volatile LiveThreads.Baseline mark;

	private volatile boolean loaded;

	SpringContextThreads(ConfigurableApplicationContext context, Class<?> testClass) {
		this.context = context;
		this.mark = LiveThreads.baseline();
		this.applicationPackages.add(testClass.getPackageName());
	}

	/**
	 * Follows a context from before its refresh to its close.
	 * @param context the context, not yet refreshed
	 * @param testClass the test class it is loaded for
	 */
	static void follow(ConfigurableApplicationContext context, Class<?> testClass) {
		SpringContextThreads threads = new SpringContextThreads(context, testClass);
		context.addApplicationListener(threads);
		context.getBeanFactory().registerSingleton(RestartMark.BEAN_NAME, new RestartMark(threads));
		ThreadOwners.add(threads);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event.getSource() != this.context) {
			// a child context's events reach its parent's listeners too
			return;
		}
		if (event instanceof ContextRefreshedEvent || event instanceof ContextRestartedEvent
				|| event instanceof ContextStartedEvent
				|| event.getClass().getName().equals(BOOT_READY_EVENT)) {
			learnThreadsStartedSinceMark();
			learnBeans();
			this.loaded = true;
		}
		else if (event instanceof ContextClosedEvent) {
			ThreadOwners.remove(this);
		}
	}

	@Override
	public boolean owns(Thread thread, @Nullable CreationSite creationSite) {
		String name = thread.getName();
		if (this.ids.contains(LiveThreads.idOf(thread)) || this.names.contains(name)) {
			return true;
		}
		for (String prefix : this.numberedPrefixes) {
			if (name.length() > prefix.length() && name.startsWith(prefix) && isDigits(name, prefix.length())) {
				return true;
			}
		}
		return creationSite != null && startedByBeanCode(creationSite);
	}

	private boolean startedByBeanCode(CreationSite creationSite) {
		for (StackTraceElement frame : creationSite.stack()) {
			String className = frame.getClassName();
			if (isJdkOrSpring(className)) {
				continue;
			}
			String packageName = packageOf(className);
			if (isApplicationPackage(packageName)) {
				return false;
			}
			if (this.libraryBeanPackages.contains(packageName)) {
				return true;
			}
		}
		return false;
	}

	private boolean isApplicationPackage(String packageName) {
		for (String application : this.applicationPackages) {
			if (packageName.equals(application) || packageName.startsWith(application + ".")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isJdkOrSpring(String className) {
		return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
				|| className.startsWith("javax.") || className.startsWith("com.sun.")
				|| className.startsWith("org.springframework.");
	}

	private static String packageOf(String className) {
		int lastDot = className.lastIndexOf('.');
		return (lastDot > 0) ? className.substring(0, lastDot) : "";
	}

	private void learnThreadsStartedSinceMark() {
		LiveThreads.Baseline since = this.mark;
		for (Thread thread : LiveThreads.list()) {
			if (!since.contains(thread) && !JdkThreads.ownsByName(thread)) {
				this.ids.add(LiveThreads.idOf(thread));
				this.names.add(thread.getName());
				String prefix = numberedPrefix(thread.getName());
				if (prefix != null) {
					this.numberedPrefixes.add(prefix);
				}
			}
		}
	}

	/**
	 * The thread-name prefixes of its executors and schedulers, whose workers start on demand,
	 * and the classes of its application beans, for creation sites.
	 */
	private void learnBeans() {
		for (CustomizableThreadCreator creator : this.context.getBeanFactory()
			.getBeansOfType(CustomizableThreadCreator.class, false, false)
			.values()) {
			if (!creator.getThreadNamePrefix().isEmpty()) {
				this.numberedPrefixes.add(creator.getThreadNamePrefix());
			}
		}
		this.applicationPackages.addAll(bootAutoConfigurationPackages());
		for (String name : this.context.getBeanFactory().getBeanDefinitionNames()) {
			Class<?> type = this.context.getBeanFactory().getType(name, false);
			if (type != null) {
				String className = ClassUtils.getUserClass(type).getName();
				if (!isJdkOrSpring(className) && !isApplicationPackage(packageOf(className))) {
					this.libraryBeanPackages.add(packageOf(className));
				}
			}
		}
	}

	/** The packages {@code @SpringBootApplication} names, where Spring Boot is present. */
	@SuppressWarnings("unchecked")
	private List<String> bootAutoConfigurationPackages() {
		try {
			Class<?> packages = ClassUtils.forName(BOOT_AUTO_CONFIGURATION_PACKAGES, this.context.getClassLoader());
			Method has = packages.getMethod("has", BeanFactory.class);
			if (!(boolean) has.invoke(null, this.context.getBeanFactory())) {
				return List.of();
			}
			return (List<String>) packages.getMethod("get", BeanFactory.class).invoke(null, this.context.getBeanFactory());
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			// no Spring Boot, or one without these packages: the test's package alone is the application's
			return List.of();
		}
	}

	/** Before a paused context's lifecycle beans start again. */
	private void markBeforeRestart() {
		if (this.loaded) {
			this.mark = LiveThreads.baseline();
		}
	}

	/** The name up to a trailing counter, or {@code null} when it has none or nothing before it. */
	static @Nullable String numberedPrefix(String name) {
		int end = name.length();
		while (end > 0 && Character.isDigit(name.charAt(end - 1))) {
			end--;
		}
		if (end == name.length() || end == 0) {
			return null;
		}
		return name.substring(0, end);
	}

	private static boolean isDigits(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			if (!Character.isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Starts first when a paused context restarts (phase {@link Integer#MIN_VALUE}), so that the
	 * threads its other lifecycle beans start again are learned as the context's.
	 */
	static final class RestartMark implements SmartLifecycle {

		static final String BEAN_NAME = "io.github.threadleaks.junit.restartMark";

		private final SpringContextThreads threads;

		private volatile boolean running;

		RestartMark(SpringContextThreads threads) {
			this.threads = threads;
		}

		@Override
		public void start() {
			this.threads.markBeforeRestart();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return Integer.MIN_VALUE;
		}

	}

}
