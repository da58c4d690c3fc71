-- wrk script: one Judge0 submission per request (C, sums two numbers) to POST /judge0/submissions.
-- Usage (server on loopback, Judge0 API open, limits raised for the run):
--   wrk -t2 -c16 -d20s --latency -s judge-demo-app/bench/judge0-submit.lua http://127.0.0.1:8080
-- Every 201 is an accepted submission; wrk lists any other status as "Non-2xx or 3xx responses".
wrk.method = "POST"
wrk.path = "/judge0/submissions"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"source_code":"#include <stdio.h>\\nint main(void){int a,b;scanf(\\"%d %d\\",&a,&b);'
        .. 'printf(\\"%d\\\\n\\",a+b);return 0;}\\n","language_id":50,"stdin":"2 3","expected_output":"5"}'
