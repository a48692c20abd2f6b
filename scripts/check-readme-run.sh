#!/usr/bin/env bash
# Runs the README's first command (build, then start the sample app) exactly as written, with no
# `mvn` on the PATH (a stand-in that fails is put first), waits until the app answers on its
# port, then stops it. Exits non-zero when the command fails or the app never answers.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=8080
DEADLINE_SECONDS=${DEADLINE_SECONDS:-300}

# the first ```sh block after "## The two commands" holds the run command
command=$(awk '/^## The two commands/ {s = 1} s && /^```sh$/ {getline; print; exit}' README.md)
if [ -z "$command" ]; then
	echo "README run command: not found under '## The two commands'" >&2
	exit 1
fi
echo "README run command: $command"

shims=$(mktemp -d)
trap 'rm -rf "$shims"' EXIT
printf '#!/bin/sh\necho "mvn is not installed on this machine (the README must use ./mvnw)" >&2\nexit 127\n' >"$shims/mvn"
chmod +x "$shims/mvn"

log=$(mktemp)
PATH="$shims:$PATH" setsid bash -c "$command" >"$log" 2>&1 &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }

deadline=$((SECONDS + DEADLINE_SECONDS))
until curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1; do
	if ! kill -0 "$pid" 2>/dev/null; then
		echo "README run command exited before the app answered; its output ends with:" >&2
		tail -n 40 "$log" >&2
		exit 1
	fi
	if [ "$SECONDS" -ge "$deadline" ]; then
		echo "README run command: the app did not answer on port $PORT within ${DEADLINE_SECONDS}s" >&2
		tail -n 40 "$log" >&2
		stop
		exit 1
	fi
	sleep 1
done
echo "README run command: the app answers on port $PORT"
stop
rm -f "$log"
