package io.github.threadleaks.junit;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.threadleaks.creation.CreationSite;
import org.jspecify.annotations.Nullable;
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
 * test). Where creation sites are recorded, a thread started from the code of one of its
 * application beans is its too.
 * <p>
 * A before/after diff alone cannot tell these from a test's leaks: a worker an executor bean
 * starts lazily during a test is new to that test, and a context loaded by the first test of a
 * class is new to a per-class check.
 */
final class SpringContextThreads implements ThreadOwners.Owner, ApplicationListener<ApplicationEvent> {

	/** Boot's last startup event, after the runners: named, since spring-boot may be absent. */
	private static final String BOOT_READY_EVENT = "org.springframework.boot.context.event.ApplicationReadyEvent";

	private final ConfigurableApplicationContext context;

	private final Set<Long> ids = ConcurrentHashMap.newKeySet();

	private final Set<String> names = ConcurrentHashMap.newKeySet();

	/** Name prefixes followed by a counter: {@code http-nio-8080-exec-}, {@code task-}. */
	private final Set<String> numberedPrefixes = ConcurrentHashMap.newKeySet();

	private final Set<String> beanClasses = ConcurrentHashMap.newKeySet();

	private volatile LiveThreads.Baseline mark;

	private volatile boolean loaded;

	SpringContextThreads(ConfigurableApplicationContext context) {
		this.context = context;
		this.mark = LiveThreads.baseline();
	}

	/**
	 * Follows a context from before its refresh to its close.
	 * @param context the context, not yet refreshed
	 */
	static void follow(ConfigurableApplicationContext context) {
		SpringContextThreads threads = new SpringContextThreads(context);
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
			if (this.beanClasses.contains(frame.getClassName())) {
				return true;
			}
		}
		return false;
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
		for (String name : this.context.getBeanFactory().getBeanDefinitionNames()) {
			Class<?> type = this.context.getBeanFactory().getType(name, false);
			if (type != null) {
				String className = ClassUtils.getUserClass(type).getName();
				if (!className.startsWith("org.springframework.") && !className.startsWith("java.")) {
					this.beanClasses.add(className);
				}
			}
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
