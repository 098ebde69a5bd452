"""A stand-in for Slack's cloud on 127.0.0.1: the Web API (recording every call) and signed requests."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qsl


@dataclass
class SlackCall:
    method: str
    authorization: str
    body: Dict[str, Any]
    ts: str

    @property
    def channel(self) -> Optional[str]:
        return self.body.get("channel")

    @property
    def thread_ts(self) -> Optional[str]:
        return self.body.get("thread_ts")

    @property
    def text(self) -> str:
        return str(self.body.get("text", ""))

    def buttons(self) -> List[Dict[str, Any]]:
        return [
            element
            for block in self.body.get("blocks") or []
            if block.get("type") == "actions"
            for element in block.get("elements", [])
            if element.get("type") == "button"
        ]


class FakeSlack:
    """Slack Web API on a free loopback port: ``base_url`` is what SLACK_API_BASE_URL points at."""

    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: List[SlackCall] = []
        self._lock = threading.Lock()
        self._counter = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def posts(self, channel: Optional[str] = None) -> List[SlackCall]:
        with self._lock:
            return [
                call
                for call in self.calls
                if call.method == "chat.postMessage" and (channel is None or call.channel == channel)
            ]

    def wait_for_posts(self, channel: str, count: int = 1, timeout: float = 30) -> List[SlackCall]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.posts(channel)
            if len(found) >= count:
                return found
            time.sleep(0.1)
        raise AssertionError(
            f"{count} message(s) expected in {channel} within {timeout:.0f} s, " f"got {self.posts(channel)}"
        )

    def _record(self, method: str, authorization: str, body: Dict[str, Any]) -> Dict[str, Any]:
        with self._lock:
            self._counter += 1
            ts = f"{int(time.time())}.{self._counter:06d}"
            self.calls.append(SlackCall(method, authorization, body, ts))
        if authorization != f"Bearer {self.token}":
            return {"ok": False, "error": "invalid_auth"}
        if method == "chat.postMessage":
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": {**body, "ts": ts}}
        return {"ok": True}

    def _handler(self) -> Callable[..., BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                if (self.headers.get("Content-Type") or "").startswith("application/json"):
                    body = json.loads(raw or "{}")
                else:
                    body = dict(parse_qsl(raw))
                method = self.path.split("?")[0].rsplit("/", 1)[-1]
                reply = json.dumps(fake._record(method, self.headers.get("Authorization", ""), body)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *_: Any) -> None:
                pass

        return Handler


def signature_headers(secret: str, body: bytes, timestamp: Optional[int] = None) -> Dict[str, str]:
    """The headers Slack adds to every request: v0 HMAC-SHA256 of ``v0:timestamp:body``."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": f"v0={digest}"}


def message_event(
    text: str,
    channel: str,
    user: str,
    ts: str,
    event_id: str,
    event_type: str = "message",
    channel_type: str = "im",
    thread_ts: Optional[str] = None,
    bot_user: str = "UBOT",
) -> Dict[str, Any]:
    """An Events API ``event_callback`` envelope as Slack sends it."""
    event: Dict[str, Any] = {
        "type": event_type,
        "user": user,
        "text": text,
        "ts": ts,
        "channel": channel,
        "event_ts": ts,
        "channel_type": channel_type,
    }
    if thread_ts:
        event["thread_ts"] = thread_ts
    return {
        "token": "deprecated-verification-token",
        "team_id": "T0TEST",
        "api_app_id": "A0TEST",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": "T0TEST", "user_id": bot_user, "is_bot": True}],
    }


def button_click(
    value: str, user: str, channel: str, message_ts: str, thread_ts: Optional[str]
) -> Dict[str, Any]:
    """An interactivity ``block_actions`` payload for a click on a button of a bot message."""
    message: Dict[str, Any] = {"type": "message", "ts": message_ts, "bot_id": "B0TEST"}
    if thread_ts:
        message["thread_ts"] = thread_ts
    return {
        "type": "block_actions",
        "user": {"id": user, "username": "acheteur", "team_id": "T0TEST"},
        "team": {"id": "T0TEST"},
        "channel": {"id": channel, "name": "achats"},
        "container": {"type": "message", "message_ts": message_ts, "channel_id": channel},
        "trigger_id": f"trigger-{message_ts}",
        "message": message,
        "actions": [
            {
                "type": "button",
                "action_id": "rasa_button_0",
                "block_id": "b1",
                "value": value,
                "text": {"type": "plain_text", "text": value},
                "action_ts": str(time.time()),
            }
        ],
    }


def text_input_sent(
    value: str,
    block_id: str,
    action_id: str,
    user: str,
    channel: str,
    message_ts: str,
    action_ts: str,
) -> Dict[str, Any]:
    """The ``block_actions`` payload Slack sends when Enter is pressed in a message's text input (an
    ``input`` block with ``dispatch_action``): the action is the input, with its value."""
    payload = button_click("", user, channel, message_ts, None)
    payload["actions"] = [
        {
            "type": "plain_text_input",
            "block_id": block_id,
            "action_id": action_id,
            "value": value,
            "action_ts": action_ts,
        }
    ]
    payload["state"] = {"values": {block_id: {action_id: {"type": "plain_text_input", "value": value}}}}
    return payload
