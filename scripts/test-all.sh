#!/usr/bin/env bash
# Runs every test of threadleaks: the whole suite on Java 17, then, where Temurin 25 is
# installed, the Java-21+-only tests, the tests tagged both-jdks and the end-to-end smoke run
# of the packaged jar on it.
# Installs what a fresh machine lacks (curl, Prometheus, Chromium and its driver; needs root for
# apt-get, as on CI); Maven comes through the wrapper (./mvnw), so a JDK is all it needs of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA17_HOME=${JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
JAVA25_HOME=${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}

apt_updated=false
need_package() { # need_package COMMAND PACKAGE
	if ! command -v "$1" >/dev/null 2>&1; then
		if [ "$apt_updated" = false ]; then
			apt-get update -qq
			apt_updated=true
		fi
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
	fi
}
need_package curl curl
# a real Prometheus (and promtool) for the metrics, dashboard and alert-rule tests
need_package prometheus prometheus
need_package promtool prometheus
# a real browser for the page's end-to-end test
need_package chromium chromium
need_package chromedriver chromium-driver

if [ -x "$JAVA17_HOME/bin/java" ]; then
	export JAVA_HOME="$JAVA17_HOME"
fi
# counts the tests of the reports a Maven run left, into passed/failed
passed=0
failed=0
count_reports() {
	local counts
	counts=$(find . -path '*/target/*-reports/TEST-*.xml' -exec cat {} + \
		| { grep -o '<testsuite [^>]*>' || true; } \
		| awk '{
			for (i = 1; i <= NF; i++) {
				split($i, kv, "=");
				gsub(/"/, "", kv[2]);
				if (kv[1] == "tests") t += kv[2];
				if (kv[1] == "failures" || kv[1] == "errors") f += kv[2];
				if (kv[1] == "skipped") s += kv[2];
			}
		} END { printf "%d %d", t - f - s, f }')
	passed=$((passed + ${counts% *}))
	failed=$((failed + ${counts#* }))
}

echo "== the whole suite on $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n 1)"
./mvnw -B -ntp verify
count_reports

echo "== the README's run command, with no mvn on the PATH"
if bash scripts/check-readme-run.sh; then
	passed=$((passed + 1))
else
	failed=$((failed + 1))
fi

if [ -x "$JAVA25_HOME/bin/java" ]; then
	echo "== Java-21+ and both-jdks tests and the smoke run on $("$JAVA25_HOME/bin/java" -version 2>&1 | head -n 1)"
	# only the reports of this run count: the Java 17 ones were counted above
	find . -path '*/target/*-reports/TEST-*.xml' -delete
	JAVA_HOME="$JAVA25_HOME" ./mvnw -B -ntp verify -Pjava21
	count_reports
else
	echo "== $JAVA25_HOME not found: Java-21+ tests and the Java 25 smoke run skipped"
fi

echo "tests: $passed passed, $failed failed"
