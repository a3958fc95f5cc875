# Sourced by load.sh after service.sh: the render cache's metrics, read from the running service's /metrics.
# cache_counters: prints one line "HITS ABSENT CHANGED EXPIRED EVICTIONS BYTES ENTRIES" (the counters
# wm_render_cache_hits_total, wm_render_cache_misses_total{reason=...}, wm_render_cache_evictions_total and
# the gauges wm_render_cache_bytes, wm_render_cache_entries).
# cache_report LABEL BEFORE: prints, for the counters, the change since BEFORE (a cache_counters line), the
# hit ratio hits / (hits + misses) over that span, and the gauges now.

cache_counters() {
    curl -fsS "$service_url/metrics" | awk '
        $1 == "wm_render_cache_hits_total" { hits = $2 }
        $1 == "wm_render_cache_misses_total{reason=\"absent\"}" { absent = $2 }
        $1 == "wm_render_cache_misses_total{reason=\"changed\"}" { changed = $2 }
        $1 == "wm_render_cache_misses_total{reason=\"expired\"}" { expired = $2 }
        $1 == "wm_render_cache_evictions_total" { evictions = $2 }
        $1 == "wm_render_cache_bytes" { bytes = $2 }
        $1 == "wm_render_cache_entries" { entries = $2 }
        END { printf "%d %d %d %d %d %d %d\n", hits, absent, changed, expired, evictions, bytes, entries }'
}

cache_report() {
    local label=$1 before=$2
    echo "$before $(cache_counters)" | awk -v label="$label" '{
        hits = $8 - $1; absent = $9 - $2; changed = $10 - $3; expired = $11 - $4; evictions = $12 - $5
        lookups = hits + absent + changed + expired
        printf "%s, render cache: hit ratio %.2f%% (%d hits; misses: %d absent, %d changed, %d expired), %d evictions; now %d entries, %.1f MiB\n",
            label, lookups ? hits / lookups * 100 : 0, hits, absent, changed, expired, evictions, $14, $13 / 1048576
    }' >&2
}
