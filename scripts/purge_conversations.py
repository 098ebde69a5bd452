"""Deletes the conversations whose last message is older than N days (data retention).

Usage: python scripts/purge_conversations.py --days 90 [--endpoints endpoints.yml] [--dry-run]
       make purge-conversations DAYS=90

The database is the tracker store of endpoints.yml (TRACKER_STORE_URL: SQLite or PostgreSQL), read
with Rasa's own configuration code. A conversation is deleted whole (all its events) once its most
recent event is older than the limit: a conversation still in use is never cut in the middle.
Run it daily (cron, Kubernetes CronJob: deploy/k8s/purge-cronjob.yaml).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
SECONDS_PER_DAY = 86400

# endpoints.yml refuses unset variables; the purge only needs the tracker store, so the others get
# their defaults (deploy/defaults.env, as in scripts/serve) when the caller did not set them.
DEFAULTS_FILE = ROOT / "deploy" / "defaults.env"
DEFAULTS = {"ACTION_ENDPOINT_URL": "http://127.0.0.1:5055/webhook"} | dict(
    line.split("=", 1)
    for line in DEFAULTS_FILE.read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
)

STALE_SENDERS = "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"


def tracker_store_url(endpoints: Path) -> sa.engine.url.URL:
    """The SQLAlchemy URL of the SQL tracker store configured in `endpoints`."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)
    config = read_endpoint_config(str(endpoints), "tracker_store")
    if config is None or (config.type or "").lower() != "sql":
        raise SystemExit(f"{endpoints} : aucun tracker_store de type SQL, rien à purger.")
    kwargs = {
        key: config.kwargs[key]
        for key in ("dialect", "port", "db", "username", "password", "query")
        if key in config.kwargs
    }
    url = SQLTrackerStore.get_db_url(host=config.url, **kwargs)
    return sa.engine.make_url(url) if isinstance(url, str) else url


def purge(url: sa.engine.url.URL, days: float, now: Optional[float] = None, dry_run: bool = False) -> tuple:
    """Deletes (or counts, with dry_run) stale conversations; returns (conversations, events)."""
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    engine = sa.create_engine(url)
    try:
        if not sa.inspect(engine).has_table("events"):
            return 0, 0
        with engine.begin() as connection:
            stale = f"sender_id IN ({STALE_SENDERS})"
            conversations = connection.execute(
                sa.text(f"SELECT COUNT(*) FROM ({STALE_SENDERS}) AS stale"), {"cutoff": cutoff}
            ).scalar()
            events = connection.execute(
                sa.text(f"SELECT COUNT(*) FROM events WHERE {stale}"), {"cutoff": cutoff}
            ).scalar()
            if not dry_run:
                connection.execute(sa.text(f"DELETE FROM events WHERE {stale}"), {"cutoff": cutoff})
        return int(conversations or 0), int(events or 0)
    finally:
        engine.dispose()


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--days",
        type=float,
        default=float(os.environ.get("RETENTION_DAYS", "90")),
        help="durée de conservation en jours (défaut : RETENTION_DAYS ou 90)",
    )
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--dry-run", action="store_true", help="compte sans supprimer")
    args = parser.parse_args(argv)
    if args.days <= 0:
        parser.error("--days doit être positif")
    endpoints = args.endpoints.resolve()
    os.chdir(ROOT)  # a relative SQLite path means the same file as for scripts/serve
    url = tracker_store_url(endpoints)
    conversations, events = purge(url, args.days, dry_run=args.dry_run)
    verb = "à supprimer" if args.dry_run else "supprimées"
    print(
        f"Conversations inactives depuis plus de {args.days:g} jours {verb} : {conversations} "
        f"({events} événements) dans {url.render_as_string(hide_password=True)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
