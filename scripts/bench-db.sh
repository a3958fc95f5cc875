#!/usr/bin/env bash
# Database benchmarks (not part of CI): starts a throwaway PostgreSQL cluster with durable defaults, seeds
# 10,000 users and 1,000,000 activity events (scripts/bench/seed.sql), then runs:
#   - the ActivityStore and SessionStart benchmark targets (package-benchmark, release build);
#   - `wm budget-report --all-users` over the 10,000 users, timed.
# Arguments are passed to `swift package benchmark` (e.g. --target SessionStart). By default the read
# benchmarks (SessionStart) run before the write ones (ActivityStore), in separate runs with a CHECKPOINT
# between: on this machine kind, reads measured right after 100,000 writes wait behind the checkpoint's
# disk writes (seen: gather p50 86-155 ms instead of about 1 ms).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bench/cluster.sh
bench_cluster_start

echo "== wm budget-report --all-users" >&2
start=$(date +%s.%N)
.build/release/wm budget-report --all-users --database-url "$url"
end=$(date +%s.%N)
echo "budget-report --all-users took $(echo "$end - $start" | bc) s" >&2

cd Benchmarks
export WM_BENCH_DATABASE_URL="$url"
if [ $# -gt 0 ]; then
    swift package --allow-writing-to-package-directory benchmark "$@"
else
    swift package --allow-writing-to-package-directory benchmark --target SessionStart
    psql "$url" -X -q -c CHECKPOINT
    swift package --allow-writing-to-package-directory benchmark --target ActivityStore
fi
