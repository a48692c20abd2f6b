#!/usr/bin/env bash
# End-to-end cost: the packaged sample app under wrk on loopback, with the starter active at a
# 1 s sampling interval (A) and with threadleaks.enabled=false (B), alternated A B A B ... so
# drift cancels. Prints each run, the A/B ratio of each pair, their median and spread.
#   bash benchmarks/wrk-ab.sh              5 pairs of 10 s runs
#   ROUNDS=7 DURATION=20s bash benchmarks/wrk-ab.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
# measured on 2 cores: the C2 compiler still takes ~18% of the machine 15-30 s into the load,
# and more in A, which has the starter's code to compile too; it settles after ~45 s
WARMUP=${WARMUP:-45s}
PORT=${PORT:-18081}
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if ! command -v wrk >/dev/null 2>&1; then
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
JAR=sample-app/target/threadleaks-sample-app.jar
[ -f "$JAR" ] || ./mvnw -B -q -ntp install -DskipTests

run() { # run LABEL ARGS... -> prints requests/s
	"$JAVA" -jar "$JAR" --server.port="$PORT" --server.address=127.0.0.1 --logging.level.root=WARN "$@" \
		>/tmp/threadleaks-wrk-app.log 2>&1 &
	local pid=$!
	for _ in $(seq 1 120); do curl -s "http://127.0.0.1:$PORT/" >/dev/null && break; sleep 0.5; done
	wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$PORT/" >/dev/null   # warm-up: let the JIT finish
	local rps
	rps=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" "http://127.0.0.1:$PORT/" | awk '/Requests\/sec/ {print $2}')
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	echo "$rps"
}

# A and B can be overridden for controls, e.g. A_ARGS="--threadleaks.enabled=false" for an A/A run
read -r -a A_ARGS <<< "${A_ARGS:---threadleaks.sampling.interval=1s --threadleaks.creation-sites.enabled=false --threadleaks.sampling.virtual-threads-interval=30s}"
read -r -a B_ARGS <<< "${B_ARGS:---threadleaks.enabled=false}"
# the sample app's demo settings turn on creation sites and a 5 s virtual-thread interval:
# A measures the starter's defaults instead, at a 1 s sampling interval
ratios=()
for round in $(seq 1 "$ROUNDS"); do
	# the order alternates too (A B, then B A), so that whatever favours the first or the
	# second run of a pair falls on both sides equally
	if [ $((round % 2)) -eq 1 ]; then
		a=$(run A "${A_ARGS[@]}")
		b=$(run B "${B_ARGS[@]}")
	else
		b=$(run B "${B_ARGS[@]}")
		a=$(run A "${A_ARGS[@]}")
	fi
	ratio=$(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.3f", a / b}')
	ratios+=("$ratio")
	echo "round $round: A (starter, 1 s interval) $a req/s, B (disabled) $b req/s, A/B $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk '{r[NR]=$1} END {
	m = (NR % 2) ? r[(NR+1)/2] : (r[NR/2] + r[NR/2+1]) / 2;
	printf "median A/B %.3f, spread %.3f .. %.3f over %d pairs\n", m, r[1], r[NR], NR }'
