# What the benchmark scripts share; sourced by them from the project's root, not run alone.

# Builds the modules into the local repository and writes the benchmarks module's
# dependency classpath to benchmarks/target/classpath.txt.
build_benchmarks() {
	./mvnw -B -q -ntp install -DskipTests
	./mvnw -B -q -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
}

# The classpath of the harnesses and JMH benchmarks, once build_benchmarks has run.
benchmarks_classpath() {
	echo "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
}

# The feature version of a java executable (17, 25, ...), as the results' folders name it.
java_version() {
	"$1" -version 2>&1 | head -n 1 | sed 's/.*version "\([0-9]*\).*/\1/'
}
