#!/usr/bin/env bash
# Leak proof cost beside the JVM's own dumpHeap, one heap size at a time, on the JDK of JAVA_HOME:
#   bash benchmarks/proof-cost.sh 100 1000
# For each live-heap size: the dump (wall time, the pause a 1 ms ticker sees), the analysis
# (first run = what a fresh child JVM pays, second = warm), then the smallest -Xmx, in 32 MB
# steps, with which the analysis completes. The dump is deleted at the end of each size.
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
./mvnw -B -q -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
version=$("$JAVA" -version 2>&1 | head -n 1 | sed 's/.*version "\([0-9]*\).*/\1/')
out="benchmarks/results/jdk$version"
mkdir -p "$out"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# the reactor's own classes, copied so that a rebuild during the run cannot change them, and
# first on the path: never a threadleaks SNAPSHOT from ~/.m2 built by another branch
cp -r core/target/classes "$dir/core-classes"
cp -r benchmarks/target/classes "$dir/benchmark-classes"
CP="$dir/core-classes:$dir/benchmark-classes:$(cat benchmarks/target/classpath.txt)"
for size in "${@:-100 1000}"; do
	dump="$dir/heap-$size.hprof"
	"$JAVA" -Xmx$((size * 3 + 256))m -cp "$CP" io.github.threadleaks.benchmarks.ProofCost dump "$size" "$dump" | tee -a "$out/proof-cost.txt"
	"$JAVA" -Xmx$((size * 3 + 512))m -cp "$CP" io.github.threadleaks.benchmarks.ProofCost analyse "$dump" 2 | tee -a "$out/proof-cost.txt"
	low=16; high=$((size * 3 + 512))
	while [ $((high - low)) -gt 32 ]; do
		mid=$(((low + high) / 2))
		if "$JAVA" -Xmx${mid}m -cp "$CP" io.github.threadleaks.benchmarks.ProofCost analyse "$dump" 1 >/dev/null 2>&1; then
			high=$mid
		else
			low=$mid
		fi
	done
	echo "java $version: smallest -Xmx for the analysis of the $size MB heap: ${high} MB (fails at ${low} MB)" | tee -a "$out/proof-cost.txt"
	rm -f "$dump"
done
