#!/usr/bin/env bash
# Fault test of `wm serve` (not part of CI; loopback only): a 40 s wrk load on the working-memory route
# while the database is stopped at 10 s and started again at 20 s. Shows, second by second, /readyz and
# the latency of one working-memory request; then that the service process is still running, a short
# load after recovery with no errors, and the service's counts by status.
source "$(dirname "$0")/load/common.sh"

user=$(head -n 1 "$work/users.txt")
probe() {
    curl -s -o /dev/null -w "%{http_code} %{time_total}s" -H "Authorization: Bearer $WM_SERVICE_TOKEN" \
        "$base/v1/users/$user/working-memory"
}
echo "== wrk -t2 -c64 -d40s --latency during: stop the database at 10 s, start it at 20 s" >&2
wrk -t2 -c64 -d40s --latency -s scripts/load/working-memory.lua "$base" -- "$work/users.txt" > "$work/wrk.txt" &
wrk_pid=$!
for second in $(seq 1 40); do
    sleep 1
    [ "$second" -eq 10 ] && { pg_stop; echo "  t=${second}s database stopped" >&2; }
    [ "$second" -eq 20 ] && { pg_start; echo "  t=${second}s database started" >&2; }
    echo "  t=${second}s readyz=$(curl -s -o /dev/null -w '%{http_code}' "$base/readyz") working-memory=$(probe)" >&2
done
wait "$wrk_pid"
cat "$work/wrk.txt"

kill -0 "$server_pid" && echo "== the service is still running (pid $server_pid)" >&2
echo "== after recovery: wrk -t2 -c64 -d10s" >&2
wrk -t2 -c64 -d10s --latency -s scripts/load/working-memory.lua "$base" -- "$work/users.txt"
echo "== service metrics" >&2
curl -s "$base/metrics" | grep -E '^wm_(http_requests_total|pool_rejected_total|pool_call_timeouts_total)' >&2
