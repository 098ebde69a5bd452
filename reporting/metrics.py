"""The dashboard's figures: pure functions of the user messages (``reporting.events.Message``).

Days are local days of ``tz`` (Europe/Paris by default). A conversation is a session of a sender with
at least one message: a sender who comes back after the session expired starts a new conversation.
Votes are not messages (they only feed the vote figures).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Callable, Collection, Dict, Iterable, List, Optional, Sequence, Tuple

from reporting.events import Message, read_messages
from reporting.misses import Group, cluster, group, misses_of
from reporting.store import Conversation

OUT_OF_SCOPE = "out_of_scope"  # topic key of the questions the NLU put out of the assistant's scope
UNKNOWN = ""  # topic key of the not-understood questions with no likely topic
NO_PLACE = ""  # region of the questions asked where no place was known
WEEKLY_AFTER_DAYS = 31  # beyond this span, the time grids count weeks instead of days
PERCENTILES = (50, 90, 95, 99)


def local_day(timestamp: float, tz: tzinfo) -> date:
    return datetime.fromtimestamp(timestamp, tz=tz).date()


@dataclass
class Daily:
    day: date
    conversations: int = 0
    messages: int = 0
    typed: int = 0  # typed messages (not button clicks): those that can be misunderstood
    misses: int = 0

    @property
    def miss_rate(self) -> Optional[float]:
        return self.misses / self.typed if self.typed else None


def per_day(messages: Sequence[Message], tz: tzinfo) -> List[Daily]:
    """Every day from the first message to the last (days without messages included)."""
    said = [m for m in messages if not m.vote]
    if not said:
        return []
    days: Dict[date, Daily] = {}
    first = min(local_day(m.timestamp, tz) for m in said)
    last = max(local_day(m.timestamp, tz) for m in said)
    for offset in range((last - first).days + 1):
        days[first + timedelta(days=offset)] = Daily(first + timedelta(days=offset))
    started: Dict[Tuple[str, int], date] = {}
    for message in sorted(said, key=lambda m: m.timestamp):
        daily = days[local_day(message.timestamp, tz)]
        daily.messages += 1
        daily.typed += message.typed
        daily.misses += bool(message.reason)
        started.setdefault((message.sender, message.session), daily.day)
    for day in started.values():
        days[day].conversations += 1
    return list(days.values())


def topic_key(message: Message) -> str:
    """The topic a question counts for: its topic, else OUT_OF_SCOPE or UNKNOWN (no likely topic)."""
    if message.topic:
        return message.topic
    return OUT_OF_SCOPE if message.reason == OUT_OF_SCOPE else UNKNOWN


@dataclass
class TopicCount:
    topic: str
    typed: int = 0  # typed and understood
    clicked: int = 0  # a button of the assistant (always understood)
    missed: int = 0  # typed and not understood

    @property
    def total(self) -> int:
        return self.typed + self.clicked + self.missed


def per_topic(messages: Iterable[Message]) -> List[TopicCount]:
    """Questions per topic, the most asked first."""
    counts: Dict[str, TopicCount] = {}
    for message in messages:
        if not message.question:
            continue
        count = counts.setdefault(topic_key(message), TopicCount(topic_key(message)))
        if message.reason:
            count.missed += 1
        elif message.typed:
            count.typed += 1
        else:
            count.clicked += 1
    return sorted(counts.values(), key=lambda c: (-c.total, c.topic))


def region_name(key: str) -> str:
    """The region of a `location` slot value (region, department or commune key), NO_PLACE if unknown."""
    import places

    place = places.resolve_key(key) if ":" in key else None
    return place.region_name if place else NO_PLACE


@dataclass
class RegionCount:
    region: str
    understood: int = 0
    missed: int = 0

    @property
    def total(self) -> int:
        return self.understood + self.missed


def per_region(
    messages: Iterable[Message], region_of: Callable[[str], str] = region_name
) -> List[RegionCount]:
    """Questions per region of the buyer (``Message.location``), the most asked first, NO_PLACE last."""
    counts: Dict[str, RegionCount] = {}
    for message in messages:
        if not message.question:
            continue
        region = region_of(message.location) if message.location else NO_PLACE
        count = counts.setdefault(region, RegionCount(region))
        if message.reason:
            count.missed += 1
        else:
            count.understood += 1
    return sorted(counts.values(), key=lambda c: (c.region == NO_PLACE, -c.total, c.region))


@dataclass
class Grid:
    """Counts per row (a topic) and period: `hits` out of `totals` (e.g. not understood out of asked)."""

    rows: List[str]
    periods: List[date]
    weekly: bool
    hits: Dict[Tuple[str, date], int] = field(default_factory=dict)
    totals: Dict[Tuple[str, date], int] = field(default_factory=dict)

    def rate(self, row: str, period: date) -> Optional[float]:
        total = self.totals.get((row, period), 0)
        return self.hits.get((row, period), 0) / total if total else None

    def row_total(self, row: str) -> Tuple[int, int]:
        hits = sum(v for (r, _), v in self.hits.items() if r == row)
        return hits, sum(v for (r, _), v in self.totals.items() if r == row)


def periods_of(days: Sequence[date]) -> Tuple[List[date], bool]:
    """The periods covering `days`: every day, or every week (its Monday) beyond WEEKLY_AFTER_DAYS."""
    if not days:
        return [], False
    first, last = min(days), max(days)
    weekly = (last - first).days + 1 > WEEKLY_AFTER_DAYS
    step = 7 if weekly else 1
    start = first - timedelta(days=first.weekday()) if weekly else first
    return [start + timedelta(days=n) for n in range(0, (last - start).days + 1, step)], weekly


def period_of(day: date, weekly: bool) -> date:
    return day - timedelta(days=day.weekday()) if weekly else day


def grid(
    items: Sequence[Tuple[str, float, bool]], tz: tzinfo, days: Sequence[date], max_rows: int = 0
) -> Grid:
    """A grid from (row, timestamp, hit) items; the rows with the most items first (the first
    `max_rows` of them when set)."""
    periods, weekly = periods_of(days)
    result = Grid([], periods, weekly)
    for row, timestamp, hit in items:
        key = (row, period_of(local_day(timestamp, tz), weekly))
        result.totals[key] = result.totals.get(key, 0) + 1
        result.hits[key] = result.hits.get(key, 0) + hit
    sizes = Counter(row for row, _, _ in items)
    result.rows = sorted(sizes, key=lambda row: (-sizes[row], row))[: max_rows or None]
    return result


def miss_grid(messages: Sequence[Message], tz: tzinfo, days: Sequence[date], max_rows: int = 12) -> Grid:
    """Typed questions of each topic not understood, per period (questions without a topic left out)."""
    items = [(m.topic, m.timestamp, bool(m.reason)) for m in messages if m.question and m.typed and m.topic]
    return grid(items, tz, days, max_rows)


def vote_grid(messages: Sequence[Message], tz: tzinfo, days: Sequence[date], max_rows: int = 12) -> Grid:
    """👎 votes out of all votes, per topic of the answer voted on and period."""
    items = [(m.topic or UNKNOWN, m.timestamp, m.vote == "down") for m in messages if m.vote]
    return grid(items, tz, days, max_rows)


def downvotes(messages: Iterable[Message]) -> List[Message]:
    """The 👎 that stand (the latest vote on their answer), the most recent first."""
    return sorted((m for m in messages if m.vote == "down"), key=lambda m: (-m.timestamp, m.sender))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the two nearest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Latency:
    values: List[float]
    percentiles: Dict[int, float]

    @property
    def count(self) -> int:
        return len(self.values)

    @property
    def maximum(self) -> float:
        return max(self.values)


def latency(messages: Iterable[Message]) -> Optional[Latency]:
    """Answer latencies (seconds) and their PERCENTILES; None when no message was answered."""
    values = [m.latency for m in messages if m.latency is not None and not m.vote]
    if not values:
        return None
    return Latency(values, {q: percentile(values, q) for q in PERCENTILES})


def daily_latency(messages: Sequence[Message], tz: tzinfo) -> Dict[date, Latency]:
    by_day: Dict[date, List[Message]] = {}
    for message in messages:
        by_day.setdefault(local_day(message.timestamp, tz), []).append(message)
    found = {day: latency(day_messages) for day, day_messages in sorted(by_day.items())}
    return {day: value for day, value in found.items() if value is not None}


@dataclass
class Dashboard:
    """Every figure of the page."""

    messages: List[Message]
    days: List[Daily]
    topics: List[TopicCount]
    regions: List[RegionCount]
    misses_grid: Grid
    votes_grid: Grid
    latency: Optional[Latency]
    latency_by_day: Dict[date, Latency]
    groups: List[Group]

    @property
    def said(self) -> List[Message]:
        return [m for m in self.messages if not m.vote]

    @property
    def conversations(self) -> int:
        return sum(d.conversations for d in self.days)

    @property
    def questions(self) -> int:
        return sum(1 for m in self.said if m.question)

    @property
    def typed(self) -> int:
        return sum(d.typed for d in self.days)

    @property
    def misses(self) -> int:
        return sum(d.misses for d in self.days)

    @property
    def votes(self) -> Counter:
        return Counter(m.vote for m in self.messages if m.vote)

    @property
    def downvotes(self) -> List[Message]:
        return downvotes(self.messages)


def messages_of(
    conversations: Iterable[Conversation], questions: Collection[str], since: float = 0.0
) -> List[Message]:
    """The messages of every conversation from `since` on, in time order."""
    found = [
        message
        for conversation in conversations
        for message in read_messages(conversation.sender, conversation.events, questions)
        if message.timestamp >= since
    ]
    return sorted(found, key=lambda m: (m.timestamp, m.sender))


def build(
    conversations: Iterable[Conversation],
    questions: Collection[str],
    tz: tzinfo,
    since: float = 0.0,
    region_of: Callable[[str], str] = region_name,
) -> Dashboard:
    messages = messages_of(conversations, questions, since)
    days = per_day(messages, tz)
    day_list = [d.day for d in days]
    return Dashboard(
        messages=messages,
        days=days,
        topics=per_topic(messages),
        regions=per_region(messages, region_of),
        misses_grid=miss_grid(messages, tz, day_list),
        votes_grid=vote_grid(messages, tz, day_list or [local_day(m.timestamp, tz) for m in messages]),
        latency=latency(messages),
        latency_by_day=daily_latency([m for m in messages if not m.vote], tz),
        groups=cluster(group(misses_of(messages))),
    )
