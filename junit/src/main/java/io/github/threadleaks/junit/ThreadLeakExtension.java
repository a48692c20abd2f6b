package io.github.threadleaks.junit;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit Jupiter extension behind {@link NoThreadLeaks}; registered in code, with options,
 * through {@link #builder()}:
 * <pre>{@code
 * @RegisterExtension
 * static ThreadLeakExtension noLeaks = ThreadLeakExtension.builder()
 *     .ignoreNames("netty-*")
 *     .ignoreTopFrames("com.example.Poller.awaitEvents")
 *     .build();
 * }</pre>
 * Before each test (or, per class, before all of them) it notes the live threads; after it, new
 * threads still alive and not ignored fail the test with an {@link AssertionError}.
 * <p>
 * Tests that run concurrently cannot be told apart by the threads they leave: under
 * parallel execution the per-test check refuses to run; use the end-of-run check.
 */
public final class ThreadLeakExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
		AfterEachCallback {

	private static final String BASELINE = "baseline";

	private final @Nullable Coded coded;

	/**
	 * The baseline of the test running on each thread. Its callbacks before and after run on
	 * the thread that runs the test, and checked tests never run concurrently, so a thread's
	 * own slot does what a JUnit store does for a fraction of its cost, which a trivial test
	 * would feel.
	 */
	private final ThreadLocal<LiveThreads.@Nullable Baseline> testBaseline = new ThreadLocal<>();

	/** The plan of the class whose tests ran last, with its context: a class's tests find it without a store lookup. */
	private volatile @Nullable PlanOfContext lastPlan;

	/**
	 * The extension as {@link NoThreadLeaks} registers it: its options come from the
	 * annotations.
	 */
	public ThreadLeakExtension() {
		this.coded = null;
	}

	private ThreadLeakExtension(Coded coded) {
		this.coded = coded;
	}

	/**
	 * Options in code, for {@code @RegisterExtension}: a per-class check needs a
	 * {@code static} field.
	 * @return a builder with the defaults of {@link NoThreadLeaks}
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		LeakFinder finder = planOf(context).classFinder;
		if (finder != null) {
			start(context, finder);
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		LeakFinder finder = planOf(context).classFinder;
		PlanOfContext last = this.lastPlan;
		if (last != null && last.context() == context) {
			// the class is done: its context is not kept past it
			this.lastPlan = null;
		}
		if (finder != null) {
			verify(context, finder, "the tests of " + PrintableText.of(context.getRequiredTestClass().getName()));
		}
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.coded != null && this.coded.perClass && !isNestedUnderClassCheck(context)) {
			throw new ExtensionConfigurationException("A per-class ThreadLeakExtension must be registered in a static "
					+ "field: JUnit registers an instance field after the class's tests have begun");
		}
		LeakFinder finder = testFinder(context);
		if (finder != null) {
			start(context, finder);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		LeakFinder finder = testFinder(context);
		if (finder != null) {
			verify(context, finder, "test " + testName(context));
		}
	}

	private void start(ExtensionContext context, LeakFinder finder) {
		if (planOf(classContextOf(context)).parallel && context.getExecutionMode() == ExecutionMode.CONCURRENT) {
			throw new ExtensionConfigurationException("Thread leaks cannot be told apart between tests that run "
					+ "concurrently: run this test in the same thread (@Execution(SAME_THREAD)), or turn parallel "
					+ "execution off and use " + ConfiguredOptions.END_OF_RUN_ENABLED + "=true for the whole run");
		}
		if (finder.options().recordsCreationSites()) {
			// before the baseline: the recording must see the test's threads start
			JvmCreationSites.started();
		}
		if (context.getTestMethod().isPresent()) {
			this.testBaseline.set(LiveThreads.baseline());
		}
		else {
			store(context).put(BASELINE, LiveThreads.baseline());
		}
	}

	private void verify(ExtensionContext context, LeakFinder finder, String subject) {
		LiveThreads.Baseline baseline;
		if (context.getTestMethod().isPresent()) {
			baseline = this.testBaseline.get();
			this.testBaseline.remove();
		}
		else {
			baseline = store(context).remove(BASELINE, LiveThreads.Baseline.class);
		}
		if (baseline == null) {
			return;
		}
		LeakFinder.Findings findings = finder.find(baseline);
		if (findings.hasLeaks()) {
			throw new AssertionError(LeakMessage.of(subject, findings.leaks(), findings.waited(),
					finder.options().maxFrames(),
					findings.creationSitesRecorded() ? null : "@NoThreadLeaks(creationSites = true)"));
		}
	}

	/** This test's own check, or {@code null} when only its class is checked (resolved once per method). */
	private @Nullable LeakFinder testFinder(ExtensionContext context) {
		Map<Method, Optional<LeakFinder>> finders = planOf(classContextOf(context)).testFinders;
		Method method = context.getRequiredTestMethod();
		Optional<LeakFinder> finder = finders.get(method);
		if (finder == null) {
			finder = Optional.ofNullable(testCheckOptions(context)).map(LeakFinder::new);
			finders.put(method, finder);
		}
		return finder.orElse(null);
	}

	/**
	 * What this extension checks in one execution of a class, resolved at its first use:
	 * annotations and configuration parameters do not change while a class runs, and reading
	 * them for every test would cost more than the check itself.
	 */
	private ClassPlan planOf(ExtensionContext classContext) {
		PlanOfContext last = this.lastPlan;
		if (last != null && last.context() == classContext) {
			return last.plan();
		}
		ClassPlan plan = storedPlanOf(classContext);
		this.lastPlan = new PlanOfContext(classContext, plan);
		return plan;
	}

	private ClassPlan storedPlanOf(ExtensionContext classContext) {
		Class<?> testClass = classContext.getRequiredTestClass();
		ExtensionContext.Store store = store(classContext);
		ClassPlan plan = store.get(testClass, ClassPlan.class);
		if (plan == null) {
			CheckOptions classOptions = classCheckOptions(classContext);
			plan = new ClassPlan((classOptions != null) ? new LeakFinder(classOptions) : null,
					ConfiguredOptions.isTrue(classContext::getConfigurationParameter,
							"junit.jupiter.execution.parallel.enabled"));
			store.put(testClass, plan);
		}
		return plan;
	}

	/** The context of the class a test belongs to: a repeated or parameterized test sits one level lower. */
	private static ExtensionContext classContextOf(ExtensionContext context) {
		ExtensionContext current = context;
		while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	/** The options of the per-class check of this class, or {@code null} when it has none. */
	private @Nullable CheckOptions classCheckOptions(ExtensionContext context) {
		if (this.coded != null) {
			return this.coded.perClass ? configured(context).plus(this.coded.options) : null;
		}
		Optional<NoThreadLeaks> annotation = AnnotationSupport.findAnnotation(context.getRequiredTestClass(),
				NoThreadLeaks.class);
		if (annotation.isEmpty() || annotation.get().per() != NoThreadLeaks.Per.CLASS) {
			return null;
		}
		return configured(context).plus(optionsOf(annotation.get()));
	}

	/** The options of this test's own check, or {@code null} when only its class is checked. */
	private @Nullable CheckOptions testCheckOptions(ExtensionContext context) {
		if (this.coded != null) {
			return this.coded.perClass ? null : configured(context).plus(this.coded.options);
		}
		Method method = context.getRequiredTestMethod();
		Optional<NoThreadLeaks> onMethod = AnnotationSupport.findAnnotation(method, NoThreadLeaks.class);
		List<NoThreadLeaks> onClasses = classAnnotations(context.getRequiredTestClass());
		if (onMethod.isPresent() && onMethod.get().per() == NoThreadLeaks.Per.CLASS) {
			throw new ExtensionConfigurationException("@NoThreadLeaks(per = CLASS) belongs on a class, not on method "
					+ method.getName() + "()");
		}
		if (onMethod.isEmpty() && (onClasses.isEmpty() || onClasses.get(0).per() == NoThreadLeaks.Per.CLASS)) {
			return null;
		}
		CheckOptions options = configured(context);
		for (int i = onClasses.size() - 1; i >= 0; i--) {
			options = options.plus(optionsOf(onClasses.get(i)));
		}
		return onMethod.isPresent() ? options.plus(optionsOf(onMethod.get())) : options;
	}

	/** The annotations of a test class and the classes enclosing it, nearest first. */
	private static List<NoThreadLeaks> classAnnotations(Class<?> testClass) {
		List<NoThreadLeaks> annotations = new ArrayList<>(2);
		for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
			AnnotationSupport.findAnnotation(type, NoThreadLeaks.class).ifPresent(annotations::add);
		}
		return annotations;
	}

	private boolean isNestedUnderClassCheck(ExtensionContext context) {
		for (ExtensionContext parent = context.getParent().orElse(null); parent != null;
				parent = parent.getParent().orElse(null)) {
			if (store(parent).get(BASELINE) != null) {
				return true;
			}
		}
		return false;
	}

	private static CheckOptions configured(ExtensionContext context) {
		return ConfiguredOptions.read(context::getConfigurationParameter);
	}

	private static CheckOptions optionsOf(NoThreadLeaks annotation) {
		if (annotation.maxWaitMillis() < 0) {
			throw new ExtensionConfigurationException(
					"@NoThreadLeaks(maxWaitMillis) must be at least 0, was " + annotation.maxWaitMillis());
		}
		if (annotation.maxFrames() < 1) {
			throw new ExtensionConfigurationException(
					"@NoThreadLeaks(maxFrames) must be at least 1, was " + annotation.maxFrames());
		}
		return new CheckOptions(List.of(annotation.ignoreNames()), List.of(annotation.ignoreTopFrames()),
				List.of(annotation.ignoreAnyFrames()), List.of(annotation.ignoreCreatedBy()), annotation.creationSites(),
				Duration.ofMillis(annotation.maxWaitMillis()), annotation.maxFrames());
	}

	private ExtensionContext.Store store(ExtensionContext context) {
		return context.getStore(ExtensionContext.Namespace.create(ThreadLeakExtension.class, this));
	}

	private static String testName(ExtensionContext context) {
		Method method = context.getRequiredTestMethod();
		String name = context.getRequiredTestClass().getSimpleName() + "." + method.getName() + "()";
		String displayName = context.getDisplayName();
		if (!displayName.equals(method.getName() + "()")) {
			name += " [" + displayName + "]";
		}
		return PrintableText.of(name);
	}

	private record Coded(CheckOptions options, boolean perClass) {
	}

	private record PlanOfContext(ExtensionContext context, ClassPlan plan) {
	}

	private static final class ClassPlan {

		private final @Nullable LeakFinder classFinder;

		private final boolean parallel;

		private final Map<Method, Optional<LeakFinder>> testFinders = new ConcurrentHashMap<>();

		ClassPlan(@Nullable LeakFinder classFinder, boolean parallel) {
			this.classFinder = classFinder;
			this.parallel = parallel;
		}

	}

	/** Options in code; each ignore method adds to what was given before. */
	public static final class Builder {

		private final List<String> ignoredNames = new ArrayList<>();

		private final List<String> ignoredTopFrames = new ArrayList<>();

		private final List<String> ignoredAnyFrames = new ArrayList<>();

		private final List<String> ignoredCreators = new ArrayList<>();

		private boolean creationSites;

		private Duration maxWait = CheckOptions.DEFAULT_MAX_WAIT;

		private int maxFrames = CheckOptions.DEFAULT_MAX_FRAMES;

		private boolean perClass;

		private Builder() {
		}

		/** @see NoThreadLeaks#ignoreNames() */
		public Builder ignoreNames(String... globs) {
			this.ignoredNames.addAll(Arrays.asList(globs));
			return this;
		}

		/** @see NoThreadLeaks#ignoreTopFrames() */
		public Builder ignoreTopFrames(String... globs) {
			this.ignoredTopFrames.addAll(Arrays.asList(globs));
			return this;
		}

		/** @see NoThreadLeaks#ignoreAnyFrames() */
		public Builder ignoreAnyFrames(String... globs) {
			this.ignoredAnyFrames.addAll(Arrays.asList(globs));
			return this;
		}

		/** @see NoThreadLeaks#ignoreCreatedBy() */
		public Builder ignoreCreatedBy(String... globs) {
			this.ignoredCreators.addAll(Arrays.asList(globs));
			return this;
		}

		/** @see NoThreadLeaks#creationSites() */
		public Builder creationSites(boolean record) {
			this.creationSites = record;
			return this;
		}

		/** @see NoThreadLeaks#maxWaitMillis() */
		public Builder maxWait(Duration maxWait) {
			if (maxWait.isNegative()) {
				throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
			}
			this.maxWait = maxWait;
			return this;
		}

		/** @see NoThreadLeaks#maxFrames() */
		public Builder maxFrames(int maxFrames) {
			if (maxFrames < 1) {
				throw new IllegalArgumentException("maxFrames must be at least 1, was " + maxFrames);
			}
			this.maxFrames = maxFrames;
			return this;
		}

		/**
		 * Checks the class once, after all its tests, instead of each test.
		 * @see NoThreadLeaks.Per#CLASS
		 */
		public Builder perClass() {
			this.perClass = true;
			return this;
		}

		public ThreadLeakExtension build() {
			return new ThreadLeakExtension(new Coded(new CheckOptions(this.ignoredNames, this.ignoredTopFrames,
					this.ignoredAnyFrames, this.ignoredCreators, this.creationSites, this.maxWait, this.maxFrames),
					this.perClass));
		}

	}

}
