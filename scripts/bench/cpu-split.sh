# Sourced by load.sh: where a wrk run's CPU went, per request answered.
# cpu_split_run LABEL WRK_ARGS...: runs wrk (its output to standard output, as before) and then prints, per
# request, the CPU time (user + system) of the service ($service_pid), of the bench cluster's PostgreSQL
# processes (its postmaster and children; other clusters on the machine are not counted) and of wrk,
# and the service's thread switches (voluntary and involuntary, all threads), counted over the run; before
# that, one summary line: LABEL, requests/s, p99 latency and errors (non-2xx answers, socket errors).

# Clock ticks of user + system time of the given processes (those gone meanwhile count nothing).
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] && total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
    done
    echo "$total"
}

# The bench cluster's server processes: its postmaster (first line of postmaster.pid) and the postmaster's children.
cluster_pids() {
    local postmaster
    postmaster=$(head -n 1 "$cluster/data/postmaster.pid")
    echo "$postmaster" $(pgrep -P "$postmaster")
}

# Thread switches of all threads of process $1.
thread_switches() {
    cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches/ { total += $2 } END { print total + 0 }'
}

cpu_split_run() {
    local label=$1; shift
    local ticks_per_second service0 postgres0 switches0 wrk_times output requests
    ticks_per_second=$(getconf CLK_TCK)
    service0=$(cpu_ticks "$service_pid")
    postgres0=$(cpu_ticks $(cluster_pids))
    switches0=$(thread_switches "$service_pid")
    wrk_times=$(mktemp)
    output=$( { TIMEFORMAT='%U %S'; time wrk "$@" ; } 2> "$wrk_times" )
    echo "$output"
    requests=$(echo "$output" | awk '/requests in/ { print $1 }')
    echo "$output" | awk -v label="$label" '
        /^Requests\/sec:/ { rate = $2 }
        $1 == "99%" { p99 = $2 }
        /^ *Non-2xx or 3xx responses:/ { non2xx = $NF }
        /^ *Socket errors:/ { gsub(",", ""); socket = $4 + $6 + $8 + $10 }
        END { printf "%s: %s requests/s, p99 %s, errors %d (non-2xx %d, socket %d)\n",
                  label, rate, p99, non2xx + socket, non2xx, socket }' >&2
    if [ -z "$requests" ] || [ "$requests" -eq 0 ]; then rm -f "$wrk_times"; return 0; fi
    awk -v label="$label" -v requests="$requests" -v tps="$ticks_per_second" \
        -v service=$(( $(cpu_ticks "$service_pid") - service0 )) \
        -v postgres=$(( $(cpu_ticks $(cluster_pids)) - postgres0 )) \
        -v switches=$(( $(thread_switches "$service_pid") - switches0 )) \
        '{ wrk = $1 + $2 } END {
            printf "%s, CPU per request: service %.0f µs, PostgreSQL %.0f µs, wrk %.0f µs; service thread switches per request %.2f\n",
                label, service / tps / requests * 1e6, postgres / tps / requests * 1e6, wrk / requests * 1e6, switches / requests
        }' "$wrk_times" >&2
    rm -f "$wrk_times"
}
