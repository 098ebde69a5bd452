"""The speed-ups change nothing: same action-server checks as Rasa.

Same predictions from the trained model: tests/system/test_speedups_model.py.
"""

from __future__ import annotations

import asyncio
import itertools
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


def store_script(db: Path, monkeypatch: pytest.MonkeyPatch) -> Dict[str, Any]:
    """A scripted life of two conversations in an SQLite store: creation, messages read then saved,
    a second save of the same tracker, a new session, interleaving. The clock of the events ticks one
    second per event, so that two runs can be compared row by row. Returns the stored rows and every
    tracker read."""
    import time

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered

    store = SQLTrackerStore(Domain.load(str(ROOT / "domain.yml")), dialect="sqlite", db=str(db))
    clock = itertools.count(1_800_000_000)
    monkeypatch.setattr(time, "time", lambda: float(next(clock)))
    reads: List[List[Dict[str, Any]]] = []

    async def message(sender: str, text: str, new_session: bool = False, save_twice: bool = False) -> None:
        tracker = await store.get_or_create_tracker(sender)
        reads.append([event.as_dict() for event in tracker.events])
        if new_session:
            tracker.update(ActionExecuted("action_session_start"))
            tracker.update(SessionStarted())
            tracker.update(ActionExecuted("action_listen"))
        tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
        tracker.update(SlotSet("location", f"commune:{len(text)}"))
        if save_twice:
            await store.save(tracker)
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)

    async def script() -> None:
        await message("a", "bonjour")
        await message("b", "salut", save_twice=True)
        await message("a", "quel réseau à Rennes ?")
        await message("a", "et pour Caen ?", save_twice=True)
        await message("b", "re-bonjour", new_session=True)
        await message("b", "et le guichet vert ?")
        await message("a", "merci")
        for sender in ("a", "b", "nobody"):
            tracker = await store.retrieve(sender)
            reads.append([event.as_dict() for event in tracker.events] if tracker else [])

    asyncio.run(script())
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT id, sender_id, type_name, timestamp, intent_name, action_name, data "
            "FROM events ORDER BY id"
        ).fetchall()
    return {"rows": [tuple(row) for row in rows], "reads": reads}


def test_conversation_store_speed_ups_store_and_read_exactly_what_rasa_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    assert SQLTrackerStore.save is speedups.save_events
    patched = store_script(tmp_path / "patched.db", monkeypatch)
    monkeypatch.setattr(SQLTrackerStore, "save", speedups.RASA_SQL_SAVE)
    monkeypatch.setattr(SQLTrackerStore, "_retrieve", speedups.RASA_SQL_RETRIEVE)
    rasa_own = store_script(tmp_path / "rasa.db", monkeypatch)
    assert len(rasa_own["rows"]) == 26 and len(rasa_own["reads"]) == 10
    assert patched == rasa_own


def test_the_stored_count_is_used_once_then_counted_again(tmp_path: Path) -> None:
    """A save without a read just before it (the second save of a message) counts the stored events."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "c.db"))
    tracker = asyncio.run(store.get_or_create_tracker("someone"))
    assert "someone" not in speedups.remembered_counts(store)  # used by the creation's save
    asyncio.run(store.retrieve("someone"))
    assert speedups.remembered_counts(store)["someone"] == len(tracker.events)
    asyncio.run(store.save(tracker))
    assert "someone" not in speedups.remembered_counts(store)


def test_minimal_graph_schemas_are_the_same_as_rasa_computes() -> None:
    from rasa.engine.graph import GraphSchema, SchemaNode

    def node(*needs: str) -> SchemaNode:
        return SchemaNode(
            needs={f"input{i}": name for i, name in enumerate(needs)},
            uses=GraphSchema,
            fn="f",
            constructor_name="create",
            config={},
        )

    schema = GraphSchema({"a": node(), "b": node("a"), "c": node("a", "b"), "d": node("c"), "e": node("b")})
    for targets in (["d"], ["e"], ["d", "e"], None, ["c"]):
        first = schema.minimal_graph_schema(targets)
        assert first == speedups.RASA_MINIMAL_SCHEMA(schema, targets)
        assert schema.minimal_graph_schema(targets) is first  # computed once
