"""Validate the knowledge base (knowledge/*.yml) and report what needs a human look.

Usage, from the repository root:

    .venv/bin/python scripts/check_knowledge.py [--knowledge-dir DIR] [--today YYYY-MM-DD] [--max-age-days N]

Prints, for developers: entry counts per file, the unverified entries (``verified: false``,
``unverified_notes``, AGEC rates left null) and the entries whose oldest source check is older than
``--max-age-days`` (365 by default). Exits 0 when the knowledge base is valid, 1 with the loader's
message (which names the file and the field) when it is not. Staleness and unverified entries are
reported but do not fail the check: they are expected, and only a human can re-check a source.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from actions.knowledge import (  # noqa: E402 - after the sys.path set-up
    KNOWLEDGE_DIR,
    KnowledgeBase,
    KnowledgeError,
    Sourced,
    load_knowledge,
)

DEFAULT_MAX_AGE_DAYS = 365


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Validate knowledge/*.yml and report unverified or stale entries."
    )
    parser.add_argument(
        "--knowledge-dir", type=Path, default=KNOWLEDGE_DIR, help="directory of the YAML files"
    )
    parser.add_argument("--today", type=date.fromisoformat, default=None, help="reference date (YYYY-MM-DD)")
    parser.add_argument("--max-age-days", type=int, default=DEFAULT_MAX_AGE_DAYS,
                        help="report entries whose oldest check is older than this")
    return parser.parse_args(argv)


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def count_lines(knowledge: KnowledgeBase) -> List[str]:
    facilitators = knowledge.facilitators
    return [
        f"  topics.yml        {len(knowledge.topics)} topics",
        f"  networks.yml      {len(knowledge.networks.networks)} networks + national contacts",
        f"  agec.yml          {len(knowledge.agec.categories)} categories",
        f"  facilitators.yml  {plural(len(facilitators.entries), 'entry', 'entries')}, "
        f"{plural(len(facilitators.regional_routes), 'regional route', 'regional routes')}"
        " + national contacts",
        f"  guides.yml        {len(knowledge.guides)} guides",
        f"  geo_aliases.yml   {len(knowledge.geo_aliases.aliases)} region aliases, "
        f"{len(knowledge.geo_aliases.common_word_communes)} common-word communes",
        f"  total             {len(knowledge.all_entries())} sourced entries",
    ]


def unverified_entries(knowledge: KnowledgeBase) -> List[Tuple[str, str, Sourced]]:
    """(file, label, entry) of the entries marked verified: false or carrying unverified notes."""
    return [
        (file_name, label, entry)
        for file_name, label, entry in knowledge.all_entries()
        if not entry.verified or getattr(entry, "unverified_notes", [])
    ]


def unverified_lines(rows: List[Tuple[str, str, Sourced]]) -> List[str]:
    lines = []
    for file_name, label, entry in rows:
        status = "verified: false" if not entry.verified else "verified, with notes"
        lines.append(f"  {file_name}: {label} ({status})")
        lines += [f"      - {note}" for note in getattr(entry, "unverified_notes", [])]
    return lines


def null_rate_lines(knowledge: KnowledgeBase) -> List[str]:
    """AGEC rates left null (unknown): they send the user to the decree's annex."""
    total = known = 0
    fully_unknown = []
    for category in knowledge.agec.categories:
        values = list(category.reuse_pct.values()) + list(category.recycled_pct.values())
        nulls = sum(value is None for value in values)
        total += len(values)
        known += len(values) - nulls
        if values and nulls == len(values):
            fully_unknown.append(category.id)
    lines = [f"  AGEC rates: {known} known, {total - known} null out of {total}"]
    if fully_unknown:
        names = ", ".join(fully_unknown)
        lines.append(f"  categories without any known rate ({len(fully_unknown)}): {names}")
    return lines


def stale_lines(knowledge: KnowledgeBase, today: date, max_age_days: int) -> List[str]:
    limit = today - timedelta(days=max_age_days)
    return [
        f"  {file_name}: {label} (oldest check {entry.last_checked.isoformat()})"
        for file_name, label, entry in knowledge.all_entries()
        if entry.last_checked < limit
    ]


def report(knowledge: KnowledgeBase, directory: Path, today: date, max_age_days: int) -> str:
    unverified = unverified_entries(knowledge)
    stale = stale_lines(knowledge, today, max_age_days)
    sections = [
        f"Knowledge base in {directory}: valid",
        "Entries per file:",
        *count_lines(knowledge),
        f"Unverified entries ({len(unverified)}):",
        *(unverified_lines(unverified) or ["  none"]),
        "Unknown AGEC rates:",
        *null_rate_lines(knowledge),
        f"Entries checked more than {max_age_days} days before {today.isoformat()} ({len(stale)}):",
        *(stale or ["  none"]),
    ]
    return "\n".join(sections)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    directory = args.knowledge_dir.resolve()
    try:
        knowledge = load_knowledge(directory)
    except KnowledgeError as error:
        print(f"Knowledge base in {directory}: INVALID\n  {error}", file=sys.stderr)
        return 1
    print(report(knowledge, directory, args.today or date.today(), args.max_age_days))
    return 0


if __name__ == "__main__":
    sys.exit(main())
