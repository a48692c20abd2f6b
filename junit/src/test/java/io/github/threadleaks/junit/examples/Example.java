package io.github.threadleaks.junit.examples;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An example test class: it runs only inside the real tests' EngineTestKit runs, never on its
 * own (an IDE or a {@code -Dtest} pattern would otherwise run leaking tests for real).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Example.OnlyInEngineTestKit.class)
public @interface Example {

	String PARAMETER = "threadleaks.examples";

	final class OnlyInEngineTestKit implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			return context.getConfigurationParameter(PARAMETER).isPresent()
					? ConditionEvaluationResult.enabled("run by a test")
					: ConditionEvaluationResult.disabled("an example, run only by the tests of threadleaks-junit");
		}

	}

}
