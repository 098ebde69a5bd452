"""Exports the messages the assistant did not understand to a CSV that an editor can annotate.

A user message counts as not understood when its intent is `nlu_fallback` or `out_of_scope`, or
when the assistant answered it with `action_clarify`. Conversations are read through Rasa's tracker
store API, configured by the `tracker_store` section of endpoints.yml (environment variables are
substituted), so the same command works on SQLite, PostgreSQL, Redis or MongoDB.

Usage: python scripts/report_fallbacks.py [--endpoints endpoints.yml] [--out reports/fallbacks.csv]
                                          [--since 2025-01-31]
The editor fills `suggested_intent` and `note`; the rows then become new NLU training examples.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from textnorm import normalize  # noqa: E402 - after the sys.path set-up

NOT_UNDERSTOOD_INTENTS = ("nlu_fallback", "out_of_scope")
CLARIFY_ACTION = "action_clarify"
COLUMNS = [
    "message",
    "count",
    "reason",
    "best_intent",
    "best_confidence",
    "conversations",
    "first_seen",
    "last_seen",
    "suggested_intent",
    "note",
]


@dataclass
class Miss:
    """One user message the assistant did not understand."""

    text: str
    reason: str
    best_intent: str
    confidence: float
    timestamp: float
    sender: str


@dataclass
class Row:
    """All the misses of one normalised message."""

    message: str
    reasons: Dict[str, int] = field(default_factory=dict)
    best: Dict[str, int] = field(default_factory=dict)
    confidences: List[float] = field(default_factory=list)
    senders: set = field(default_factory=set)
    first_seen: float = float("inf")
    last_seen: float = 0.0

    def add(self, miss: Miss) -> None:
        self.reasons[miss.reason] = self.reasons.get(miss.reason, 0) + 1
        if miss.best_intent:
            self.best[miss.best_intent] = self.best.get(miss.best_intent, 0) + 1
        self.confidences.append(miss.confidence)
        self.senders.add(miss.sender)
        self.first_seen = min(self.first_seen, miss.timestamp)
        self.last_seen = max(self.last_seen, miss.timestamp)

    @property
    def count(self) -> int:
        return len(self.confidences)


def best_candidate(parse_data: Mapping[str, Any]) -> Tuple[str, float]:
    """The likeliest real intent (not nlu_fallback) and its confidence, from the NLU ranking."""
    ranking = list(parse_data.get("intent_ranking") or [])
    intent = parse_data.get("intent") or {}
    for item in ranking or [intent]:
        name = item.get("name")
        if name and name != "nlu_fallback":
            return str(name), float(item.get("confidence") or 0.0)
    return "", float(intent.get("confidence") or 0.0)


def misses_in(sender: str, events: Sequence[Mapping[str, Any]]) -> List[Miss]:
    """The not-understood user messages of one conversation (events as dictionaries)."""
    misses: List[Miss] = []
    pending: Tuple[Mapping[str, Any], bool] | None = None  # (user event, already counted)

    def record(event: Mapping[str, Any], reason: str) -> None:
        parse_data = event.get("parse_data") or {}
        best, confidence = best_candidate(parse_data)
        misses.append(
            Miss(
                event.get("text") or "",
                reason,
                best,
                confidence,
                float(event.get("timestamp") or 0.0),
                sender,
            )
        )

    for event in events:
        kind = event.get("event")
        if kind == "user":
            text = (event.get("text") or "").strip()
            if not text or text.startswith("/"):  # empty, or a button payload: nothing to learn
                pending = None
                continue
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent in NOT_UNDERSTOOD_INTENTS:
                record(event, str(intent))
                pending = (event, True)
            else:
                pending = (event, False)
        elif kind == "action" and pending is not None:
            name = event.get("name")
            if name == "action_listen":
                pending = None
            elif name == CLARIFY_ACTION and not pending[1]:
                record(pending[0], CLARIFY_ACTION)
                pending = (pending[0], True)
    return misses


def group(misses: Iterable[Miss], since: float = 0.0) -> List[Row]:
    """Rows by normalised message (case, accents, hyphens, apostrophes and spacing ignored), the most
    frequent first."""
    rows: Dict[str, Row] = {}
    for miss in misses:
        if miss.timestamp < since or not miss.text.strip():
            continue
        key = normalize(miss.text)
        rows.setdefault(key, Row(message=miss.text.strip())).add(miss)
    return sorted(rows.values(), key=lambda row: (-row.count, -row.last_seen, row.message))


def iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def most_common(counts: Mapping[str, int]) -> str:
    return max(sorted(counts), key=lambda name: counts[name]) if counts else ""


def write_csv(rows: Sequence[Row], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig so that spreadsheet software opens the accents correctly.
    with out.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(
                [
                    row.message,
                    row.count,
                    most_common(row.reasons),
                    most_common(row.best),
                    f"{max(row.confidences):.2f}",
                    len(row.senders),
                    iso(row.first_seen),
                    iso(row.last_seen),
                    "",
                    "",
                ]
            )


def missing_sqlite_file(config: Any) -> Path | None:
    """The SQLite file of the configuration when it does not exist yet (Rasa would retry forever)."""
    url = str(config.url or "")
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
    elif url == "" and str(config.kwargs.get("dialect", "sqlite")) == "sqlite" and config.type == "SQL":
        path = Path(str(config.kwargs.get("db", "rasa.db")))
    else:
        return None
    return None if path.exists() else path


def open_store(endpoints: Path) -> Any:
    """The tracker store configured in the endpoints file (None when it is only in memory)."""
    from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore
    from rasa.core.utils import read_endpoints_from_path
    from rasa.shared.core.domain import Domain

    config = read_endpoints_from_path(endpoints).tracker_store
    if config is None:
        return None
    missing = missing_sqlite_file(config)
    if missing is not None:
        return missing
    store = TrackerStore.create(config, domain=Domain.load(str(ROOT / "domain.yml")))
    return None if isinstance(store, InMemoryTrackerStore) else store


async def collect(store: Any) -> List[Miss]:
    """Misses of every conversation, across all its sessions."""
    misses: List[Miss] = []
    for sender in sorted(await store.keys()):
        tracker = await store.retrieve_full_tracker(sender)
        if tracker is not None:
            misses.extend(misses_in(sender, [event.as_dict() for event in tracker.events]))
    return misses


def parse_since(value: str | None) -> float:
    if not value:
        return 0.0
    return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "fallbacks.csv")
    parser.add_argument("--since", help="only messages from this day on (AAAA-MM-JJ)")
    args = parser.parse_args(argv)
    try:
        since = parse_since(args.since)
    except ValueError:
        print(f"Date invalide : {args.since!r} (format attendu AAAA-MM-JJ).", file=sys.stderr)
        return 2
    store = open_store(args.endpoints)
    if store is None:
        print(
            f"{args.endpoints} ne configure aucun stockage persistant des conversations "
            "(section tracker_store) : rien à exporter.",
            file=sys.stderr,
        )
        return 2
    if isinstance(store, Path):
        print(f"Aucune conversation enregistrée : la base {store} n'existe pas encore.", file=sys.stderr)
        rows: List[Row] = []
    else:
        rows = group(asyncio.run(collect(store)), since)
    write_csv(rows, args.out)
    total = sum(row.count for row in rows)
    print(f"{total} message(s) non compris, {len(rows)} distinct(s), écrits dans {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
