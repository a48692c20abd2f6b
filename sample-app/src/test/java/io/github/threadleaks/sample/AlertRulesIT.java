package io.github.threadleaks.sample;

import java.nio.file.Path;

import io.github.threadleaks.junit.NoThreadLeaks;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped alert rules are valid, and each fires and stays silent on the right synthetic
 * series ({@code deploy/prometheus/threadleaks-alerts.test.yml}).
 */
@NoThreadLeaks
class AlertRulesIT {

	private static final Path RULES = Path.of("..", "deploy", "prometheus").toAbsolutePath().normalize();

	@Test
	void promtoolChecksTheRules() throws Exception {
		Tools.Result check = Tools.run(RULES, Tools.require("promtool"), "check", "rules", "threadleaks-alerts.yml");
		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS: 6 rules found");
	}

	@Test
	void promtoolUnitTestsPassForEveryAlert() throws Exception {
		Tools.Result test = Tools.run(RULES, Tools.require("promtool"), "test", "rules", "threadleaks-alerts.test.yml");
		assertThat(test.exitCode()).as(test.output()).isZero();
		assertThat(test.output()).contains("SUCCESS");
	}

}
