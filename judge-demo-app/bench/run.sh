#!/bin/bash
# Load benchmark of the demo server's accept path (docs/BENCHMARKS.md, "Demo server").
# Usage (from the repository root, after packaging the jar; wrk is Debian's package `wrk`):
#   [CONNECTIONS="4 8 16"] [RATE="1000 2000"] [WARMUP=60] [DURATION=30] [JAR=other.jar] \
#       bash judge-demo-app/bench/run.sh LABEL [server arguments...]
# Starts the packaged jar in a fresh directory under /tmp/judge-bench/LABEL on port 18080 with the queue-depth
# bound and the rate limits out of the way and the Judge0 API open (judge0-submit.lua sends no token), warms it up
# with wrk for WARMUP seconds on WARMUP_CONNECTIONS (8) connections (the JIT compilers are busy for the first minute
# of load, longer when the warm-up leaves them no CPU; measured before that, much of the server's CPU is theirs),
# then measures DURATION seconds with wrk -t2 once per connection count in CONNECTIONS and rate in RATE, one after the other against the
# same server: without RATE each connection sends as soon as it is answered (the most the server takes); with
# RATE the requests leave on a fixed schedule of that many per second (judge0-submit.lua), so the latencies are
# those of clients arriving at that rate. For each it prints the load average before the run, accepted/s, p50/p90/p99, non-2xx
# answers, and CPU time per request: the server's (all threads, and the part spent by the JIT compiler threads) and
# the whole machine's (every process, so PostgreSQL, Redis and wrk too).
set -euo pipefail
LABEL=$1; shift
CONNECTIONS=${CONNECTIONS:-16}
WARMUP=${WARMUP:-60}
DURATION=${DURATION:-30}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$(ls "$ROOT"/judge-demo-app/target/judge-demo-app-*.jar | grep -v original | head -1)}
LUA=$ROOT/judge-demo-app/bench/judge0-submit.lua
URL=http://127.0.0.1:18080
DIR=/tmp/judge-bench/$LABEL
rm -rf "$DIR"; mkdir -p "$DIR"; cd "$DIR"
java -jar "$JAR" --server.port=18080 --judge.queue.max-depth=0 \
     --judge.demo.rate-limit.enabled=false --judge.judge0.open=true "$@" > server.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -s -o /dev/null "$URL/judge0/statuses" && break; sleep 1; done
wrk -t2 -c"${WARMUP_CONNECTIONS:-8}" -d"$WARMUP"s -s "$LUA" "$URL" > warm-up.txt
# 10 s more, unmeasured, as the first measurement will run: its connections' request threads are started now, not
# in the first second of the measurement (64 new connections at once stalled the first requests for up to 0.7 s)
FIRST_RATE=${RATE:-}; FIRST_RATE=${FIRST_RATE%% *}
wrk -t2 -c"${CONNECTIONS%% *}" -d10s -s "$LUA" "$URL" ${RATE:+-- "$FIRST_RATE" 2} > settle.txt

# CPU ticks (user + system) of the whole process, and of its JIT compiler threads. A thread's name may hold a
# space, so its stat fields are counted after the closing parenthesis of the name.
ticks() { sed 's/^.*) //' /proc/$PID/stat | awk '{print $12 + $13}'; }
jit_ticks() {
    for t in /proc/$PID/task/*; do
        if grep -q CompilerThre "$t/comm" 2>/dev/null; then sed 's/^.*) //' "$t/stat"; fi
    done | awk '{s += $12 + $13} END {print s + 0}'
}
# CPU ticks spent by the whole machine (every process: the server, wrk, and PostgreSQL and Redis when used).
machine_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
# CPU ticks of every running process, summed by command name (postgres backends, redis-server, wrk, java, ...).
process_ticks() {
    for s in /proc/[0-9]*/stat; do cat "$s" 2>/dev/null || true; done | awk '{
        a = index($0, "("); b = index($0, ") "); split(substr($0, b + 2), f, " ")
        name = substr($0, a + 1, b - a - 1); gsub(/ /, "_", name); t[name] += f[12] + f[13]
    } END { for (n in t) print n, t[n] }' | sort
}
HZ=$(getconf CLK_TCK)
for C in $CONNECTIONS; do
  for R in ${RATE:-0}; do
    PACE=(); [ "$R" != 0 ] && PACE=(-- "$R" 2)
    OUT=measured-c$C${PACE:+-r$R}.txt
    echo "== $LABEL c=$C$([ "$R" != 0 ] && echo " rate=$R/s") $(date -u +%FT%TZ) $(uptime)"
    process_ticks > processes-before.txt
    T0=$(ticks); J0=$(jit_ticks); M0=$(machine_ticks)
    wrk -t2 -c"$C" -d"$DURATION"s --latency -s "$LUA" "$URL" "${PACE[@]}" | tee "$OUT" \
        | grep -E "Requests/sec|  (50|90|99)%|Non-2xx|Socket errors"
    T1=$(ticks); J1=$(jit_ticks); M1=$(machine_ticks)
    process_ticks > processes-after.txt
    N=$(awk '/requests in/ {print $1}' "$OUT")
    echo "server CPU per request: $(echo "scale=3; ($T1 - $T0) * 1000 / $HZ / $N" | bc) ms, of which JIT" \
         "compilers $(echo "scale=3; ($J1 - $J0) * 1000 / $HZ / $N" | bc) ms ($N requests);" \
         "whole machine $(echo "scale=3; ($M1 - $M0) * 1000 / $HZ / $N" | bc) ms"
    # the processes that used at least 1% of it (a process that ended during the run is not counted)
    join -a2 -e0 -o 0,1.2,2.2 processes-before.txt processes-after.txt | awk -v hz="$HZ" -v n="$N" -v m=$((M1 - M0)) '
        $3 - $2 >= m / 100 { printf "  %s %.3f ms", $1, ($3 - $2) * 1000 / hz / n } END { print "" }'
  done
done
