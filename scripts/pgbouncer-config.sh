# Sourced by scripts/test.sh and scripts/bench/pgbouncer.sh: the configuration of a throwaway PgBouncer
# (Debian's 1.18) in transaction mode on loopback, as Supabase's transaction pooler (port 6543) behaves.
# write_pgbouncer_config FOLDER SERVER_PORT LISTEN_PORT POOL_SIZE MAX_CLIENTS: writes FOLDER/pgbouncer.ini
# and FOLDER/userlist.txt (trust for "postgres"; its log and pid file go to FOLDER too), owned by the
# postgres user when run as root. Start it with `pgbouncer -d FOLDER/pgbouncer.ini` as that user.
write_pgbouncer_config() {
    local folder=$1 server_port=$2 listen_port=$3 pool_size=$4 max_clients=$5
    cat > "$folder/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$server_port
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $listen_port
unix_socket_dir =
auth_type = trust
auth_file = $folder/userlist.txt
pool_mode = transaction
default_pool_size = $pool_size
max_client_conn = $max_clients
logfile = $folder/pgbouncer.log
pidfile = $folder/pgbouncer.pid
INI
    echo '"postgres" ""' > "$folder/userlist.txt"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$folder/pgbouncer.ini" "$folder/userlist.txt"; fi
}
