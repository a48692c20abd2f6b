package io.github.threadleaks;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine knows nothing of Spring or Micrometer: the JUnit leak check and any other host
 * use it without them. A core class that reaches for either fails here, even when the
 * dependency came in transitively and the code compiles.
 */
class EngineBoundaryTests {

	private static final JavaClasses ENGINE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("io.github.threadleaks");

	@Test
	void theEngineIsWhatThisModuleCompiled() {
		assertThat(ENGINE).as("core classes found on the classpath").hasSizeGreaterThan(50);
		assertThat(ENGINE.containPackage("io.github.threadleaks.detect")).isTrue();
		assertThat(ENGINE.containPackage("io.github.threadleaks.actuate")).as("the Spring layer is not core").isFalse();
	}

	@Test
	void noCoreClassDependsOnSpringOrMicrometer() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "io.micrometer..")
			.because("threadleaks-core is the engine on the JDK and SLF4J alone")
			.check(ENGINE);
	}

	@Test
	void everyEnginePackageIsNullMarked() {
		assertThat(ENGINE.stream().map((javaClass) -> javaClass.getPackageName()).distinct())
			.allSatisfy((name) -> assertThat(isNullMarked(name))
				.as("%s has a package-info.java marked @NullMarked", name)
				.isTrue());
	}

	private static boolean isNullMarked(String packageName) {
		try {
			return Class.forName(packageName + ".package-info").isAnnotationPresent(NullMarked.class);
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

}
