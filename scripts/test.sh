#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL 15 cluster, on a fresh Debian 12 machine as root.
#
# Installs what is missing, creates a cluster in a temporary folder (its own port, trust auth on loopback),
# applies the migrations with `wm migrate`, runs `swift test` with warnings as errors, and stops the cluster
# and removes its folder even when the tests fail. Extra arguments go to `swift test` (e.g. --filter X).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
[ -c /dev/null ] || { echo "/dev/null is not a character device; initdb cannot run" >&2; exit 1; }

cluster=$(mktemp -d /tmp/wm-test-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$cluster"

stop_cluster() {
    as_owner "'$pg_bin/pg_ctl' -D '$cluster/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$cluster"
}
trap stop_cluster EXIT

as_owner "'$pg_bin/initdb' -D '$cluster/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
as_owner "'$pg_bin/pg_ctl' -D '$cluster/data' -l '$cluster/server.log' -w -o \"-p $port -k '$cluster' \
    -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
    -c max_connections=200\" start" >/dev/null

export WM_TEST_SERVER_URL="postgresql://postgres@127.0.0.1:$port"
export DATABASE_URL="$WM_TEST_SERVER_URL/wm"
as_owner "'$pg_bin/createdb' -h 127.0.0.1 -p $port -U postgres wm"

swift build -Xswiftc -warnings-as-errors --build-tests
swift run -Xswiftc -warnings-as-errors --skip-build wm migrate
swift test -Xswiftc -warnings-as-errors --skip-build "$@"
