"""The not-understood report reads a real SQLite conversation store filled through Rasa's own API."""

from __future__ import annotations

import asyncio
import csv
import os
import re
import sys
from pathlib import Path
from typing import Dict, List

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import report_fallbacks  # noqa: E402

from textnorm import normalize  # noqa: E402

DAY = 86400.0
START = 1_750_000_000.0  # 2025-06-15


def user(text: str, intent: str, confidence: float, at: float, ranking: List[Dict] = ()) -> UserUttered:
    parse_data = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": list(ranking) or [{"name": intent, "confidence": confidence}],
        "entities": [],
    }
    return UserUttered(text, {"name": intent, "confidence": confidence}, parse_data=parse_data, timestamp=at)


def action(name: str, at: float) -> ActionExecuted:
    return ActionExecuted(name, timestamp=at)


def turn(
    text: str, intent: str, confidence: float, answer: str, at: float, ranking: List[Dict] = ()
) -> List[Event]:
    """A user message, the assistant's answer, then listening again."""
    return [
        user(text, intent, confidence, at, ranking),
        action(answer, at + 0.1),
        action("action_listen", at + 0.2),
    ]


@pytest.fixture()
def store_file(tmp_path: Path) -> Path:
    """A SQLite store with three conversations, written by Rasa's SQLTrackerStore."""
    path = tmp_path / "conversations.db"
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = SQLTrackerStore(domain, dialect="sqlite", db=str(path))
    fallback_ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_rapidd", "confidence": 0.41},
        {"name": "ask_pnad", "confidence": 0.2},
    ]
    conversations = {
        "alice": [SessionStarted(timestamp=START), action("action_listen", START)]
        + turn("blorp zzz", "nlu_fallback", 0.5, "action_clarify", START + 10, fallback_ranking)
        + turn("/ask_agec", "ask_agec", 1.0, "action_answer", START + 20)
        + turn("Quel temps fait-il ?", "out_of_scope", 0.97, "utter_out_of_scope", START + 30)
        # A second session of the same conversation, two days later.
        + [SessionStarted(timestamp=START + 2 * DAY), action("action_listen", START + 2 * DAY)]
        + turn("c'est quoi RAPIDD", "ask_rapidd", 0.95, "action_answer", START + 2 * DAY + 5)
        + turn("BLORP   zzz", "nlu_fallback", 0.5, "action_clarify", START + 2 * DAY + 10, fallback_ranking),
        "bob": turn("blorp zzz", "nlu_fallback", 0.5, "action_clarify", START + DAY, fallback_ranking)
        # Core fallback: the intent looked fine but the dialogue policy fell back to a clarification.
        + turn("euh et pour ça alors", "affirm", 0.62, "action_clarify", START + DAY + 10),
        "carol": turn("bonjour", "greet", 0.99, "utter_greet", START + 3 * DAY)
        + turn("la loi AGEC pour du papier ?", "ask_agec", 0.93, "action_answer", START + 3 * DAY + 5),
    }
    for sender, events in conversations.items():
        tracker = DialogueStateTracker.from_events(sender, events, domain.slots)
        asyncio.run(store.save(tracker))
    store.engine.dispose()
    return path


def endpoints_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, db: Path) -> Path:
    """An endpoints file in the production style: the database comes from an environment variable."""
    monkeypatch.setenv("TEST_FALLBACK_DB", str(db))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: ${TEST_FALLBACK_DB}\n")
    return endpoints


def project_endpoints(monkeypatch: pytest.MonkeyPatch, db: Path) -> Path:
    """The repository's own endpoints.yml, its conversation store pointed at the test database."""
    endpoints = ROOT / "endpoints.yml"
    neutral = {
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook",
        "LOCK_STORE_TYPE": "in_memory",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": "6379",
        "REDIS_LOCK_DB": "1",
    }
    for name in set(re.findall(r"\$\{(\w+)\}", endpoints.read_text())):
        if name not in os.environ:
            monkeypatch.setenv(name, neutral.get(name, ""))
    monkeypatch.setenv("TRACKER_STORE_URL", f"sqlite:///{db}")
    return endpoints


def read_rows(path: Path) -> List[Dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_counts_every_kind_of_miss_across_sessions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_file: Path
) -> None:
    out = tmp_path / "out" / "fallbacks.csv"
    endpoints = endpoints_for(tmp_path, monkeypatch, store_file)
    assert report_fallbacks.main(["--endpoints", str(endpoints), "--out", str(out)]) == 0

    rows = read_rows(out)
    assert list(rows[0]) == report_fallbacks.COLUMNS
    by_message = {normalize(row["message"]): row for row in rows}
    assert set(by_message) == {"blorp zzz", "quel temps fait il ?", "euh et pour ca alors"}

    blorp = by_message["blorp zzz"]
    assert rows[0] is blorp  # most frequent first
    assert blorp["count"] == "3" and blorp["conversations"] == "2"
    assert blorp["reason"] == "nlu_fallback"
    assert blorp["best_intent"] == "ask_rapidd" and blorp["best_confidence"] == "0.41"
    assert blorp["first_seen"] == "2025-06-15 15:06:50"
    assert blorp["last_seen"] == "2025-06-17 15:06:50"
    assert blorp["suggested_intent"] == "" and blorp["note"] == ""

    assert by_message["quel temps fait il ?"]["reason"] == "out_of_scope"
    assert by_message["euh et pour ca alors"]["reason"] == "action_clarify"
    assert by_message["euh et pour ca alors"]["best_intent"] == "affirm"


def test_the_project_endpoints_file_is_read_with_its_sql_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_file: Path
) -> None:
    out = tmp_path / "project.csv"
    endpoints = project_endpoints(monkeypatch, store_file)
    assert report_fallbacks.main(["--endpoints", str(endpoints), "--out", str(out)]) == 0
    counts = {normalize(row["message"]): int(row["count"]) for row in read_rows(out)}
    assert counts == {"blorp zzz": 3, "quel temps fait il ?": 1, "euh et pour ca alors": 1}


def test_since_keeps_only_recent_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store_file: Path
) -> None:
    out = tmp_path / "recent.csv"
    endpoints = endpoints_for(tmp_path, monkeypatch, store_file)
    args = ["--endpoints", str(endpoints), "--out", str(out), "--since", "2025-06-17"]
    assert report_fallbacks.main(args) == 0
    rows = read_rows(out)
    assert [(row["message"], row["count"]) for row in rows] == [("BLORP   zzz", "1")]


def test_without_a_persistent_store_nothing_is_invented(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://127.0.0.1:5055/webhook\n")
    out = tmp_path / "none.csv"
    assert report_fallbacks.main(["--endpoints", str(endpoints), "--out", str(out)]) == 2
    assert not out.exists()
    assert "tracker_store" in capsys.readouterr().err


def test_a_bad_date_is_refused_politely(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert report_fallbacks.main(["--since", "hier", "--out", str(tmp_path / "x.csv")]) == 2
    assert "Date invalide" in capsys.readouterr().err


def test_a_store_that_does_not_exist_yet_gives_an_empty_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    missing = tmp_path / "not-yet" / "conversations.db"
    out = tmp_path / "empty.csv"
    endpoints = project_endpoints(monkeypatch, missing)
    assert report_fallbacks.main(["--endpoints", str(endpoints), "--out", str(out)]) == 0
    assert read_rows(out) == []
    assert not missing.exists()
    assert "Aucune conversation" in capsys.readouterr().err


def test_messages_differing_only_in_case_accents_hyphens_or_spacing_make_one_row() -> None:
    texts = ["Où est-ce ?", "ou est ce ?", "OÙ  EST-CE ?", "où est ce ?"]
    misses = [
        report_fallbacks.Miss(text, "nlu_fallback", "", 0.4, START + i, "alice")
        for i, text in enumerate(texts)
    ]
    (row,) = report_fallbacks.group(misses)
    assert (row.count, row.message) == (4, "Où est-ce ?")
