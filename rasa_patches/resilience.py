"""Two fixes of Rasa 3.6 behaviour that users meet in long use and under failure.

1. **No silent failure.** When a custom action cannot run (action server down or too slow, an HTTP
   error from it, an exception inside the action), Rasa logs a traceback, drops the action's events
   and carries on: the user gets nothing. Here ``RemoteAction.run`` returns instead one bot message
   that says a technical problem prevents the answer (once per user message), logs one line with the
   action and the cause (never the conversation), and counts it (``assistant_action_errors``).
   The channels recognise that message (REST answers 503 with it). A failed custom start of session
   (actions/session.py) falls back to Rasa's own instead.
2. **Bounded conversations.** Rasa reads, sends to the action server and replays the whole current
   session at every message, so the time and data of one message grow with the conversation (measured
   33 ms at message 1, 178 ms at message 200). Here a session of MAX_SESSION_TURNS user messages
   ends like an expired one: the next message starts a new session, slots carried over
   (``session_config`` of domain.yml; only their final values: actions/session.py), never while a
   form is asking its question. Measured after both: 40 ms at the start of every session and 80 ms
   at its 50th message, at message 250 as at message 50.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, List

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, ActionSessionStart, RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_SESSION_START_NAME
from rasa.shared.core.events import BotUttered, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import ClientResponseError

from channels.guard import TECHNICAL_PROBLEM
from observability import metrics

logger = logging.getLogger(__name__)

RASA_REMOTE_RUN = RemoteAction.run
RASA_SESSION_EXPIRED = MessageProcessor._has_session_expired
FALLBACK_ACTIONS = frozenset({"action_clarify"})
DEFAULT_MAX_SESSION_TURNS = 50


def failure_cause(error: BaseException) -> str:
    """A short, data-free name for why an action failed: unreachable, timeout, http_413, ..."""
    for one in (error, error.__cause__, error.__context__):
        if isinstance(one, aiohttp.ClientResponseError | ClientResponseError):
            return f"http_{one.status}"
        if isinstance(one, asyncio.TimeoutError):  # aiohttp's timeouts are asyncio's too
            return "timeout"
        if isinstance(one, aiohttp.ClientConnectionError):
            return "unreachable"
    return type(error).__name__


def error_already_said(tracker: DialogueStateTracker) -> bool:
    """True when the technical-problem message was already sent since the latest user message."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return False
        if isinstance(event, BotUttered) and event.text == TECHNICAL_PROBLEM:
            return True
    return False


async def run_or_say_why(
    self: RemoteAction, output_channel: Any, nlg: Any, tracker: DialogueStateTracker, domain: Any
) -> List[Event]:
    """``RemoteAction.run``; on failure, the technical-problem message instead of silence."""
    try:
        events = await RASA_REMOTE_RUN(self, output_channel, nlg, tracker, domain)
    except ActionExecutionRejection:
        raise  # a form refusing a value: Rasa's normal flow
    except Exception as error:  # noqa: BLE001 - every failure becomes the same clear message
        cause = failure_cause(error)
        logger.error("action %s could not run: %s", self.name(), cause)
        metrics.ACTION_ERRORS.labels(self.name(), cause).inc()
        if self.name() == ACTION_SESSION_START_NAME:  # the session starts as Rasa's own action starts it
            return await ActionSessionStart().run(output_channel, nlg, tracker, domain)
        return [] if error_already_said(tracker) else [BotUttered(TECHNICAL_PROBLEM)]
    if self.name() in FALLBACK_ACTIONS:
        metrics.FALLBACKS.inc()
    return events


class RasaActionErrorFilter(logging.Filter):
    """Drops Rasa's own log line for an unreachable action server: run_or_say_why logs it once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to run custom action")


def max_session_turns() -> int:
    return int(os.environ.get("MAX_SESSION_TURNS", DEFAULT_MAX_SESSION_TURNS))


def session_turns(tracker: DialogueStateTracker) -> int:
    """User messages of the current session."""
    turns = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        turns += isinstance(event, UserUttered)
    return turns


def session_expired(self: MessageProcessor, tracker: DialogueStateTracker) -> bool:
    """Rasa's time-based expiry, or a session that reached MAX_SESSION_TURNS outside a form."""
    if RASA_SESSION_EXPIRED(self, tracker):
        return True
    limit = max_session_turns()
    if limit <= 0 or tracker.active_loop_name or session_turns(tracker) < limit:
        return False
    logger.info("a conversation reached %d messages: it goes on in a new session", limit)
    return True


def install() -> None:
    """Installs both fixes (idempotent)."""
    RemoteAction.run = run_or_say_why  # type: ignore[method-assign]
    MessageProcessor._has_session_expired = session_expired  # type: ignore[method-assign]
    action_logger = logging.getLogger("rasa.core.actions.action")
    if not any(isinstance(f, RasaActionErrorFilter) for f in action_logger.filters):
        action_logger.addFilter(RasaActionErrorFilter())
