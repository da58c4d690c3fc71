-- wrk script: one Judge0 submission per request (C, sums two numbers) to POST /judge0/submissions.
-- Usage (server on loopback, Judge0 API open, limits raised for the run):
--   wrk -t2 -c16 -d20s --latency -s judge-demo-app/bench/judge0-submit.lua http://127.0.0.1:8080
--   wrk -t2 -c64 -d30s --latency -s judge-demo-app/bench/judge0-submit.lua http://127.0.0.1:8080 -- 1000 2
-- Without arguments every connection sends its next request as soon as the last one is answered (the most the
-- server takes). With "-- RATE THREADS" the requests leave on a fixed schedule of RATE per second in all (each of
-- the THREADS wrk threads keeps RATE/THREADS), whatever the answers do, as long as a connection is free: a
-- server that stalls for a while finds the requests of that while waiting for it, as real clients would be, and
-- their latency counts the stall. Give enough connections to cover the longest stall (rate x stall).
-- Every 201 is an accepted submission; wrk lists any other status as "Non-2xx or 3xx responses".
wrk.method = "POST"
wrk.path = "/judge0/submissions"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"source_code":"#include <stdio.h>\\nint main(void){int a,b;scanf(\\"%d %d\\",&a,&b);'
        .. 'printf(\\"%d\\\\n\\",a+b);return 0;}\\n","language_id":50,"stdin":"2 3","expected_output":"5"}'

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } judge_bench_timespec;
int clock_gettime(int clock, judge_bench_timespec *ts);
]]
local CLOCK_MONOTONIC = 1
local ts = ffi.new("judge_bench_timespec")

local function now_ms()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

local interval_ms -- this thread's time between two sends; nil: no schedule
local next_ms

function init(args)
    local rate, threads = tonumber(args[1]), tonumber(args[2] or "1")
    if rate and rate > 0 then
        interval_ms = 1000 * threads / rate
    end
end

function delay()
    if not interval_ms then
        return 0
    end
    local now = now_ms()
    -- More than a second behind: the server cannot take the rate; start the schedule again from now rather
    -- than send the backlog at once (the achieved rate then shows the shortfall).
    if not next_ms or next_ms < now - 1000 then
        next_ms = now
    end
    local wait = next_ms - now
    next_ms = next_ms + interval_ms
    return wait > 0 and math.floor(wait) or 0
end
