"""rasa_patches.resilience without servers: every kind of failure of the call to the action server
becomes the French technical-problem message (once per user message), a form rejecting a value is not a
failure, and sessions end after MAX_SESSION_TURNS messages but never inside a form.

The same behaviour on real servers: tests/system/test_resilience.py.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Dict, List

import aiohttp
import pytest
from aioresponses import aioresponses
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

import rasa_patches
from channels import guard
from rasa_patches import resilience

ROOT = Path(__file__).resolve().parent.parent

URL = "http://actions.test/webhook"
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def run_action(name: str = "action_answer", tracker: DialogueStateTracker | None = None) -> List:
    rasa_patches.apply()
    action = RemoteAction(name, EndpointConfig(URL))
    tracker = tracker or DialogueStateTracker.from_events("unit", [UserUttered("bonjour")])
    return asyncio.run(
        action.run(
            CollectingOutputChannel(), TemplatedNaturalLanguageGenerator(DOMAIN.responses), tracker, DOMAIN
        )
    )


@pytest.mark.parametrize(
    "failure, cause",
    [
        ({"status": 500, "body": "boom"}, "http_500"),
        ({"status": 413}, "http_413"),
        ({"exception": asyncio.TimeoutError()}, "timeout"),
        ({"exception": aiohttp.ClientConnectionError("refused")}, "unreachable"),
    ],
)
def test_each_failure_becomes_the_technical_problem_message(
    failure: Dict, cause: str, caplog: pytest.LogCaptureFixture
) -> None:
    with aioresponses() as mocked:
        mocked.post(URL, **failure)
        events = run_action()
    assert [event.text for event in events if isinstance(event, BotUttered)] == [guard.TECHNICAL_PROBLEM]
    lines = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert lines == [f"action action_answer could not run: {cause}"]


def test_the_message_is_said_once_per_user_message() -> None:
    tracker = DialogueStateTracker.from_events(
        "unit", [UserUttered("bonjour"), BotUttered(guard.TECHNICAL_PROBLEM)]
    )
    with aioresponses() as mocked:
        mocked.post(URL, status=500)
        assert run_action("action_ask_location", tracker) == []


def test_a_form_rejecting_a_value_is_not_a_failure() -> None:
    with aioresponses() as mocked:
        mocked.post(URL, status=400, body='{"action_name": "validate_location_form", "error": "no"}')
        with pytest.raises(ActionExecutionRejection):
            run_action("validate_location_form")


def test_a_session_ends_after_max_session_turns_but_never_inside_a_form(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MAX_SESSION_TURNS", "3")
    processor = type("Processor", (), {"domain": DOMAIN})()
    events = [UserUttered("bonjour") for _ in range(3)]
    assert resilience.session_expired(processor, DialogueStateTracker.from_events("a", events[:2])) is False
    assert resilience.session_expired(processor, DialogueStateTracker.from_events("b", events)) is True
    in_form = DialogueStateTracker.from_events("c", events)
    in_form.change_loop_to("location_form")
    assert resilience.session_expired(processor, in_form) is False


def test_a_failed_session_start_falls_back_to_rasas_own() -> None:
    from rasa.shared.core.events import ActionExecuted, SessionStarted

    with aioresponses() as mocked:
        mocked.post(URL, exception=aiohttp.ClientConnectionError("refused"))
        events = run_action("action_session_start", DialogueStateTracker.from_events("new", []))
    assert isinstance(events[0], SessionStarted) and isinstance(events[-1], ActionExecuted)
    assert not [event for event in events if isinstance(event, BotUttered)]
