"""Votes as the tracker store keeps them (issue 13), read the way the dashboard reads them."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Dict, List

from actions.fallback import QUESTION_LABELS
from reporting.events import read_messages, vote_of, voted_answer


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
