#!/usr/bin/env bash
# Fault test of `wm serve` (not part of CI; loopback only, bounded in time): under load (wrk, 16
# connections, 40 s) against the working-memory route, the database is stopped at 10 s and started again at
# 20 s. Shows: the service never crashes, every answer during the outage comes back within the 2 s bound
# (503 with a JSON error, not a hang), and answers are 200 again after the restart without restarting the
# service. Usage: scripts/fault.sh [--pool-size N]
set -euo pipefail
cd "$(dirname "$0")/.."
pool_size=4
[ "${1:-}" = "--pool-size" ] && pool_size=$2

source scripts/bench/cluster.sh
source scripts/bench/service.sh
bench_need wrk
bench_cluster_start
service_start "$pool_size"

probe() {  # one request: status and time in seconds
    curl -s -o "$work/probe.json" -w '%{http_code} %{time_total}s' -H "Authorization: Bearer $token" \
        "$service_url/v1/users/$(head -n 1 "$work/users.txt")/working-memory"
}

echo "== before the outage: $(probe)" >&2
WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" \
    wrk -t 2 -c 16 -d 40s --timeout 5s --latency -s scripts/bench/working-memory.lua "$service_url" > "$work/wrk.txt" &
wrk_pid=$!
sleep 10
echo "== $(date +%T) stopping the database" >&2
bench_server_stop
sleep 1
echo "== during the outage: $(probe); body: $(head -c 300 "$work/probe.json")" >&2
echo "   /readyz: $(curl -s -o /dev/null -w '%{http_code}' "$service_url/readyz"), /healthz: $(curl -s -o /dev/null -w '%{http_code}' "$service_url/healthz")" >&2
sleep 9
echo "== $(date +%T) starting the database again" >&2
bench_server_start
sleep 2
echo "== after the restart: $(probe)" >&2
echo "   /readyz: $(curl -s -o /dev/null -w '%{http_code}' "$service_url/readyz")" >&2
wait "$wrk_pid"
cat "$work/wrk.txt"
if kill -0 "$service_pid" 2>/dev/null; then
    echo "the service is still running (pid $service_pid)" >&2
else
    echo "THE SERVICE EXITED during the fault test; its log:" >&2
    tail -n 50 "$work/service.log" >&2
    exit 1
fi
echo "after the run: $(probe)" >&2
