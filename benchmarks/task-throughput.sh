#!/usr/bin/env bash
# The tracked-task throughput verdict as benchmarks/README.md reads it: one JVM of
# TaskTrackingCost per run, several runs, the JDKs alternated run by run so that the
# machine's drift falls on both, then each JDK's mean over its JVMs. One JVM is not enough:
# the JIT compiles the tracker and the work differently from one JVM to the next, and single
# JVMs of the same code read up to 1.8 points apart.
#   bash benchmarks/task-throughput.sh                          8 JVMs of `work` on java (or $JAVA_HOME)
#   bash benchmarks/task-throughput.sh 8 workmixed              the control with several kinds of task
#   bash benchmarks/task-throughput.sh 8 work java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#   SKIP_BUILD=1 bash benchmarks/task-throughput.sh ...         reuse the last build's classes
# Parts: work | workmixed | workmdc (the raw task under the two MDC keys: the floor).
set -euo pipefail
cd "$(dirname "$0")/.."
jvms="${1:-8}"
part="${2:-work}"
shift $(($# > 2 ? 2 : $#))
if [ $# -eq 0 ]; then
	set -- "${JAVA_HOME:+$JAVA_HOME/bin/}java"
fi
case "$jvms" in
	'' | *[!0-9]* | 0) echo "task-throughput.sh: the number of JVMs must be a positive whole number, not '$jvms'" >&2; exit 2 ;;
esac
case "$part" in
	work | workmixed | workmdc) ;;
	*) echo "task-throughput.sh: the part must be work, workmixed or workmdc, not '$part'" >&2; exit 2 ;;
esac
. benchmarks/common.sh
if [ "${SKIP_BUILD:-}" != 1 ] || [ ! -f benchmarks/target/classpath.txt ]; then
	build_benchmarks
fi
CP=$(benchmarks_classpath)
side="tracked"
if [ "$part" = workmdc ]; then
	side="raw under the two MDC keys"
fi
results=$(mktemp)
trap 'rm -f "$results"' EXIT
for run in $(seq 1 "$jvms"); do
	for java in "$@"; do
		version=$(java_version "$java")
		out=$("$java" -cp "$CP" io.github.threadleaks.benchmarks.TaskTrackingCost 200 2000 "$part" 2>&1)
		cpu=$(grep "worker thread's CPU per task: raw" <<<"$out" | tail -n 1)
		ratio=$(grep "worker thread's CPU per task: tracked throughput" <<<"$out" | tail -n 1)
		if [ -z "$cpu" ] || [ -z "$ratio" ]; then
			echo "task-throughput.sh: run $run on Java $version printed no figures; its output:" >&2
			echo "$out" >&2
			exit 1
		fi
		raw=$(sed 's/.*: raw \([0-9]*\) ns.*/\1/' <<<"$cpu")
		added=$(sed 's/.*added median \([0-9-]*\) ns.*/\1/' <<<"$cpu")
		percent=$(sed 's/.*raw median \([0-9.]*\)%.*/\1/' <<<"$ratio")
		echo "run $run, Java $version: raw ${raw} ns per task, added ${added} ns, ${side}: throughput ${percent}% of raw"
		echo "$version $added $percent" >>"$results"
	done
done
awk -v part="$part" -v side="$side" '{ n[$1]++; added[$1] += $2; sum[$1] += $3; if (!($1 in lo) || $3 < lo[$1]) lo[$1] = $3; if (!($1 in hi) || $3 > hi[$1]) hi[$1] = $3; if ($3 >= 97) met[$1]++ }
	END { for (v in n) printf "Java %s, %s, %d JVMs: added %.0f ns, %s: throughput %.2f%% of raw by the mean (single JVMs %.1f-%.1f%%, %d of %d at 97%% or more)\n", v, part, n[v], added[v] / n[v], side, sum[v] / n[v], lo[v], hi[v], met[v] + 0, n[v] }' "$results" | sort
