#!/usr/bin/env bash
# Server-side cost of the session-start read (not part of CI): a throwaway cluster seeded like bench-db.sh,
# then pgbench runs, interleaved in one run so the machine's drift affects them alike: lookup.sql (one round
# trip), pipeline.sql (the source's read), the same widened to every activity column (the read before
# migration 004), and combined.sql (the single JSON-building statement the source used before), and prints
# each script's average latency. Every script first looks up a random user's id (lookup.sql alone is that).
# Usage: scripts/pgbench.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
source scripts/bench/cluster.sh
bench_cluster_start
psql "$url" -X -q -c "CREATE TABLE bench_users AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM auth.users" \
    -c "CREATE UNIQUE INDEX ON bench_users (n)" -c "VACUUM ANALYZE" -c "CHECKPOINT"
# The read as it was before migration 004: every activity column, so the heap is visited again.
all_columns=$cluster/pipeline-all-columns.sql
sed 's/SELECT id, summary, created_at FROM activity_log/SELECT id, event_type, event_ref, summary, metadata, created_at FROM activity_log/' \
    scripts/bench/pgbench/pipeline.sql > "$all_columns"
grep -q "event_type, event_ref" "$all_columns" || { echo "pipeline.sql no longer has the activity read to widen" >&2; exit 1; }
"$pg_bin/pgbench" -n -M prepared -c 1 -T "$seconds" \
    -f scripts/bench/pgbench/lookup.sql@1 -f scripts/bench/pgbench/pipeline.sql@1 \
    -f "$all_columns"@1 -f scripts/bench/pgbench/combined.sql@1 "$url" | grep -E "SQL script|latency average"
