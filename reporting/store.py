"""The conversations, read through Rasa's tracker store API.

The store is the one of the ``tracker_store`` section of endpoints.yml (environment variables are
substituted), so the same report works on SQLite, PostgreSQL, Redis or MongoDB. Only reads: nothing is
written to the store, and the messages are read as stored (already masked by the channels).
"""

from __future__ import annotations

import asyncio
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Conversation:
    """All the events of one sender (every session), as dictionaries."""

    sender: str
    events: List[Dict[str, Any]]


class NoStore(Exception):
    """endpoints.yml configures no persistent conversation store."""


def missing_sqlite_file(config: Any) -> Optional[Path]:
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
    """The tracker store configured in the endpoints file (None when it is only in memory, the missing
    SQLite file's path when it does not exist yet)."""
    with warnings.catch_warnings():  # Rasa's own deprecation notices say nothing to a maintainer
        warnings.simplefilter("ignore")
        from rasa.core.tracker_store import InMemoryTrackerStore, TrackerStore
        from rasa.core.utils import read_endpoints_from_path
        from rasa.shared.core.domain import Domain

        warnings.simplefilter("ignore")  # again: importing Rasa adds filters of its own in front
        config = read_endpoints_from_path(endpoints).tracker_store
        if config is None:
            return None
        missing = missing_sqlite_file(config)
        if missing is not None:
            return missing
        store = TrackerStore.create(config, domain=Domain.load(str(ROOT / "domain.yml")))
    return None if isinstance(store, InMemoryTrackerStore) else store


async def read_conversations(store: Any) -> List[Conversation]:
    """Every conversation of the store, across all its sessions, by sender."""
    conversations: List[Conversation] = []
    for sender in sorted(await store.keys()):
        tracker = await store.retrieve_full_tracker(sender)
        if tracker is not None:
            conversations.append(Conversation(sender, [event.as_dict() for event in tracker.events]))
    return conversations


def load_conversations(endpoints: Path) -> List[Conversation]:
    """The conversations of the store of `endpoints` ([] and a notice on stderr when its SQLite file
    does not exist yet). Raises NoStore when the endpoints file keeps conversations in memory only."""
    store = open_store(endpoints)
    if store is None:
        raise NoStore(
            f"{endpoints} ne configure aucun stockage persistant des conversations (section tracker_store)"
        )
    if isinstance(store, Path):
        print(f"Aucune conversation enregistrée : la base {store} n'existe pas encore.", file=sys.stderr)
        return []
    try:
        return asyncio.run(read_conversations(store))
    finally:
        engine = getattr(store, "engine", None)  # SQL stores: close the connections
        if engine is not None:
            engine.dispose()
