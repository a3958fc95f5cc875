#!/usr/bin/env python3
"""Session start against `wm serve`, as a caller in the original Python stack would do it.

Standard library only. Fetches the user's working-memory block (markdown, for the system prompt) and posts
one activity event. The event write never blocks or breaks the caller's own work: it has a short timeout,
is retried once with the same id (the service writes an id only once), and a failure is only logged.

    WM_SERVICE_URL=http://127.0.0.1:8080 WM_SERVICE_TOKEN=... python3 session_start.py USER_UUID
"""
import json
import logging
import os
import sys
import urllib.error
import urllib.request
import uuid

SERVICE_URL = os.environ.get("WM_SERVICE_URL", "http://127.0.0.1:8080").rstrip("/")
TOKEN = os.environ.get("WM_SERVICE_TOKEN", "")
log = logging.getLogger("session_start")


def _request(method, path, body=None, accept="application/json", timeout=2.0):
    headers = {"Accept": accept}
    if TOKEN:
        headers["Authorization"] = "Bearer " + TOKEN
    data = None
    if body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(SERVICE_URL + path, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return response.read().decode("utf-8")


def working_memory(user_id, budget=None):
    """The markdown block for the system prompt, or "" when the service cannot give one in time."""
    path = "/v1/users/%s/working-memory" % user_id
    if budget:
        path += "?budget=%d" % budget
    try:
        return _request("GET", path, accept="text/markdown")
    except urllib.error.HTTPError as error:
        detail = json.loads(error.read() or b"{}").get("error", {})
        log.warning("working memory unavailable (%s %s): %s", error.code, detail.get("code"), detail.get("message"))
    except (urllib.error.URLError, TimeoutError) as error:
        log.warning("working memory unavailable: %s", error)
    return ""


def record_event(user_id, event_type, summary, metadata=None):
    """Appends one event; returns its id, or None (logged) when it could not be written."""
    event = {"id": str(uuid.uuid4()), "user_id": user_id, "event_type": event_type, "summary": summary}
    if metadata is not None:
        event["metadata"] = metadata
    for attempt in (1, 2):
        try:
            return json.loads(_request("POST", "/v1/activity", body=event, timeout=1.0))["ids"][0]
        except urllib.error.HTTPError as error:
            if error.code != 503:  # a refused event will be refused again
                log.error("event refused (%s): %s", error.code, error.read().decode("utf-8", "replace"))
                return None
        except (urllib.error.URLError, TimeoutError) as error:
            log.warning("event write attempt %d failed: %s", attempt, error)
    return None


def main():
    logging.basicConfig(level=logging.INFO)
    if len(sys.argv) != 2:
        print("usage: session_start.py USER_UUID", file=sys.stderr)
        return 64
    user_id = sys.argv[1]
    block = working_memory(user_id)
    system_prompt = "You are a helpful assistant.\n\n" + block
    print(system_prompt)
    event_id = record_event(user_id, "chat_session", "Session started", {"client": "session_start.py"})
    log.info("recorded session start as %s", event_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
