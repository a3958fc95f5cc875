#!/usr/bin/env bash
# Load test of `wm serve` (not part of CI; loopback only; about 5 minutes with the seeding):
#   1. wrk, 30 s, 64 connections, GET /v1/users/{id}/working-memory over 10,000 seeded users
#      (targets on a 2-core machine: >= 5,000 requests/s, p99 <= 10 ms, no errors);
#   2. batch ingestion: wrk, 10 s, 4 connections, POST /v1/activity with 1,000 events per request
#      (target >= 20,000 events/s = requests/s x 1,000).
# WM_LOAD_POOL_SIZE sets --pool-size (default 4). Prints wrk's reports and the service's metrics of errors.
source "$(dirname "$0")/load/common.sh"

echo "== working memory: wrk -t2 -c64 -d30s --latency" >&2
wrk -t2 -c64 -d30s --latency -s scripts/load/working-memory.lua "$base" -- "$work/users.txt"

user=$(head -n 1 "$work/users.txt")
python3 - "$user" > "$work/batch.json" <<'PY'
import json, sys
print(json.dumps([{"user_id": sys.argv[1], "event_type": "platform_synced",
                   "summary": "Synced slack/#general: %d items" % i, "metadata": {"item_count": i}}
                  for i in range(1000)]))
PY
echo "== batch ingestion: wrk -t1 -c4 -d10s, 1,000 events per request (events/s = requests/s x 1000)" >&2
wrk -t1 -c4 -d10s --latency -s scripts/load/activity-batch.lua "$base/v1/activity" -- "$work/batch.json"

echo "== service metrics (requests by status, pool)" >&2
curl -s "$base/metrics" | grep -E '^wm_(http_requests_total|pool_rejected_total|pool_call_timeouts_total|activity_writes_rejected_total|activity_events_written_total)' >&2
