"""Command line of the report: ``python -m reporting`` (``make report``) and scripts/report_fallbacks.py.

Usage: python -m reporting [--endpoints endpoints.yml] [--out reports/dashboard.html]
                           [--csv reports/fallbacks.csv] [--since 2025-01-31] [--timezone Europe/Paris]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, List, Optional, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reporting.store import ROOT, Conversation, NoStore, load_conversations

DEFAULT_TIMEZONE = "Europe/Paris"


def apply_defaults() -> None:
    """Exports the defaults of deploy/defaults.env that the environment does not set (entry points only)."""
    for line in (ROOT / "deploy" / "defaults.env").read_text(encoding="utf-8").splitlines():
        name, sep, value = line.partition("=")
        if sep and re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            os.environ.setdefault(name, value)
    os.environ.setdefault("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")


def question_labels() -> Dict[str, str]:
    """The question intents (the values of the `question` slot) and their French labels."""
    from actions.fallback import QUESTION_LABELS

    return dict(QUESTION_LABELS)


def parse_since(value: Optional[str]) -> float:
    if not value:
        return 0.0
    return datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=timezone.utc).timestamp()


def describe(endpoints: Path) -> str:
    """Where the conversations were read, without secrets (no password, no host)."""
    url = os.environ.get("TRACKER_STORE_URL") or ""
    if not url:
        return f"stockage configuré par {endpoints.name}"
    if url.startswith("sqlite"):
        return f"stockage SQLite {Path(url.split(':///', 1)[-1]).name}"
    return f"stockage {url.split(':', 1)[0].split('+')[0]}"


def read(endpoints: Path) -> Optional[List[Conversation]]:
    try:
        return load_conversations(endpoints)
    except NoStore as error:
        print(f"{error} : rien à exporter.", file=sys.stderr)
        return None


def export_csv(argv: Optional[Sequence[str]] = None) -> int:
    """scripts/report_fallbacks.py: only the CSV of the not-understood messages."""
    from reporting.metrics import downvotes, messages_of
    from reporting.misses import cluster, csv_text, group, misses_of

    parser = argparse.ArgumentParser(description="Exporte les messages non compris vers un CSV à annoter.")
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "fallbacks.csv")
    parser.add_argument("--since", help="only messages from this day on (AAAA-MM-JJ)")
    args = parser.parse_args(argv)
    try:
        since = parse_since(args.since)
    except ValueError:
        print(f"Date invalide : {args.since!r} (format attendu AAAA-MM-JJ).", file=sys.stderr)
        return 2
    conversations = read(args.endpoints)
    if conversations is None:
        return 2
    messages = messages_of(conversations, question_labels(), since)
    groups = cluster(group(misses_of(messages)))
    rated = downvotes(messages)
    write(args.out, csv_text(groups, rated))
    rows, count = sum(len(g.rows) for g in groups), sum(g.count for g in groups)
    print(
        f"{count} message(s) non compris, {rows} distinct(s) en {len(groups)} groupe(s), "
        f"{len(rated)} réponse(s) 👎 : {args.out}"
    )
    return 0


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")


def main(argv: Optional[Sequence[str]] = None) -> int:
    """make report: the dashboard (and the CSV with --csv)."""
    parser = argparse.ArgumentParser(description="Tableau de bord des mainteneurs (une page HTML autonome).")
    parser.add_argument("--endpoints", type=Path, default=ROOT / "endpoints.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "dashboard.html")
    parser.add_argument("--csv", type=Path, help="also write the not-understood messages to this CSV")
    parser.add_argument("--since", help="only messages from this day on (AAAA-MM-JJ)")
    parser.add_argument("--timezone", default=DEFAULT_TIMEZONE, help="days of this time zone (Europe/Paris)")
    args = parser.parse_args(argv)
    try:
        since = parse_since(args.since)
    except ValueError:
        print(f"Date invalide : {args.since!r} (format attendu AAAA-MM-JJ).", file=sys.stderr)
        return 2
    try:
        tz = ZoneInfo(args.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        print(f"Fuseau horaire inconnu : {args.timezone!r} (exemple : Europe/Paris).", file=sys.stderr)
        return 2
    conversations = read(args.endpoints)
    if conversations is None:
        return 2

    from reporting.metrics import build
    from reporting.misses import csv_text
    from reporting.page import render

    labels = question_labels()
    board = build(conversations, labels, tz, since)
    html = render(board, labels, tz, describe(args.endpoints), datetime.now(tz))
    write(args.out, html)
    if args.csv:
        write(args.csv, csv_text(board.groups, board.downvotes))
    print(
        f"{board.conversations} conversation(s), {len(board.said)} message(s), {board.misses} non compris : "
        f"{args.out} ({len(html.encode('utf-8')) / 1e6:.1f} Mo)" + (f", {args.csv}" if args.csv else "")
    )
    return 0
