#!/usr/bin/env bash
# Load test of `wm serve` (not part of CI; loopback only, bounded in time): a throwaway cluster seeded with
# 10,000 users and 1,000,000 events (scripts/bench/cluster.sh), the release service on 127.0.0.1, then wrk
# (GET /v1/users/{id}/working-memory for random users, 64 connections, SECONDS each, default 30):
#   1. the render cache, the service started with --cache-bytes CACHE_BYTES (default 256 MiB: the 10,000
#      users' JSON answers take about 72 MiB, more than the service's default 64 MiB):
#      a. warm-up: every user's JSON requested once (scripts/bench/warm-cache.py, 8 connections), so that
#         each has an entry; the cache's entries, bytes and evictions are printed after it;
#      b. JSON, read-only, every answer from the warm cache (targets: >= 5,000 requests/s, p99 <= 10 ms,
#         no errors);
#      c. the same while a writer appends WRITER_RATE events/s (default 500) to random users through
#         POST /v1/activity, 10 per request (scripts/bench/writer.py), and a sampling verifier compares
#         cached answers with fresh renders at the same data version (scripts/bench/verify-cache.py; stale
#         answers must be 0);
#      each with the cache's hit ratio and misses by reason over the run (/metrics deltas);
#   2. the JSON run again with the cache off (the service restarted with --cache-bytes 0): the uncached path;
#   3. the uncached run with Accept: text/markdown;
#   4. POST /v1/activity with batches of 1,000 events: 15 s, 4 connections (events/s = requests/s x 1,000;
#      target >= 20,000).
# After each working-memory run it prints requests/s, p99 and errors in one line, then where the CPU went
# per request (scripts/bench/cpu-split.sh).
# With --via-pgbouncer run 2 is made twice each way, alternating: the service on a direct connection, then
# on PgBouncer 1.18 in transaction mode (--pooler transaction, as Supabase's port 6543; as many server
# connections as the service's pool), both with the cache off, and runs 3 and 4 go through PgBouncer.
# With --cache-only only runs 1 and 2 are made.
# Exit status 1 when the verifier found a stale answer or an error, or the writer's requests failed (after
# all runs).
# Usage: scripts/load.sh [--pool-size N] [--duration SECONDS] [--cache-bytes N] [--writer-rate EVENTS_PER_S]
#                        [--via-pgbouncer | --cache-only]
# Targets: see issue 6 and docs/PERFORMANCE.md.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: scripts/load.sh [--pool-size N] [--duration SECONDS] [--cache-bytes N] [--writer-rate EVENTS_PER_S] [--via-pgbouncer | --cache-only]"
pool_size=4
duration=30
cache_bytes=$(( 256 * 1024 * 1024 ))
writer_rate=500
via_pgbouncer=false
cache_only=false
while [ $# -gt 0 ]; do
    case "$1" in
        --pool-size) pool_size=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --cache-bytes) cache_bytes=$2; shift 2 ;;
        --writer-rate) writer_rate=$2; shift 2 ;;
        --via-pgbouncer) via_pgbouncer=true; shift ;;
        --cache-only) cache_only=true; shift ;;
        *) echo "$usage" >&2; exit 64 ;;
    esac
done
if $via_pgbouncer && $cache_only; then echo "$usage" >&2; exit 64; fi

source scripts/bench/cluster.sh
source scripts/bench/service.sh
source scripts/bench/cpu-split.sh
source scripts/bench/cache-metrics.sh
source scripts/bench/pgbouncer.sh
bench_need wrk
bench_need python3
bench_cluster_start
service_start "$pool_size" "$url" --cache-bytes "$cache_bytes"

# The writer and the verifier end by themselves after the run; on an early exit they are stopped first.
helper_pids=()
helpers_stop() {
    local pid
    for pid in "${helper_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
}
trap 'helpers_stop; service_stop' EXIT
failures=()

# working_memory_run LABEL: wrk against the working-memory route, 64 connections, $duration s (Accept as
# $WM_LOAD_ACCEPT, default JSON).
working_memory_run() {
    WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" cpu_split_run "$1" \
        -t 2 -c 64 -d "${duration}s" --latency -s scripts/bench/working-memory.lua "$service_url"
}

echo "== render cache: warm-up, every user's JSON once, 8 connections (--cache-bytes $cache_bytes)" >&2
WM_SERVICE_TOKEN="$token" python3 scripts/bench/warm-cache.py --url "$service_url" --users "$work/users.txt" >&2 \
    || failures+=("warm-up: an answer was not 200")
cache_report "warm-up" "0 0 0 0 0 0 0"
users=$(wc -l < "$work/users.txt")
entries=$(cache_counters | awk '{ print $7 }')
if [ "$entries" -lt "$users" ]; then
    echo "warning: the cache holds $entries of $users users' answers; raise --cache-bytes" >&2
fi

echo "== working memory (JSON), cached, read-only, ${duration} s, 64 connections, pool $pool_size" \
     "(targets: >= 5,000 requests/s, p99 <= 10 ms, no errors)" >&2
before=$(cache_counters)
working_memory_run "JSON cached"
cache_report "JSON cached" "$before"

echo "== working memory (JSON), cached, ${duration} s, 64 connections, while a writer appends $writer_rate events/s" \
     "and the verifier checks cached answers against fresh renders" >&2
before=$(cache_counters)
WM_SERVICE_TOKEN="$token" python3 scripts/bench/writer.py --url "$service_url" --users "$work/users.txt" \
    --rate "$writer_rate" --duration "$duration" > "$work/writer.out" 2>&1 &
writer_pid=$!
WM_SERVICE_TOKEN="$token" python3 scripts/bench/verify-cache.py --url "$service_url" --users "$work/users.txt" \
    --duration "$duration" > "$work/verifier.out" 2>&1 &
verifier_pid=$!
helper_pids=("$writer_pid" "$verifier_pid")
working_memory_run "JSON cached + writer"
cache_report "JSON cached + writer" "$before"
wait "$writer_pid" || failures+=("writer: requests failed")
wait "$verifier_pid" || failures+=("verifier: stale answers or errors")
helper_pids=()
cat "$work/writer.out" "$work/verifier.out" >&2

if $via_pgbouncer; then
    pgbouncer_start "$pool_size"
    for round in 1 2; do
        service_restart "$pool_size" "$url" --cache-bytes 0
        echo "== round $round: working memory (JSON), cache off, direct connection, ${duration} s, 64 connections, pool $pool_size" >&2
        working_memory_run "JSON uncached direct"
        service_restart "$pool_size" "$bouncer_url" --pooler transaction --cache-bytes 0
        echo "== round $round: working memory (JSON), cache off, PgBouncer transaction mode, ${duration} s, 64 connections" >&2
        working_memory_run "JSON uncached pgbouncer"
    done
    echo "(the runs below go through PgBouncer)" >&2
else
    service_restart "$pool_size" "$url" --cache-bytes 0
    echo "== working memory (JSON), cache off (--cache-bytes 0), ${duration} s, 64 connections, pool $pool_size" >&2
    working_memory_run "JSON uncached"
fi

if ! $cache_only; then
    echo "== working memory (Accept: text/markdown), cache off, ${duration} s, 64 connections" >&2
    WM_LOAD_ACCEPT="text/markdown" working_memory_run "markdown uncached"
    echo "== activity batches of 1,000 events, 15 s, 4 connections (target: >= 20,000 events/s)" >&2
    WM_LOAD_USERS="$work/users.txt" WM_SERVICE_TOKEN="$token" \
        wrk -t 2 -c 4 -d 15s --latency -s scripts/bench/activity-batch.lua "$service_url"
    written=$(psql "$url" -X -t -A -c "SELECT count(*) FROM activity_log WHERE summary LIKE 'load test %'")
    echo "events written during the run: $written ($(( written / 15 )) events/s)" >&2
fi

if [ ${#failures[@]} -gt 0 ]; then
    printf 'FAILED: %s\n' "${failures[@]}" >&2
    exit 1
fi
