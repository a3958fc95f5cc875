#!/usr/bin/env python3
"""Session start against `wm serve`, as the assistant's Python side would call it (standard library only).

Fetches a user's working-memory block for the system prompt, then appends one activity event without ever
letting a failed write break the session.

    WM_SERVICE_TOKEN=... python3 examples/python/session_start.py USER_UUID [--url http://127.0.0.1:8080]

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

    def __init__(self, base_url, token, timeout=2.0):
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _request(self, method, path, body=None, accept="application/json"):
        # Our own request id: the service logs the request under it, so a failure here can be found there.
        headers = {"Accept": accept, "X-Request-Id": "session-start-" + uuid.uuid4().hex}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode("utf-8")
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=self.timeout) as response:
            return response.read().decode("utf-8")

    def working_memory(self, user_id, budget=None):
        """The render result: markdown, blocks, tokens, budget, report and failed_sources."""
        query = "" if budget is None else "?budget=%d" % budget
        return json.loads(self._request("GET", "/v1/users/%s/working-memory%s" % (user_id, query)))

    def working_memory_markdown(self, user_id):
        """The block alone, ready to paste into the system prompt."""
        return self._request("GET", "/v1/users/%s/working-memory" % user_id, accept="text/markdown")

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
    arguments = parser.parse_args()

    client = WorkingMemoryClient(arguments.url, os.environ.get("WM_SERVICE_TOKEN"))
    try:
        result = client.working_memory(arguments.user, budget=arguments.budget)
    except (urllib.error.URLError, OSError) as error:
        print("working memory unavailable: " + error_text(error), file=sys.stderr)
        return 1
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
