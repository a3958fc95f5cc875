#!/usr/bin/env bash
# Benchmarks the activity-log store (not part of CI): starts a throwaway PostgreSQL cluster, seeds
# 10,000 users and 1,000,000 events spread over the last 30 days, and runs the ActivityStore benchmarks.
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
# Durable defaults (fsync on), as a real server would run; shared_buffers large enough for the data set.
as_owner "$pg_bin/pg_ctl -D $cluster/data -l $cluster/server.log -w -o \"-p $port -k $cluster \
    -c listen_addresses=127.0.0.1 -c shared_buffers=1GB\" start" >/dev/null
url="postgresql://postgres@127.0.0.1:$port/wm"
as_owner "$pg_bin/createdb -h 127.0.0.1 -p $port -U postgres wm"
swift run -c release wm migrate --database-url "$url"
psql "$url" -X -q -v ON_ERROR_STOP=1 <<'SQL'
INSERT INTO auth.users (id) SELECT gen_random_uuid() FROM generate_series(1, 10000);
INSERT INTO activity_log (user_id, event_type, summary, metadata, created_at)
SELECT u.id, 'platform_synced', 'Synced slack/#general: ' || g || ' items', jsonb_build_object('item_count', g),
       now() - (random() * interval '30 days')
FROM (SELECT id, row_number() OVER () AS n FROM auth.users) u, generate_series(1, 100) g;
VACUUM ANALYZE;
SQL
echo "seeded: $(psql "$url" -X -t -A -c 'SELECT count(*) FROM activity_log') events" >&2
cd Benchmarks
WM_BENCH_DATABASE_URL="$url" swift package --allow-writing-to-package-directory benchmark --target ActivityStore "$@"
