# Sourced by the benchmark scripts (bench-db.sh, load.sh, fault.sh); not run on its own.
# bench_cluster_start: a throwaway PostgreSQL cluster on loopback with durable defaults, seeded with 10,000
# users and 1,000,000 activity events (seed.sql), the release `wm` built; sets pg_bin, cluster, port, url.
# The cluster is stopped and removed on exit (bench_cluster_stop runs from an EXIT trap; callers that set
# their own trap call it themselves).

as_owner() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

bench_cluster_stop() {
    as_owner "$pg_bin/pg_ctl -D $cluster/data -m fast stop" >/dev/null 2>&1 || true
    rm -rf "$cluster"
}

# Stops the server but keeps its data (fault.sh), and starts it again.
bench_server_stop() { as_owner "$pg_bin/pg_ctl -D $cluster/data -m fast stop" >/dev/null; }
bench_server_start() {
    as_owner "$pg_bin/pg_ctl -D $cluster/data -l $cluster/server.log -w start" >/dev/null \
        || { echo "the server's log:" >&2; tail -n 20 "$cluster/server.log" >&2; return 1; }
}

bench_cluster_start() {
    scripts/install-deps.sh
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    cluster=$(mktemp -d /tmp/wm-bench-pg.XXXXXX)
    port=$(( 20000 + RANDOM % 20000 ))
    [ "$(id -u)" -eq 0 ] && chown postgres "$cluster"
    trap bench_cluster_stop EXIT
    as_owner "$pg_bin/initdb -D $cluster/data -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    # Options go into the cluster's configuration, so a restart (fault.sh) keeps them.
    as_owner "printf '%s\n' 'port = $port' \"unix_socket_directories = '$cluster'\" \
        \"listen_addresses = '127.0.0.1'\" 'shared_buffers = 1GB' 'max_connections = 200' >> $cluster/data/postgresql.conf"
    bench_server_start
    url="postgresql://postgres@127.0.0.1:$port/wm"
    as_owner "$pg_bin/createdb -h 127.0.0.1 -p $port -U postgres wm"

    swift build -c release --static-swift-stdlib --product wm >&2
    .build/release/wm migrate --database-url "$url" >&2
    psql "$url" -X -q -v ON_ERROR_STOP=1 -f scripts/bench/seed.sql
    # Write the seeded pages out now, so that the first checkpoint does not flush them during the measurements.
    psql "$url" -X -q -c CHECKPOINT
    echo "seeded: $(psql "$url" -X -t -A -c 'SELECT count(*) FROM auth.users') users," \
         "$(psql "$url" -X -t -A -c 'SELECT count(*) FROM activity_log') events" >&2
}

# Installs a benchmark tool from Debian's packages when missing (as root).
bench_need() {
    command -v "$1" >/dev/null && return 0
    [ "$(id -u)" -eq 0 ] || { echo "$1 is missing: apt-get install $1" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$1" >/dev/null
}
