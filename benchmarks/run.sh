#!/usr/bin/env bash
# Runs the benchmarks and harnesses; figures go to benchmarks/results/<jdk>/.
#   bash benchmarks/run.sh                    all JMH benchmarks + harnesses on the default JDK
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bash benchmarks/run.sh
#   bash benchmarks/run.sh SnapshotBenchmark  JMH benchmarks matching a regexp, with JMH's own options after it
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
. benchmarks/common.sh
build_benchmarks
CP=$(benchmarks_classpath)
version=$(java_version "$JAVA")
out="benchmarks/results/jdk$version"
mkdir -p "$out"
if [ $# -gt 0 ]; then
	exec "$JAVA" -cp "$CP" org.openjdk.jmh.Main "$@"
fi
"$JAVA" -cp "$CP" org.openjdk.jmh.Main -f 1 -wi 3 -w 1s -i 5 -r 1s -rf json -rff "$out/jmh.json" 2>&1 | tee "$out/jmh.txt"
"$JAVA" -cp "$CP" io.github.threadleaks.benchmarks.SamplerCost 300 2>&1 | tee "$out/sampler-cost.txt"
"$JAVA" -Xmx2g -cp "$CP" io.github.threadleaks.benchmarks.SnapshotMemory 5000 2>&1 | tee "$out/snapshot-memory.txt"
# one JVM per part: run together, the parts share the JIT's profile of the tracker and slow each other
for part in pool here mdc work workmdc workmixed; do
	"$JAVA" -cp "$CP" io.github.threadleaks.benchmarks.TaskTrackingCost 30 100000 "$part" 2>&1 | tee "$out/task-tracking-$part.txt"
done
"$JAVA" -Xmx2g -cp "$CP" io.github.threadleaks.benchmarks.DetectorCost 20 30 6 2>&1 | tee "$out/detector-cost.txt"
"$JAVA" -cp "$CP" io.github.threadleaks.benchmarks.ThreadChurnCost 10 20000 2>&1 | tee "$out/thread-churn.txt"
"$JAVA" -Xmx4g -cp "$CP" io.github.threadleaks.benchmarks.VirtualThreadCost 10000 100000 2>&1 | tee "$out/virtual-threads.txt"
