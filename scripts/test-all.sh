#!/usr/bin/env bash
# Runs every test of threadleaks: the whole suite on Java 17, then, where Temurin 25 is
# installed, the Java-21+-only tests and the end-to-end smoke run of the packaged jar on it.
# Installs what a fresh machine lacks (Maven, curl, Prometheus; needs root for apt-get, as on CI).
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
need_package mvn maven
need_package curl curl
# a real Prometheus (and promtool) for the metrics, dashboard and alert-rule tests
need_package prometheus prometheus
need_package promtool prometheus

if [ -x "$JAVA17_HOME/bin/java" ]; then
	export JAVA_HOME="$JAVA17_HOME"
fi
echo "== the whole suite on $("${JAVA_HOME:-/usr}/bin/java" -version 2>&1 | head -n 1)"
mvn -B -ntp verify

if [ -x "$JAVA25_HOME/bin/java" ]; then
	echo "== Java-21+ tests and the smoke run on $("$JAVA25_HOME/bin/java" -version 2>&1 | head -n 1)"
	JAVA_HOME="$JAVA25_HOME" mvn -B -ntp verify -Pjava21
else
	echo "== $JAVA25_HOME not found: Java-21+ tests and the Java 25 smoke run skipped"
fi
