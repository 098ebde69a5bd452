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


def two_processes_script(db: Path, monkeypatch: pytest.MonkeyPatch) -> List[tuple]:
    """Two Rasa processes sharing one database: the first reads a conversation without saving it, the
    second handles two messages of it, then the first saves a tracker it did not read (the HTTP API's
    PUT of a conversation's events). Returns the stored rows."""
    import time

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

    clock = itertools.count(1_800_000_000)
    monkeypatch.setattr(time, "time", lambda: float(next(clock)))
    first, second = (SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(db)) for _ in range(2))

    async def script() -> None:
        tracker = await first.get_or_create_tracker("s")
        tracker.update(UserUttered("m1"))
        await first.save(tracker)
        await first.retrieve("s")
        for text in ("m2", "m3"):
            tracker = await second.get_or_create_tracker("s")
            tracker.update(UserUttered(text))
            tracker.update(BotUttered(f"answer to {text}"))
            tracker.update(ActionExecuted("action_listen"))
            await second.save(tracker)
        events = [event.as_dict() for event in (await second.retrieve("s")).events]
        replaced = DialogueStateTracker.from_dict("s", [*events, BotUttered("note").as_dict()], [])
        await first.save(replaced)

    from rasa.shared.core.trackers import DialogueStateTracker

    asyncio.run(script())
    with first.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql("SELECT * FROM events ORDER BY id")]


def test_two_processes_sharing_a_database_store_what_rasa_stores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    patched = two_processes_script(tmp_path / "patched.db", monkeypatch)
    monkeypatch.setattr(SQLTrackerStore, "save", speedups.RASA_SQL_SAVE)
    monkeypatch.setattr(SQLTrackerStore, "_retrieve", speedups.RASA_SQL_RETRIEVE)
    rasa_own = two_processes_script(tmp_path / "rasa.db", monkeypatch)
    assert len(rasa_own) == 9
    assert patched == rasa_own


def schema_node(*needs: str, target: bool = False) -> Any:
    """A graph node that needs the outputs of the nodes named (what it runs does not matter here)."""
    from rasa.engine.graph import GraphSchema, SchemaNode

    return SchemaNode(
        needs={f"input{i}": name for i, name in enumerate(needs)},
        uses=GraphSchema,
        fn="f",
        constructor_name="create",
        config={},
        is_target=target,
    )


def test_minimal_graph_schemas_are_the_same_as_rasa_computes() -> None:
    from rasa.engine.graph import GraphSchema

    node = schema_node
    schema = GraphSchema({"a": node(), "b": node("a"), "c": node("a", "b"), "d": node("c"), "e": node("b")})
    for targets in (["d"], ["e"], ["d", "e"], None, ["c"]):
        first = schema.minimal_graph_schema(targets)
        assert first == speedups.RASA_MINIMAL_SCHEMA(schema, targets)
        assert schema.minimal_graph_schema(targets) is first  # computed once


def test_a_changed_or_copied_schema_gets_its_own_minimal_schema() -> None:
    import copy

    from rasa.engine.graph import GraphSchema

    node = schema_node
    schema = GraphSchema({"a": node(), "b": node("a"), "c": node("b", target=True)})
    assert set(schema.minimal_graph_schema().nodes) == {"a", "b", "c"}
    pruned = copy.deepcopy(schema)  # as Rasa's _prune_schema does, before changing the copy
    pruned.nodes["c"].needs = {}
    assert (
        set(pruned.minimal_graph_schema().nodes) == set(speedups.RASA_MINIMAL_SCHEMA(pruned).nodes) == {"c"}
    )
    schema.nodes["b"].is_target = True
    assert schema.minimal_graph_schema() == speedups.RASA_MINIMAL_SCHEMA(schema)
