"""Votes as the tracker store keeps them (issue 13), read the way the dashboard reads them, and the
dashboard itself (``python -m reporting``, what `make report` runs) on a test's store."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List

from actions.fallback import QUESTION_LABELS
from reporting.events import entity_text, read_messages, vote_of, voted_answer

ROOT = Path(__file__).resolve().parents[2]


def stored_events(db: Path) -> Dict[str, List[dict]]:
    """Every event of the SQLite tracker store, by conversation."""
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT sender_id, data FROM events ORDER BY id").fetchall()
    events: Dict[str, List[dict]] = {}
    for sender, data in rows:
        events.setdefault(sender, []).append(json.loads(data))
    return events


def votes_on(db: Path, answer_id: str) -> List[str]:
    """The stored vote events on one answer, in order ("up" / "down")."""
    return [
        vote_of(event)
        for events in stored_events(db).values()
        for event in events
        if event.get("event") == "user" and vote_of(event) and voted_answer(event) == answer_id
    ]


def dashboard_votes(db: Path, answer_id: str) -> List[tuple]:
    """What the dashboard counts for that answer: (vote, topic), the latest vote only."""
    counted = []
    for sender, events in stored_events(db).items():
        for message in read_messages(sender, events, list(QUESTION_LABELS)):
            if message.vote and message.answer == answer_id:
                counted.append((message.vote, message.topic))
    return counted


def comments_on(db: Path, answer_id: str) -> List[str]:
    """The comments of the stored vote events on one answer, in order, as stored (entity ``comment``)."""
    return [
        entity_text(event, "comment")
        for events in stored_events(db).values()
        for event in events
        if event.get("event") == "user" and voted_answer(event) == answer_id and entity_text(event, "comment")
    ]


def feedback_records(db: Path, answer_id: str) -> List[Dict[str, Any]]:
    """The values the action server gave the `feedback` slot for votes on one answer, in order."""
    return [
        event["value"]
        for events in stored_events(db).values()
        for event in events
        if event.get("event") == "slot"
        and event.get("name") == "feedback"
        and isinstance(event.get("value"), dict)
        and event["value"].get("answer") == answer_id
    ]


@dataclass
class Dashboard:
    data: Dict[str, Any]  # the page's figures (#dashboard-data)
    html: str
    csv: str


def dashboard_of(db: Path, directory: Path) -> Dashboard:
    """The dashboard of the SQLite store `db`, written by the report's command line into `directory`."""
    html, exported = directory / "dashboard.html", directory / "to-annotate.csv"
    run = subprocess.run(
        [sys.executable, "-m", "reporting", "--out", str(html), "--csv", str(exported)],
        cwd=ROOT,
        env=dict(os.environ, TRACKER_STORE_URL=f"sqlite:///{db}", PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    page = html.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="dashboard-data">(.*?)</script>', page, re.DOTALL)
    assert found, "no #dashboard-data in the page"
    return Dashboard(json.loads(found.group(1)), page, exported.read_text(encoding="utf-8-sig"))
