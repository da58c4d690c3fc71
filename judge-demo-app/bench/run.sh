#!/bin/bash
# Load benchmark of the demo server's accept path (docs/BENCHMARKS.md, "Demo server").
# Usage (from the repository root, after packaging the jar):
#   bash judge-demo-app/bench/run.sh LABEL [server arguments...]
# Starts the packaged jar in a fresh directory under /tmp/judge-bench/LABEL on port 18080 with the queue-depth
# bound and the rate limits out of the way, warms up for 10 s, measures 20 s with wrk (-t2 -c16) and prints the
# load average before the measurement, accepted/s, p50/p90/p99 and the server's CPU time per request.
set -euo pipefail
LABEL=$1; shift
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=$(ls "$ROOT"/judge-demo-app/target/judge-demo-app-*.jar | grep -v original | head -1)
LUA=$ROOT/judge-demo-app/bench/judge0-submit.lua
URL=http://127.0.0.1:18080
DIR=/tmp/judge-bench/$LABEL
rm -rf "$DIR"; mkdir -p "$DIR"; cd "$DIR"
java -jar "$JAR" --server.port=18080 --judge.demo.max-queue-depth=100000000 \
     --judge.demo.rate-limit.enabled=false "$@" > server.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -s -o /dev/null "$URL/judge0/statuses" && break; sleep 1; done
wrk -t2 -c16 -d10s -s "$LUA" "$URL" > warm-up.txt
echo "== $LABEL $(date -u +%FT%TZ) $(uptime)"
T0=$(awk '{print $14 + $15}' /proc/$PID/stat)
wrk -t2 -c16 -d20s --latency -s "$LUA" "$URL" | tee measured.txt | grep -E "Requests/sec|  (50|90|99)%|Non-2xx|Socket errors"
T1=$(awk '{print $14 + $15}' /proc/$PID/stat)
N=$(awk '/requests in/ {print $1}' measured.txt)
echo "server CPU per request: $(echo "scale=2; ($T1 - $T0) * 1000 / $(getconf CLK_TCK) / $N" | bc) ms ($N requests)"
