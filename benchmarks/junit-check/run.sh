#!/usr/bin/env bash
# The cost of @NoThreadLeaks: 1,000 trivial tests with the check against the same without it.
#   bash benchmarks/junit-check/run.sh [rounds]
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash benchmarks/junit-check/run.sh
# Builds threadleaks-junit through the reactor (no install), compiles the harness against its test
# classpath (JUnit as Boot manages it) and runs it; figures go to benchmarks/results/<jdk>/.
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAVAC="${JAVA_HOME:+$JAVA_HOME/bin/}javac"
# one reactor run, so that threadleaks-core resolves to this checkout's jar, never to ~/.m2
./mvnw -B -q -ntp -pl junit -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
	-Dmdep.outputFile=target/junit-check-classpath.txt
out=benchmarks/target/junit-check
rm -rf "$out" && mkdir -p "$out"
CP="junit/target/classes:$(cat junit/target/junit-check-classpath.txt)"
"$JAVAC" --release 17 -proc:none -d "$out" -cp "$CP" $(find benchmarks/junit-check/src -name '*.java')
version=$("$JAVA" -version 2>&1 | head -n 1 | sed 's/.*version "\([0-9]*\).*/\1/')
results="benchmarks/results/jdk$version"
mkdir -p "$results"
"$JAVA" -cp "$out:$CP" io.github.threadleaks.benchmarks.junit.JunitCheckCost "${1:-15}" 2>&1 | tee "$results/junit-check.txt"
