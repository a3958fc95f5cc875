#!/usr/bin/env bash
# Contract tests: Schemathesis (pinned) fuzzes `wm serve` against openapi.yaml; any failure fails the run.
#
# Usage: scripts/contract/run-schemathesis.sh DATABASE_SERVER_URL PORT
#   DATABASE_SERVER_URL  a PostgreSQL server URL without a database (scripts/test.sh's throwaway cluster)
#   PORT                 a free loopback port for `wm serve`
# Installs Schemathesis in a virtual environment under .build (python3 -m venv, pip), creates the database
# wm_contract, migrates it, seeds the users the spec's examples name, starts `wm serve` on 127.0.0.1:PORT with a
# throwaway token, runs every check and phase with a fixed seed (schemathesis.toml), and stops the service.
# Expects `wm` built (swift build) and run from the repository root.
set -euo pipefail
cd "$(dirname "$0")/../.."

server_url=$1
port=$2
version=4.32.5
venv=.build/schemathesis-venv

if [ "$("$venv/bin/st" --version 2>/dev/null | awk '{print $NF}')" != "$version" ]; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$version"
fi

database_url="$server_url/wm_contract"
psql "$server_url/postgres" -v ON_ERROR_STOP=1 -q -c "DROP DATABASE IF EXISTS wm_contract" -c "CREATE DATABASE wm_contract"
.build/debug/wm migrate --database-url "$database_url" >/dev/null

# The users of schemathesis.toml's dictionary: the first (also openapi.yaml's example user id) with data so
# that it renders, the second without any.
users=($(grep '^values = ' scripts/contract/schemathesis.toml | grep -o '[0-9a-f-]\{36\}'))
user=${users[0]}
grep -q "example: $user" openapi.yaml || { echo "openapi.yaml's example user is not $user" >&2; exit 1; }
psql "$database_url" -v ON_ERROR_STOP=1 -q <<SQL
INSERT INTO auth.users (id) VALUES ('$user'), ('${users[1]}');
INSERT INTO user_context (user_id, key, value, source) VALUES ('$user', 'name', 'Alex Rivera', 'user_stated');
INSERT INTO activity_log (user_id, event_type, summary) VALUES ('$user', 'deliverable_run', 'Ran the weekly report');
INSERT INTO chat_sessions (user_id, created_at, summary) VALUES ('$user', now() - interval '1 day', 'Planned the launch');
SQL

export WM_CONTRACT_TOKEN="contract-$RANDOM$RANDOM$RANDOM"
log=$(mktemp /tmp/wm-contract-serve.XXXXXX)
WM_SERVICE_TOKEN="$WM_CONTRACT_TOKEN" .build/debug/wm serve --host 127.0.0.1 --port "$port" \
    --database-url "$database_url" --log-level warning 2>"$log" &
serve=$!
stop_serve() {
    kill "$serve" 2>/dev/null || true
    wait "$serve" 2>/dev/null || true
}
trap stop_serve EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    kill -0 "$serve" 2>/dev/null || { cat "$log" >&2; echo "wm serve did not start" >&2; exit 1; }
    sleep 0.2
done

status=0
# Hypothesis keeps its Unicode tables under the build folder, not in the checkout.
export HYPOTHESIS_STORAGE_DIRECTORY="$PWD/.build/hypothesis"
"$venv/bin/st" --config-file scripts/contract/schemathesis.toml --no-color run openapi.yaml \
    --url "http://127.0.0.1:$port" --checks all --phases examples,coverage,fuzzing,stateful || status=$?
# What the service itself counted: every request Schemathesis sent, by status.
curl -fsS "http://127.0.0.1:$port/metrics" | awk '
    /^wm_http_requests_total\{/ { match($0, /status="[0-9]+"/); status = substr($0, RSTART + 8, 3); count[status] += $NF; total += $NF }
    END { line = "wm serve answered " total " requests:"; for (s in count) line = line " " s "=" count[s]; print line }'
if grep -q "request failed" "$log"; then
    echo "wm serve logged internal errors:" >&2
    grep "request failed" "$log" >&2
    status=1
fi
rm -f "$log"
exit "$status"
