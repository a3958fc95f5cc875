#!/usr/bin/env bash
# Load test of `wm serve` (not part of CI; loopback only, bounded in time): a throwaway cluster seeded with
# 10,000 users and 1,000,000 events (scripts/bench/cluster.sh), the release service on 127.0.0.1, then wrk:
#   1. GET /v1/users/{id}/working-memory for random users: 30 s, 64 connections (the JSON render result);
#   2. the same with Accept: text/markdown;
#   3. POST /v1/activity with batches of 1,000 events: 15 s, 4 connections (events/s = requests/s x 1,000).
# After each working-memory run it prints where the CPU went per request (scripts/bench/cpu-split.sh).
# With --via-pgbouncer the JSON run is made twice each way, alternating: the service on a direct connection,
# then on PgBouncer 1.18 in transaction mode (--pooler transaction, as Supabase's port 6543; as many server
# connections as the service's pool), and the markdown and batch runs go through PgBouncer.
# Usage: scripts/load.sh [--pool-size N] [--duration SECONDS] [--via-pgbouncer]
# Targets: see issue 6 and docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
pool_size=4
duration=30
via_pgbouncer=false
while [ $# -gt 0 ]; do
    case "$1" in
        --pool-size) pool_size=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --via-pgbouncer) via_pgbouncer=true; shift ;;
        *) echo "usage: scripts/load.sh [--pool-size N] [--duration SECONDS] [--via-pgbouncer]" >&2; exit 64 ;;
    esac
done

source scripts/bench/cluster.sh
source scripts/bench/service.sh
source scripts/bench/cpu-split.sh
source scripts/bench/pgbouncer.sh
bench_need wrk
bench_cluster_start
service_start "$pool_size"

if $via_pgbouncer; then
    pgbouncer_start "$pool_size"
    for round in 1 2; do
        service_restart "$pool_size"
        echo "== round $round: working memory (JSON), direct connection, ${duration} s, 64 connections, pool $pool_size" >&2
        WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" cpu_split_run "JSON direct" \
            -t 2 -c 64 -d "${duration}s" --latency -s scripts/bench/working-memory.lua "$service_url"
        service_restart "$pool_size" "$bouncer_url" --pooler transaction
        echo "== round $round: working memory (JSON), PgBouncer transaction mode, ${duration} s, 64 connections" >&2
        WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" cpu_split_run "JSON pgbouncer" \
            -t 2 -c 64 -d "${duration}s" --latency -s scripts/bench/working-memory.lua "$service_url"
    done
    echo "(the runs below go through PgBouncer)" >&2
fi

if ! $via_pgbouncer; then
    echo "== working memory (JSON), ${duration} s, 64 connections, pool $pool_size" >&2
    WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" cpu_split_run "JSON" \
        -t 2 -c 64 -d "${duration}s" --latency -s scripts/bench/working-memory.lua "$service_url"
fi
echo "== working memory (Accept: text/markdown), ${duration} s, 64 connections" >&2
WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" WM_LOAD_ACCEPT="text/markdown" cpu_split_run "markdown" \
    -t 2 -c 64 -d "${duration}s" --latency -s scripts/bench/working-memory.lua "$service_url"
echo "== activity batches of 1,000 events, 15 s, 4 connections" >&2
WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" \
    wrk -t 2 -c 4 -d 15s --latency -s scripts/bench/activity-batch.lua "$service_url"
echo "events written during the run: $(psql "$url" -X -t -A -c "SELECT count(*) FROM activity_log WHERE summary LIKE 'load test %'")" >&2
