#!/usr/bin/env python3
"""Warm-up pass for scripts/load.sh's cached runs (standard library only).

Requests GET /v1/users/{id}/working-memory (JSON, no `now`) once for every user of USERS_FILE, spread over
--threads keep-alive connections (default 8), so that each user's entry is in the render cache before the
measured run. Prints one line: requests, how long they took, answers other than 200, answers without a
data version (the service does not keep those). Exit status 1 when any answer was not 200.

Usage: warm-cache.py --url URL --users USERS_FILE [--threads N] [--accept MEDIA_TYPE]
The bearer token is read from $WM_SERVICE_TOKEN.
"""

import argparse
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse


def main():
    parser = argparse.ArgumentParser(description="Requests every user's block once.")
    parser.add_argument("--url", required=True, help="the service, e.g. http://127.0.0.1:8080")
    parser.add_argument("--users", required=True, help="a file of user ids, one a line")
    parser.add_argument("--threads", type=int, default=8, help="concurrent connections (default 8)")
    parser.add_argument("--accept", default="application/json", help="the Accept header (default application/json)")
    args = parser.parse_args()
    token = os.environ.get("WM_SERVICE_TOKEN", "")
    target = urllib.parse.urlsplit(args.url)
    with open(args.users) as file:
        users = [line.strip() for line in file if line.strip()]
    headers = {"Authorization": "Bearer " + token, "Accept": args.accept}
    lock = threading.Lock()
    counts = {"requests": 0, "failed": 0, "no_version": 0}

    def work(share):
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
        for user in share:
            failed = no_version = 0
            try:
                connection.request("GET", f"/v1/users/{user}/working-memory", headers=headers)
                response = connection.getresponse()
                body = response.read()
                if response.status != 200:
                    failed = 1
                    print(f"warm-up: user {user}: {response.status} {body[:200]!r}", file=sys.stderr, flush=True)
                elif args.accept == "application/json" and json.loads(body)["data_version"] is None:
                    no_version = 1
            except (OSError, http.client.HTTPException) as error:
                failed = 1
                print(f"warm-up: user {user}: {error!r}", file=sys.stderr, flush=True)
                connection.close()
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
            with lock:
                counts["requests"] += 1
                counts["failed"] += failed
                counts["no_version"] += no_version
        connection.close()

    start = time.monotonic()
    threads = [threading.Thread(target=work, args=(users[i::args.threads],)) for i in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    print(f"warm-up: {counts['requests']} requests in {elapsed:.1f} s, not 200: {counts['failed']}, "
          f"without a data version: {counts['no_version']}", flush=True)
    sys.exit(1 if counts["failed"] else 0)


if __name__ == "__main__":
    main()
