#!/usr/bin/env python3
"""Session start against `wm serve`, as the assistant's Python side would call it (standard library only).

Fetches a user's working-memory block for the system prompt, then appends one activity event without ever
letting a failed write break the session.

The client keeps the last block it got for each user with its ETag and sends the tag back in If-None-Match:
while the block is unchanged the service answers 304 with no body, and the kept block is used, byte for byte
the same (which also keeps the model's prompt cache warm). With --state FILE the kept blocks survive between
runs of this script.

    WM_SERVICE_TOKEN=... python3 examples/python/session_start.py USER_UUID [--url http://127.0.0.1:8080] [--state FILE]

Exit status: 0 with the markdown on stdout; 1 when the block could not be fetched (the message says why).
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
import uuid

DEFAULT_URL = "http://127.0.0.1:8080"


class WorkingMemoryClient:
    """A small client for the service's /v1 routes."""

    def __init__(self, base_url, token, timeout=2.0, kept=None):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout
        # The last answer per (path, accept): {"etag": ..., "body": ...}; see `kept_answers`.
        self.kept = kept if kept is not None else {}
        # True when the last working-memory answer was 304 (the kept body was used).
        self.last_was_unchanged = False

    def kept_answers(self):
        """The kept answers and their tags, to store (e.g. as JSON) and give back to the next client."""
        return self.kept

    def _conditional_get(self, path, accept):
        """GET with the kept answer's tag in If-None-Match: on 304 the kept body, else the new one (kept)."""
        key = accept + " " + path
        kept = self.kept.get(key)
        extra = {"If-None-Match": kept["etag"]} if kept else {}
        self.last_was_unchanged = False
        try:
            body, etag = self._request("GET", path, accept=accept, extra_headers=extra, with_etag=True)
        except urllib.error.HTTPError as error:
            if error.code == 304 and kept:
                self.last_was_unchanged = True
                return kept["body"]
            raise
        if etag:
            self.kept[key] = {"etag": etag, "body": body}
        return body

    def _request(self, method, path, body=None, accept="application/json", extra_headers=None, with_etag=False):
        # Our own request id: the service logs the request under it, so a failure here can be found there.
        headers = {"Accept": accept, "X-Request-Id": "session-start-" + uuid.uuid4().hex}
        headers.update(extra_headers or {})
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            text = response.read().decode("utf-8")
            return (text, response.headers.get("ETag")) if with_etag else text

    def working_memory(self, user_id, budget=None):
        """The render result: markdown, blocks, tokens, budget, report, failed_sources, valid_until and
        data_version. The kept one when the service says it is unchanged (304)."""
        query = "" if budget is None else "?budget=%d" % budget
        return json.loads(self._conditional_get("/v1/users/%s/working-memory%s" % (user_id, query), "application/json"))

    def working_memory_markdown(self, user_id):
        """The block alone, ready to paste into the system prompt (the kept one while unchanged)."""
        return self._conditional_get("/v1/users/%s/working-memory" % user_id, "text/markdown")

    def record_activity(self, user_id, event_type, summary, metadata=None):
        """Appends one event; returns its id. The id is generated here, so a retry cannot write it twice."""
        event = {"id": str(uuid.uuid4()), "user_id": user_id, "event_type": event_type, "summary": summary}
        if metadata is not None:
            event["metadata"] = metadata
        answer = json.loads(self._request("POST", "/v1/activity", body=event))
        return answer["ids"][0]


def error_text(error):
    """The service's error message (its JSON body) or the transport's."""
    if isinstance(error, urllib.error.HTTPError):
        try:
            details = json.loads(error.read().decode("utf-8")).get("error", {})
            return "HTTP %d %s: %s (request %s)" % (
                error.code, details.get("code", ""), details.get("message", ""), details.get("request_id", "?"))
        except (ValueError, AttributeError):
            return "HTTP %d" % error.code
    return str(getattr(error, "reason", error))


def main():
    parser = argparse.ArgumentParser(description="Fetch a user's working-memory block and record a chat session.")
    parser.add_argument("user", help="the user's UUID")
    parser.add_argument("--url", default=os.environ.get("WM_SERVICE_URL", DEFAULT_URL), help="service address")
    parser.add_argument("--budget", type=int, help="token budget (the template's default when omitted)")
    parser.add_argument("--state", help="a JSON file keeping the last blocks and their ETags between runs")
    arguments = parser.parse_args()

    kept = {}
    if arguments.state and os.path.exists(arguments.state):
        try:
            with open(arguments.state, encoding="utf-8") as file:
                kept = json.load(file)
        except (OSError, ValueError) as error:
            print("ignoring unreadable state file %s: %s" % (arguments.state, error), file=sys.stderr)
    client = WorkingMemoryClient(arguments.url, os.environ.get("WM_SERVICE_TOKEN"), kept=kept)
    try:
        result = client.working_memory(arguments.user, budget=arguments.budget)
    except (urllib.error.URLError, OSError) as error:
        print("working memory unavailable: " + error_text(error), file=sys.stderr)
        return 1
    if arguments.state:
        print("block unchanged since the last run (304)" if client.last_was_unchanged else "block fetched", file=sys.stderr)
        temporary = arguments.state + ".tmp"
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(client.kept_answers(), file)
        os.replace(temporary, arguments.state)
    for failed in result.get("failed_sources", []):
        print("note: %s could not be read (%s)" % (failed.get("source"), failed.get("reason")), file=sys.stderr)
    print(result["markdown"], end="")
    print("(%d of %d tokens, %s)" % (result["tokens"], result["budget"], result["tokenizer"]), file=sys.stderr)

    # Recording activity must never break the session: log and go on.
    try:
        event_id = client.record_activity(arguments.user, "chat_session", "Session started from session_start.py")
        print("recorded event " + event_id, file=sys.stderr)
    except (urllib.error.URLError, OSError) as error:
        print("activity not recorded: " + error_text(error), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
