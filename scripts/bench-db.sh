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
scripts/install-deps.sh

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
cluster=$(mktemp -d /tmp/wm-bench-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_owner() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
trap 'as_owner "$pg_bin/pg_ctl -D $cluster/data -m fast stop" >/dev/null 2>&1 || true; rm -rf "$cluster"' EXIT
as_owner "$pg_bin/initdb -D $cluster/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_owner "$pg_bin/pg_ctl -D $cluster/data -l $cluster/server.log -w -o \"-p $port -k $cluster \
    -c listen_addresses=127.0.0.1 -c shared_buffers=1GB\" start" >/dev/null
url="postgresql://postgres@127.0.0.1:$port/wm"
as_owner "$pg_bin/createdb -h 127.0.0.1 -p $port -U postgres wm"

swift build -c release --static-swift-stdlib --product wm >&2
.build/release/wm migrate --database-url "$url" >&2
psql "$url" -X -q -v ON_ERROR_STOP=1 -f scripts/bench/seed.sql
echo "seeded: $(psql "$url" -X -t -A -c 'SELECT count(*) FROM auth.users') users," \
     "$(psql "$url" -X -t -A -c 'SELECT count(*) FROM activity_log') events" >&2

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
