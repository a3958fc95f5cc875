# Sourced by load.sh after cluster.sh: PgBouncer (Debian's 1.18) in transaction mode in front of the bench
# cluster, as Supabase's transaction pooler (port 6543) would be.
# pgbouncer_start SERVER_CONNECTIONS: listens on loopback, default_pool_size = SERVER_CONNECTIONS; sets
# bouncer_url. pgbouncer_stop stops it (service.sh's exit trap calls it).

source scripts/pgbouncer-config.sh

pgbouncer_start() {
    bench_need pgbouncer
    local bouncer_port=$(( port + 3 ))
    write_pgbouncer_config "$cluster" "$port" "$bouncer_port" "$1" 1000
    as_owner "pgbouncer -d $cluster/pgbouncer.ini"
    bouncer_url="postgresql://postgres@127.0.0.1:$bouncer_port/wm"
}

pgbouncer_stop() {
    [ -f "$cluster/pgbouncer.pid" ] && kill "$(cat "$cluster/pgbouncer.pid")" 2>/dev/null || true
}
