"""The messages the assistant did not understand: grouped, and exported as a CSV to annotate.

Rows gather the misses of one normalised message (case, accents, hyphens, apostrophes and spacing
ignored, ``textnorm.normalize``); groups gather rows that are near-duplicates of each other (the same
words in another order, a word more or less, typos: ``similarity``). The CSV has one row per normalised
message, a group's rows next to each other, the biggest group first; then one row per answer rated 👎
(reason ``thumbs_down``: the message it answered, its topic as ``best_intent``, its knowledge
``entries`` and the user's ``comment``), the most recent first. The editor fills ``suggested_intent``
and ``note``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from difflib import SequenceMatcher
from typing import Dict, Iterable, List, Mapping, Sequence

from privacy import mask_personal_data
from reporting.events import Message
from textnorm import normalize

COLUMNS = [
    "message",
    "count",
    "reason",
    "best_intent",
    "best_confidence",
    "conversations",
    "first_seen",
    "last_seen",
    "entries",
    "comment",
    "suggested_intent",
    "note",
]
THUMBS_DOWN_REASON = "thumbs_down"  # the `reason` of an answer rated 👎 in the CSV
SIMILARITY = 0.75  # messages sharing this share of their words are variants of one another
WORD = re.compile(r"\w+")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet would run such a cell as a formula


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


@dataclass
class Group:
    """Rows that are near-duplicates of the first (the most frequent)."""

    rows: List[Row]

    @property
    def message(self) -> str:
        return self.rows[0].message

    @property
    def count(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def conversations(self) -> int:
        return len(set().union(*(row.senders for row in self.rows)))

    @property
    def last_seen(self) -> float:
        return max(row.last_seen for row in self.rows)

    def tally(self, attribute: str) -> Dict[str, int]:
        total: Dict[str, int] = {}
        for row in self.rows:
            for name, count in getattr(row, attribute).items():
                total[name] = total.get(name, 0) + count
        return total


def misses_of(messages: Iterable[Message]) -> List[Miss]:
    """The not-understood messages, as misses."""
    return [
        Miss(m.text, m.reason, m.best_intent, m.confidence, m.timestamp, m.sender)
        for m in messages
        if m.reason
    ]


def group(misses: Iterable[Miss], since: float = 0.0) -> List[Row]:
    """Rows by normalised message, the most frequent first."""
    rows: Dict[str, Row] = {}
    for miss in misses:
        if miss.timestamp < since or not miss.text.strip():
            continue
        key = normalize(miss.text)
        rows.setdefault(key, Row(message=miss.text.strip())).add(miss)
    return sorted(rows.values(), key=lambda row: (-row.count, -row.last_seen, row.message))


def close_words(first: str, second: str) -> bool:
    """The same word, or a typo of it (words of 4 letters or more, 80 % of their letters in common)."""
    if first == second:
        return True
    return min(len(first), len(second)) >= 4 and SequenceMatcher(None, first, second).ratio() >= 0.8


def similarity(first: str, second: str) -> float:
    """How alike two normalised messages are, from 0 to 1: the words they share (a typo counts as the
    same word) over all their distinct words; order and repetitions ignored."""
    left, right = sorted(set(WORD.findall(first))), set(WORD.findall(second))
    if not left and not right:
        return 1.0
    matched = 0
    for word in left:
        twin = word if word in right else next((o for o in sorted(right) if close_words(word, o)), None)
        if twin is not None:
            right.discard(twin)
            matched += 1
    return matched / (len(left) + len(right))


def cluster(rows: Sequence[Row], threshold: float = SIMILARITY) -> List[Group]:
    """Groups of near-duplicate rows: each row joins the first group (most frequent first) whose first
    message it resembles, or starts its own. The biggest group first."""
    groups: List[Group] = []
    keys: List[str] = []
    for row in sorted(rows, key=lambda row: (-row.count, -row.last_seen, row.message)):
        key = normalize(row.message)
        for index, known in enumerate(keys):
            if similarity(key, known) >= threshold:
                groups[index].rows.append(row)
                break
        else:
            groups.append(Group([row]))
            keys.append(key)
    return sorted(groups, key=lambda g: (-g.count, -g.last_seen, g.message))


def iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def most_common(counts: Mapping[str, int]) -> str:
    return max(sorted(counts), key=lambda name: counts[name]) if counts else ""


def cell(text: str) -> str:
    """A message as a spreadsheet shows it, never as a formula to run."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(groups: Sequence[Group], downvotes: Sequence[Message] = ()) -> str:
    """The CSV to annotate (one line per normalised message, then one per answer rated 👎; UTC times),
    byte order mark included so that spreadsheet software reads the accents correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for grouped in groups:
        for row in grouped.rows:
            writer.writerow(
                [
                    cell(row.message),
                    row.count,
                    most_common(row.reasons),
                    most_common(row.best),
                    f"{max(row.confidences):.2f}",
                    len(row.senders),
                    iso(row.first_seen),
                    iso(row.last_seen),
                    "",
                    "",
                    "",
                    "",
                ]
            )
    for vote in downvotes:
        writer.writerow(
            [
                cell(mask_personal_data(vote.asked)),
                1,
                THUMBS_DOWN_REASON,
                vote.topic,
                "",
                1,
                iso(vote.timestamp),
                iso(vote.timestamp),
                " ".join(vote.entries),
                cell(mask_personal_data(vote.comment)),
                "",
                "",
            ]
        )
    return "\ufeff" + out.getvalue()
