#!/usr/bin/env bash
# Write latency with and without the render cache's version trigger on activity_log (not part of CI;
# loopback only, bounded in time): a throwaway cluster seeded with 10,000 users and 1,000,000 events
# (scripts/bench/cluster.sh, durable defaults), then pgbench on one connection (-c 1), back to back,
# alternating `ALTER TABLE activity_log DISABLE TRIGGER wm_activity_log_inserted` (off) and ENABLE (on),
# ROUNDS times each way (default 2: off, on, off, on), with a CHECKPOINT before every run:
#   1. single-event INSERTs (scripts/bench/pgbench/activity-insert.sql: ActivityLogStore.write's statement,
#      -M prepared), SECONDS each (default 15);
#   2. batch INSERTs of 1,000 events (ActivityLogStore.write(batch:)'s json_to_recordset statement; 8 batch
#      files made at start, each for 1,000 distinct random users, the rows inline rather than a parameter,
#      -M simple so that pgbench puts a random number into every event id of the text: new rows each time),
#      SECONDS each.
# Prints, per run, statements, p50 and p99 latency (from pgbench's per-transaction log), events/s, and how
# many data versions the trigger handed out (0 when it is off: a check that it was); then per kind and mode
# the mean of the runs' p50 and events/s, and the change the trigger makes.
# The trigger is left enabled at the end (the cluster is removed anyway).
# Usage: scripts/trigger-cost.sh [--seconds N] [--rounds N]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=15
rounds=2
while [ $# -gt 0 ]; do
    case "$1" in
        --seconds) seconds=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        *) echo "usage: scripts/trigger-cost.sh [--seconds N] [--rounds N]" >&2; exit 64 ;;
    esac
done

source scripts/bench/cluster.sh
bench_cluster_start
psql "$url" -X -q -v ON_ERROR_STOP=1 \
    -c "CREATE TABLE bench_users AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM auth.users" \
    -c "CREATE UNIQUE INDEX ON bench_users (n)" -c "VACUUM ANALYZE bench_users"
logs=$cluster/pgbench-logs
mkdir -p "$logs"

# Batch files: the store's statement with its rows inline. An event's id is INDEX-FILE-4000-8000-:k, where
# pgbench puts a random 12-digit number for :k in each transaction, so every statement writes new rows.
for file in 1 2 3 4 5 6 7 8; do
    rows=$(psql "$url" -X -t -A -v ON_ERROR_STOP=1 -c "
        SELECT json_agg(json_build_object(
                   'id', lpad(i::text, 8, '0') || '-' || lpad('$file', 4, '0') || '-4000-8000-:k',
                   'user_id', id, 'event_type', 'platform_synced', 'summary', 'trigger cost batch ' || i,
                   'metadata', json_build_object('item_count', i)))
        FROM (SELECT row_number() OVER () AS i, id FROM (SELECT id FROM auth.users ORDER BY random() LIMIT 1000) s) t")
    cat > "$logs/batch-$file.sql" <<EOF
\set k random(100000000000, 999999999999)
INSERT INTO activity_log (id, user_id, event_type, event_ref, summary, metadata, created_at)
SELECT e.id, e.user_id, e.event_type, e.event_ref, e.summary, e.metadata, coalesce(e.created_at, now())
FROM json_to_recordset('$rows'::json) AS e(
    id uuid, user_id uuid, event_type text, event_ref uuid, summary text,
    metadata jsonb, created_at timestamptz)
ON CONFLICT (user_id, id) DO NOTHING;
EOF
done
batch_files=()
for file in 1 2 3 4 5 6 7 8; do batch_files+=(-f "$logs/batch-$file.sql@1"); done

results=$cluster/results.txt
: > "$results"
# measure KIND MODE ROUND PGBENCH_ARGS...: one run; prints its line and appends "KIND MODE p50 events/s".
measure() {
    local kind=$1 mode=$2 round=$3; shift 3
    local prefix="$logs/$kind-$mode-$round"
    if [ "$mode" = off ]; then
        psql "$url" -X -q -c "ALTER TABLE activity_log DISABLE TRIGGER wm_activity_log_inserted"
    else
        psql "$url" -X -q -c "ALTER TABLE activity_log ENABLE TRIGGER wm_activity_log_inserted"
    fi
    psql "$url" -X -q -c CHECKPOINT
    local versions0 versions
    versions0=$(psql "$url" -X -t -A -c "SELECT last_value FROM wm_data_version_seq")
    "$pg_bin/pgbench" -n -c 1 -j 1 -T "$seconds" --log --log-prefix="$prefix" "$@" "$url" > "$prefix.out" 2>&1 \
        || { cat "$prefix.out" >&2; exit 1; }
    grep -q "number of failed transactions: 0 " "$prefix.out" || { cat "$prefix.out" >&2; exit 1; }
    # The trigger's bumps draw from this sequence: none with the trigger off, one per user and statement on.
    versions=$(( $(psql "$url" -X -t -A -c "SELECT last_value FROM wm_data_version_seq") - versions0 ))
    # Column 3 of the per-transaction log is the latency in microseconds.
    cat "$prefix".[0-9]* | awk '{ print $3 }' | sort -n | awk -v kind="$kind" -v mode="$mode" -v round="$round" \
        -v seconds="$seconds" -v versions="$versions" -v results="$results" '
        { latency[NR] = $1 }
        END {
            p50 = latency[int((NR + 1) * 0.50)] / 1000; p99 = latency[int((NR + 1) * 0.99)] / 1000
            events = kind == "batch" ? NR * 1000 / seconds : NR / seconds
            printf "%-6s trigger %-3s run %d: %d statements in %d s, p50 %.3f ms, p99 %.3f ms, %.0f events/s, %d versions bumped\n",
                kind, mode, round, NR, seconds, p50, p99, events, versions
            printf "%s %s %f %f\n", kind, mode, p50, events >> results
        }'
}

echo "== single-event INSERTs, one connection, ${seconds} s per run, trigger off/on alternating, $rounds rounds" >&2
for round in $(seq 1 "$rounds"); do
    for mode in off on; do measure single "$mode" "$round" -M prepared -f scripts/bench/pgbench/activity-insert.sql; done
done
echo "== batch INSERTs of 1,000 events, one connection, ${seconds} s per run, trigger off/on alternating, $rounds rounds" >&2
for round in $(seq 1 "$rounds"); do
    for mode in off on; do measure batch "$mode" "$round" -M simple "${batch_files[@]}"; done
done
psql "$url" -X -q -c "ALTER TABLE activity_log ENABLE TRIGGER wm_activity_log_inserted"

echo "== summary (mean over the runs)" >&2
awk '
    { key = $1 " " $2; p50[key] += $3; events[key] += $4; runs[key]++ }
    END {
        for (k = 1; k <= 2; k++) {
            kind = k == 1 ? "single" : "batch"
            off = kind " off"; on = kind " on"
            if (!runs[off] || !runs[on]) continue
            a = p50[off] / runs[off]; b = p50[on] / runs[on]
            e = events[off] / runs[off]; f = events[on] / runs[on]
            printf "%-6s p50 trigger off %.3f ms, on %.3f ms (%+.3f ms, %+.1f%%); events/s off %.0f, on %.0f (%+.1f%%)\n",
                kind, a, b, b - a, (b - a) / a * 100, e, f, (f - e) / e * 100
        }
    }' "$results"
written=$(psql "$url" -X -t -A -c "SELECT count(*) FROM activity_log WHERE summary LIKE 'trigger cost batch %'")
echo "batch events written: $written (1,000 per statement unless a random id repeated)" >&2
