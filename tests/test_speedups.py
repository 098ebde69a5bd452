"""The speed-ups change nothing: same action-server checks as Rasa.

Same predictions from the trained model: tests/system/test_speedups_model.py.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, List

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import rasa_patches
from rasa_patches import speedups

rasa_patches.apply()  # as nlu_components does in every Rasa process

ROOT = Path(__file__).resolve().parent.parent

GOOD: List[Dict[str, Any]] = [
    {
        "events": [{"event": "slot", "name": "location", "value": "commune:35238"}],
        "responses": [{"text": "Bonjour", "buttons": [{"title": "AGEC", "payload": "/ask_agec"}]}],
    },
    {"events": [], "responses": []},
    {},
]
BAD: List[Dict[str, Any]] = [
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": "not a list"},
    {"events": [], "responses": ["not an object"]},
    {"events": [{"event": "slot"}]},  # a slot event needs a name
]


def rasa_validation(result: Dict[str, Any]) -> None:
    """Rasa 3.6's own check: jsonschema.validate on every call."""
    from jsonschema import validate

    validate(result, RemoteAction.action_response_format_spec())


def test_applying_the_patches_installs_the_speed_up() -> None:
    assert RemoteAction._validate_action_result is speedups.validate_action_result


PATCHED = (
    "import rasa_patches, rasa; from rasa.core.actions.action import RemoteAction; {setup}; "
    "rasa_patches.apply(); print(RemoteAction._validate_action_result.__module__, "
    "RemoteAction.run.__module__)"
)


@pytest.mark.parametrize(
    "setup, env, expected",
    [
        ("pass", {}, "rasa_patches.speedups rasa_patches.resilience"),
        ("pass", {"RASA_SPEEDUPS": "off"}, "rasa.core.actions.action rasa_patches.resilience"),
        ("rasa.__version__ = '3.6.99'", {}, "rasa.core.actions.action rasa.core.actions.action"),
    ],
)
def test_patches_are_version_checked_and_speedups_can_be_switched_off(
    setup: str, env: Dict[str, str], expected: str
) -> None:
    command = [sys.executable, "-c", PATCHED.format(setup=setup)]
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split("\n")[-2] == expected
    if "3.6.99" in setup:
        assert result.stderr.count("none applied") == 1


@pytest.mark.parametrize("result", GOOD)
def test_valid_responses_pass_like_before(result: Dict[str, Any]) -> None:
    rasa_validation(result)
    assert speedups.validate_action_result(RemoteAction("action_answer", None), result) is True


@pytest.mark.parametrize("result", BAD)
def test_invalid_responses_raise_the_same_error(result: Dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as rasa_error:
        rasa_validation(result)
    with pytest.raises(ValidationError) as ours:
        speedups.validate_action_result(RemoteAction("action_answer", None), result)
    assert ours.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_the_schema_is_checked_once_and_its_validator_reused() -> None:
    action = RemoteAction("action_answer", None)
    speedups.response_validator.cache_clear()
    for result in GOOD * 10:
        speedups.validate_action_result(action, result)
    info = speedups.response_validator.cache_info()
    assert (info.misses, info.hits) == (1, len(GOOD) * 10 - 1)


def test_sqlite_conversation_store_uses_a_write_ahead_log(tmp_path: Path) -> None:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "conversations.db"))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    tracker = asyncio.run(store.get_or_create_tracker("someone"))
    tracker.update(UserUttered("bonjour"))
    asyncio.run(store.save(tracker))
    reopened = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "conversations.db"))
    events = asyncio.run(reopened.retrieve("someone")).events
    assert [event.text for event in events if isinstance(event, UserUttered)] == ["bonjour"]
