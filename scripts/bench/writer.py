#!/usr/bin/env python3
"""Concurrent writer for scripts/load.sh's cache run (standard library only).

Appends --rate events per second (default 500) to random users of USERS_FILE through POST /v1/activity,
in batches of --batch events (default 10, so 50 requests a second), each batch for --batch distinct random
users, on one keep-alive connection, on a fixed schedule: batch k is sent at start + k x batch / rate (at
once when behind). Every event is new (the service gives it an id), type platform_synced, summary
"cache test write N", created now: it shows in the user's recent activity, so it changes the rendered block
and bumps the user's data version.

Prints, at the end, one line: events written, the rate reached, the POST latency p50/p99 and errors.
Exit status 1 when a request failed.

Usage: writer.py --url URL --users USERS_FILE [--rate EVENTS_PER_SECOND] [--batch N] [--duration SECONDS]
The bearer token is read from $WM_SERVICE_TOKEN.
"""

import argparse
import http.client
import json
import os
import random
import sys
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser(description="Appends activity events at a fixed rate.")
    parser.add_argument("--url", required=True, help="the service, e.g. http://127.0.0.1:8080")
    parser.add_argument("--users", required=True, help="a file of user ids, one a line")
    parser.add_argument("--rate", type=float, default=500, help="events per second (default 500)")
    parser.add_argument("--batch", type=int, default=10, help="events per request (default 10)")
    parser.add_argument("--duration", type=float, default=30, help="seconds to run (default 30)")
    args = parser.parse_args()
    token = os.environ.get("WM_SERVICE_TOKEN", "")
    target = urllib.parse.urlsplit(args.url)
    with open(args.users) as file:
        users = [line.strip() for line in file if line.strip()]
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
    interval = args.batch / args.rate
    start = time.monotonic()
    written = errors = sent = 0
    latencies = []
    while True:
        due = start + sent * interval
        if due - start >= args.duration:
            break
        delay = due - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        body = json.dumps([{"user_id": user, "event_type": "platform_synced",
                            "summary": f"cache test write {sent * args.batch + i}", "metadata": {"item_count": i + 1}}
                           for i, user in enumerate(random.sample(users, args.batch))])
        sent += 1
        began = time.monotonic()
        try:
            connection.request("POST", "/v1/activity", body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            if response.status == 201:
                written += args.batch
                latencies.append(time.monotonic() - began)
            else:
                errors += 1
                print(f"writer: POST answered {response.status}: {answer[:200]!r}", file=sys.stderr, flush=True)
        except (OSError, http.client.HTTPException) as error:
            errors += 1
            print(f"writer: POST failed: {error!r}", file=sys.stderr, flush=True)
            connection.close()
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
    elapsed = time.monotonic() - start
    connection.close()
    latencies.sort()
    def percentile(p):
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
    print(f"writer: {written} events in {elapsed:.1f} s ({written / elapsed:.0f} events/s, target {args.rate:.0f}), "
          f"{args.batch} per POST, POST latency p50 {percentile(0.50):.1f} ms, p99 {percentile(0.99):.1f} ms, "
          f"errors {errors}", flush=True)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
