# Shared by scripts/load.sh and scripts/fault.sh (sourced, not run): a throwaway PostgreSQL cluster seeded
# with scripts/bench/seed.sql (10,000 users, 1,000,000 events), a release `wm serve` on loopback, and the
# user ids for wrk. Everything is removed on exit. Loopback only; not part of CI.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
work=$(mktemp -d /tmp/wm-load.XXXXXX)
chmod 755 "$work"   # the postgres user must reach the cluster folder inside
cluster="$work/pg"
mkdir "$cluster"
pg_port=$(( 20000 + RANDOM % 20000 ))
http_port=$(( 40000 + RANDOM % 20000 ))
pool_size=${WM_LOAD_POOL_SIZE:-4}
as_owner() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    as_owner "$pg_bin/pg_ctl -D $cluster/data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

pg_start() {
    as_owner "$pg_bin/pg_ctl -D $cluster/data -l $cluster/server.log -w -o \"-p $pg_port -k $cluster \
        -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_connections=100\" start" >/dev/null
}
pg_stop() { as_owner "$pg_bin/pg_ctl -D $cluster/data -m fast stop" >/dev/null; }

as_owner "$pg_bin/initdb -D $cluster/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
pg_start
url="postgresql://postgres@127.0.0.1:$pg_port/wm"
as_owner "$pg_bin/createdb -h 127.0.0.1 -p $pg_port -U postgres wm"

swift build -c release --static-swift-stdlib --product wm >&2
.build/release/wm migrate --database-url "$url" >&2
echo "seeding 10,000 users and 1,000,000 events..." >&2
psql "$url" -X -q -v ON_ERROR_STOP=1 -f scripts/bench/seed.sql
psql "$url" -X -q -c CHECKPOINT
psql "$url" -X -t -A -c 'SELECT id FROM auth.users' > "$work/users.txt"

WM_SERVICE_TOKEN=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
export WM_SERVICE_TOKEN
WM_SERVICE_TOKEN="$WM_SERVICE_TOKEN" .build/release/wm serve --host 127.0.0.1 --port "$http_port" \
    --database-url "$url" --pool-size "$pool_size" --log-level warning 2> "$work/serve.log" &
server_pid=$!
base="http://127.0.0.1:$http_port"
for _ in $(seq 50); do curl -sf "$base/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -sf "$base/readyz" >/dev/null || { echo "the service is not ready; log:" >&2; cat "$work/serve.log" >&2; exit 1; }
echo "wm serve (pid $server_pid) on $base, pool $pool_size, database $url" >&2
