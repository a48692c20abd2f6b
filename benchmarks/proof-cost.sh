#!/usr/bin/env bash
# Leak proof cost beside the JVM's own dumpHeap, per heap shape and size, on the JDK of JAVA_HOME:
#   bash benchmarks/proof-cost.sh 100 500 1000                    # both shapes
#   SHAPES=objects bash benchmarks/proof-cost.sh 100              # one shape
# For each shape (objects: tens of millions of small instances in maps and lists; arrays:
# large primitive arrays) and live-heap size: the dump (wall time, the pause a 1 ms ticker
# sees), the analysis (first run = what the first proof in a JVM pays, second = warm), then
# the smallest -Xmx with which the analysis completes, bisected to 1/32 of the dump's size.
# The dump is deleted at the end of each size. One summary line per shape and size at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. benchmarks/common.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
./mvnw -B -q -ntp -pl benchmarks -am package -DskipTests
./mvnw -B -q -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
version=$(java_version "$JAVA")
out="benchmarks/results/jdk$version"
mkdir -p "$out"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# the reactor's own classes, copied so that a rebuild during the run cannot change them, and
# first on the path: never a threadleaks SNAPSHOT from ~/.m2 built by another branch
cp -r core/target/classes "$dir/core-classes"
cp -r benchmarks/target/classes "$dir/benchmark-classes"
CP="$dir/core-classes:$dir/benchmark-classes:$(cat benchmarks/target/classpath.txt)"
summary=()
for shape in ${SHAPES:-objects arrays}; do
	for size in "${@:-100 1000}"; do
		dump="$dir/heap-$shape-$size.hprof"
		dumped=$("$JAVA" -Xmx$((size * 3 + 256))m -cp "$CP" io.github.threadleaks.benchmarks.ProofCost dump "$shape" "$size" "$dump")
		echo "$dumped" | tee -a "$out/proof-cost.txt"
		analysed=$("$JAVA" -Xmx$((size * 3 + 512))m -cp "$CP" io.github.threadleaks.benchmarks.ProofCost analyse "$dump" 2)
		echo "$analysed" | tee -a "$out/proof-cost.txt"
		file_mb=$(($(stat -c %s "$dump") >> 20))
		step=$((file_mb / 32 > 4 ? file_mb / 32 : 4))
		low=8; high=$((size * 3 + 512))
		while [ $((high - low)) -gt "$step" ]; do
			mid=$(((low + high) / 2))
			if "$JAVA" -Xmx${mid}m -cp "$CP" io.github.threadleaks.benchmarks.ProofCost analyse "$dump" 1 >/dev/null 2>&1; then
				high=$mid
			else
				low=$mid
			fi
		done
		dump_ms=$(echo "$dumped" | sed -n 's/.*dumpHeap(live=true) \([0-9]*\) ms.*/\1/p')
		cold_ms=$(echo "$analysed" | sed -n 's/.*run 1 of .*: \([0-9]*\) ms;.*/\1/p')
		warm_ms=$(echo "$analysed" | sed -n 's/.*run 2 of .*: \([0-9]*\) ms;.*/\1/p')
		line=$(awk -v j="$version" -v s="$shape" -v z="$size" -v f="$file_mb" -v d="$dump_ms" -v c="$cold_ms" -v w="$warm_ms" -v x="$high" -v l="$low" \
			'BEGIN { printf "java %s %s %d MB: dump file %d MB, dumpHeap %d ms, analysis cold %d ms (%.2fx) warm %d ms (%.2fx), smallest -Xmx %d MB (%s) = %.2fx the file", j, s, z, f, d, c, c / d, w, w / d, x, (l > 8 ? "fails at " l " MB" : "nothing lower tried"), x / f }')
		echo "$line" | tee -a "$out/proof-cost.txt"
		summary+=("$line")
		rm -f "$dump"
	done
done
printf '%s\n' "${summary[@]}"
