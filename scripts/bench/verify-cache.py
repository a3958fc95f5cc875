#!/usr/bin/env python3
"""Sampling verifier of the render cache (scripts/load.sh runs it alongside wrk; standard library only).

Repeatedly, for a random user of USERS_FILE:
  A = GET /v1/users/{id}/working-memory            (JSON, no `now`: what the cache answers)
  B = GET /v1/users/{id}/working-memory?now=T      (T = the current UTC time, RFC 3339 with microseconds and
                                                    Z, taken after A's answer: the cache is bypassed, a fresh
                                                    render at T)
When A.data_version == B.data_version (the same data) and T is before A.valid_until (or A has none), A and
B must be the same bytes, and then the same strong ETag too: any difference is a STALE answer, printed
(both bodies and a diff) and counted. Otherwise the pair is unverifiable: the data changed in between
(`changed`), T is at or after A.valid_until (`expired`), or an answer has no data version (`no_version`).
Answers other than 200 are counted as errors.

Prints, at the end, one line: checked, stale, unverifiable (by reason), errors. Exit status 1 when any
answer was stale or in error, else 0.

Usage: verify-cache.py --url URL --users USERS_FILE [--duration SECONDS] [--threads N]
The bearer token is read from $WM_SERVICE_TOKEN.
"""

import argparse
import datetime
import difflib
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse

MAXIMUM_PRINTED = 5  # stale pairs printed in full; all are counted


def rfc3339_now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_rfc3339(text):
    """The instant of an RFC 3339 timestamp as the service writes it (UTC, Z, 0 to 6 fraction digits)."""
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    main, offset = text[:-6], text[-6:]
    if "." in main:
        seconds, fraction = main.split(".", 1)
        main = seconds + "." + (fraction + "000000")[:6]
    return datetime.datetime.fromisoformat(main + offset)


class Counts:
    def __init__(self):
        self.lock = threading.Lock()
        self.checked = self.stale = self.errors = self.printed = 0
        self.unverifiable = {"changed": 0, "expired": 0, "no_version": 0}


def get(connection, path, token):
    connection.request("GET", path, headers={"Authorization": "Bearer " + token, "Accept": "application/json"})
    response = connection.getresponse()
    return response.status, response.getheader("ETag"), response.read()


def report_stale(counts, user, a, b, now):
    with counts.lock:
        counts.stale += 1
        if counts.printed >= MAXIMUM_PRINTED:
            return
        counts.printed += 1
    (a_tag, a_body), (b_tag, b_body) = a, b
    lines = [f"STALE answer for user {user} (fresh render at now={now}):",
             f"--- A (cached path), ETag {a_tag}:", a_body.decode("utf-8", "replace"),
             f"--- B (fresh, now={now}), ETag {b_tag}:", b_body.decode("utf-8", "replace"), "--- diff A -> B:"]
    lines += difflib.unified_diff(a_body.decode("utf-8", "replace").splitlines(),
                                  b_body.decode("utf-8", "replace").splitlines(), "A", "B", lineterm="")
    print("\n".join(lines), file=sys.stderr, flush=True)


def check_one(connection, user, token, counts):
    """Requests one A/B pair and counts it."""
    path = f"/v1/users/{user}/working-memory"
    a_status, a_tag, a_body = get(connection, path, token)
    now = rfc3339_now()
    b_status, b_tag, b_body = get(connection, path + "?now=" + urllib.parse.quote(now), token)
    if a_status != 200 or b_status != 200:
        with counts.lock:
            counts.errors += 1
        print(f"error: user {user}: A {a_status}, B {b_status}: {(a_body if a_status != 200 else b_body)[:200]!r}",
              file=sys.stderr, flush=True)
        return
    a, b = json.loads(a_body), json.loads(b_body)
    if a["data_version"] is None or b["data_version"] is None:
        reason = "no_version"
    elif a["data_version"] != b["data_version"]:
        reason = "changed"
    elif a["valid_until"] is not None and parse_rfc3339(now) >= parse_rfc3339(a["valid_until"]):
        reason = "expired"
    else:
        reason = None
    if reason is not None:
        with counts.lock:
            counts.unverifiable[reason] += 1
        return
    with counts.lock:
        counts.checked += 1
    if a_body != b_body or a_tag != b_tag:
        report_stale(counts, user, (a_tag, a_body), (b_tag, b_body), now)


def worker(host, port, users, token, deadline, counts):
    connection = http.client.HTTPConnection(host, port, timeout=10)
    while time.monotonic() < deadline:
        user = random.choice(users)
        try:
            check_one(connection, user, token, counts)
        except (OSError, http.client.HTTPException) as error:
            with counts.lock:
                counts.errors += 1
            print(f"error: user {user}: {error!r}", file=sys.stderr, flush=True)
            connection.close()
            connection = http.client.HTTPConnection(host, port, timeout=10)
    connection.close()


def main():
    parser = argparse.ArgumentParser(description="Checks cached answers against fresh renders.")
    parser.add_argument("--url", required=True, help="the service, e.g. http://127.0.0.1:8080")
    parser.add_argument("--users", required=True, help="a file of user ids, one a line")
    parser.add_argument("--duration", type=float, default=30, help="seconds to run (default 30)")
    parser.add_argument("--threads", type=int, default=2, help="concurrent checkers (default 2)")
    args = parser.parse_args()
    token = os.environ.get("WM_SERVICE_TOKEN", "")
    target = urllib.parse.urlsplit(args.url)
    with open(args.users) as file:
        users = [line.strip() for line in file if line.strip()]
    counts = Counts()
    deadline = time.monotonic() + args.duration
    threads = [threading.Thread(target=worker, args=(target.hostname, target.port, users, token, deadline, counts))
               for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    unverifiable = sum(counts.unverifiable.values())
    reasons = ", ".join(f"{name} {count}" for name, count in counts.unverifiable.items())
    print(f"verifier: checked {counts.checked}, stale {counts.stale}, unverifiable {unverifiable} ({reasons}), "
          f"errors {counts.errors}", flush=True)
    sys.exit(1 if counts.stale or counts.errors else 0)


if __name__ == "__main__":
    main()
