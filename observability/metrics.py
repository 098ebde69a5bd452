"""The assistant's operational metrics, in Prometheus format (standard client library).

Counted in the Rasa server process: every channel request (by channel and HTTP status), the time to
answer a message, the fallbacks (messages not understood), the actions that failed and the requests
refused for going too fast. ``/metrics`` is off (404) unless METRICS_TOKEN is set, and then asks for
``Authorization: Bearer <METRICS_TOKEN>`` (401 otherwise). Behind several servers, Prometheus
scrapes each one (the proxy never exposes ``/metrics``).
"""

from __future__ import annotations

import hmac
import os
import re
import time
from typing import Any, Awaitable, Callable, Optional

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest

REQUESTS = Counter(
    "assistant_requests",
    "Requests to the channels' webhooks, by channel and HTTP status.",
    ["channel", "status"],
)
ANSWER_SECONDS = Histogram(
    "assistant_answer_seconds",
    "Time to answer one user message, by channel (seconds).",
    ["channel"],
    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
)
FALLBACKS = Counter("assistant_fallbacks", "Messages not understood (the assistant asked to rephrase).")
ACTION_ERRORS = Counter(
    "assistant_action_errors",
    "Actions that could not run (the user got the technical-problem message).",
    ["action", "cause"],
)
RATE_LIMITED = Counter(
    "assistant_rate_limited", "Messages refused with 429, by channel and reason.", ["channel", "reason"]
)

WEBHOOK_PATH = re.compile(r"^/webhooks/([a-z0-9_]{1,32})/")
KNOWN_CHANNELS = frozenset({"rest", "widget", "slack", "teams", "metrics"})


def channel_of(path: str) -> Optional[str]:
    """The channel a request path belongs to (bounded set of labels), or None for other routes."""
    found = WEBHOOK_PATH.match(path)
    if not found:
        return None
    return found.group(1) if found.group(1) in KNOWN_CHANNELS else "other"


def metrics_token() -> str:
    return os.environ.get("METRICS_TOKEN", "")


def authorized(header: Optional[str], token: str) -> bool:
    """True when the Authorization header carries the token (constant-time comparison)."""
    expected = f"Bearer {token}".encode()
    return bool(token) and hmac.compare_digest((header or "").encode(), expected)


def exposition() -> bytes:
    return generate_latest()


class Timer:
    """Measures one answer: ``with Timer("rest"): ...``."""

    def __init__(self, channel: str) -> None:
        self.channel = channel
        self.started = 0.0

    def __enter__(self) -> Timer:
        self.started = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        ANSWER_SECONDS.labels(self.channel).observe(time.perf_counter() - self.started)


def timed(handler: Callable[[Any], Awaitable[Any]], channel: str) -> Callable[[Any], Awaitable[Any]]:
    """`handler` (a channel's on_new_message) with its answer time observed."""

    async def run(message: Any) -> Any:
        with Timer(channel):
            return await handler(message)

    return run


__all__ = ["CONTENT_TYPE_LATEST", "exposition"]
