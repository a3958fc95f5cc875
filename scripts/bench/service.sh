# Sourced by load.sh and fault.sh after cluster.sh: runs the release `wm serve` against the bench cluster.
# service_start POOL_SIZE [DATABASE_URL [wm serve options...]]: picks a free port, a random token, writes the
# users' ids to $work/users.txt, starts the service in the background (against $url unless a URL is given)
# and waits for /healthz; sets work, token, service_url, service_pid.
# service_restart POOL_SIZE [DATABASE_URL [options...]]: stops the running service and starts another.
# The service is stopped (SIGTERM: graceful) on exit, before PgBouncer (when started) and the cluster.

service_kill() {
    if [ -n "${service_pid:-}" ]; then kill -TERM "$service_pid" 2>/dev/null || true; wait "$service_pid" 2>/dev/null || true; fi
    service_pid=
}

service_stop() {
    service_kill
    rm -rf "${work:-}"
    if declare -F pgbouncer_stop >/dev/null; then pgbouncer_stop; fi
    bench_cluster_stop
}

service_start() {
    work=$(mktemp -d /tmp/wm-load.XXXXXX)
    trap service_stop EXIT
    token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
    psql "$url" -X -t -A -c "SELECT id FROM auth.users ORDER BY id" > "$work/users.txt"
    service_launch "$@"
}

service_restart() {
    service_kill
    service_launch "$@"
}

service_launch() {
    local pool_size=$1 database=${2:-$url}
    shift; [ $# -gt 0 ] && shift
    local service_port=$(( 40000 + RANDOM % 20000 ))
    service_url="http://127.0.0.1:$service_port"
    WM_SERVICE_TOKEN="$token" .build/release/wm serve --host 127.0.0.1 --port "$service_port" \
        --database-url "$database" --pool-size "$pool_size" --log-level warning "$@" > "$work/service.log" 2>&1 &
    service_pid=$!
    for _ in $(seq 1 100); do
        curl -fsS "$service_url/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "the service did not start; its log:" >&2
    cat "$work/service.log" >&2
    exit 1
}
