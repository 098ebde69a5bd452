"""One structured reply, rendered by every channel in its own idiom.

A reply is the short answer (what every client shows: the message's ``text``), the details behind
« En savoir plus », useful links, at most two sources (title, address, date consulted) and the buttons.
The action sends the short answer as ``text`` and the whole reply as a ``custom`` payload:

    {"kind": "answer" | "details", "answer": str, "details": str | null,
     "links": [{"title", "url"}], "detail_links": [{"title", "url"}],
     "sources": [{"title", "url", "consulted": "YYYY-MM-DD", "note": "consultée le 25 novembre 2026"}],
     "sources_note": "consultées les 25 et 30 novembre 2026", "buttons": [{"title", "payload"}]}

Channels read it back with ``parse_payload``, which keeps only well-formed parts and http(s) links, so a
renderer never has to trust what it receives. Only the standard library: the channels, the action
server and the terminal client all import this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import urlsplit

from actions.dates import french_date

DETAILS_TITLE = "En savoir plus"
# An NLU-free Rasa payload: the button sends the intent itself, answered by action_details.
DETAILS_PAYLOAD = "/more_details"
KINDS = ("answer", "details")
MAX_SOURCES = 2
MAX_TEXT_CHARS = 6000
MAX_TITLE_CHARS = 200
MAX_ITEMS = 12
MAX_ANSWER_WORDS = 60  # issue 12: the first message answers in at most about 60 words
# A word: a run of non-space characters holding a letter or a digit ("•", "—" and ":" are not words).
WORD = re.compile(r"\S*[^\W_]\S*")


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class SourceLink:
    title: str
    url: str
    consulted: date

    @property
    def note(self) -> str:
        return f"consultée le {french_date(self.consulted)}"


@dataclass
class Reply:
    """What the assistant says for one question: ``text`` is the short answer, shown first."""

    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)
    details: str = ""
    links: List[Link] = field(default_factory=list)
    detail_links: List[Link] = field(default_factory=list)
    sources: List[SourceLink] = field(default_factory=list)
    kind: str = "answer"

    @property
    def structured(self) -> bool:
        """True when there is more than text and buttons to show (then a payload is sent)."""
        return bool(self.details or self.links or self.detail_links or self.sources)


def message_buttons(reply: Reply) -> List[Dict[str, str]]:
    """The buttons of the message itself: a client that only reads ``text`` and ``buttons`` still gets
    the details on demand through « En savoir plus »."""
    more = [{"title": DETAILS_TITLE, "payload": DETAILS_PAYLOAD}] if reply.details else []
    return more + list(reply.buttons)


def to_payload(reply: Reply) -> Dict[str, Any]:
    return {
        "kind": reply.kind,
        "answer": reply.text,
        "details": reply.details or None,
        "links": [{"title": link.title, "url": link.url} for link in reply.links],
        "detail_links": [{"title": link.title, "url": link.url} for link in reply.detail_links],
        "sources": [
            {
                "title": source.title,
                "url": source.url,
                "consulted": source.consulted.isoformat(),
                "note": source.note,
            }
            for source in reply.sources[:MAX_SOURCES]
        ],
        "sources_note": consulted_note(reply.sources[:MAX_SOURCES]),
        "buttons": [dict(button) for button in reply.buttons],
    }


def details_reply(payload: Mapping[str, Any]) -> Optional[Reply]:
    """The second message of « En savoir plus »: the details of an answer payload, with its sources."""
    answer = parse_payload(payload)
    if answer is None or not answer.details:
        return None
    return Reply(
        text=answer.details,
        buttons=answer.buttons,
        links=answer.detail_links,
        sources=answer.sources,
        kind="details",
    )


def word_count(text: str) -> int:
    return len(WORD.findall(text))


# --- reading a payload back (channels, terminal client) ----------------------------------------------------


def http_url(value: Any) -> Optional[str]:
    """The address if it is an absolute http(s) URL without credentials, else None."""
    if not isinstance(value, str) or len(value) > 2000 or any(c.isspace() for c in value):
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.username or parts.password:
        return None
    return value


def _text(value: Any, limit: int = MAX_TEXT_CHARS) -> str:
    return value.strip()[:limit] if isinstance(value, str) else ""


def _links(items: Any) -> List[Link]:
    links: List[Link] = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping):
            title, url = _text(item.get("title"), MAX_TITLE_CHARS), http_url(item.get("url"))
            if title and url:
                links.append(Link(title, url))
    return links[:MAX_ITEMS]


def _sources(items: Any) -> List[SourceLink]:
    sources: List[SourceLink] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, Mapping):
            continue
        title, url = _text(item.get("title"), MAX_TITLE_CHARS), http_url(item.get("url"))
        try:
            consulted = date.fromisoformat(str(item.get("consulted")))
        except ValueError:
            continue
        if title and url:
            sources.append(SourceLink(title, url, consulted))
    return sources[:MAX_SOURCES]


def _buttons(items: Any) -> List[Dict[str, str]]:
    buttons: List[Dict[str, str]] = []
    for item in items if isinstance(items, list) else []:
        if (
            isinstance(item, Mapping)
            and isinstance(item.get("title"), str)
            and isinstance(item.get("payload"), str)
        ):
            buttons.append({"title": item["title"], "payload": item["payload"]})
    return buttons[:MAX_ITEMS]


def parse_payload(payload: Any) -> Optional[Reply]:
    """The reply of a ``custom`` payload of this format, or None for anything else."""
    if not isinstance(payload, Mapping) or payload.get("kind") not in KINDS:
        return None
    answer = _text(payload.get("answer"))
    if not answer:
        return None
    return Reply(
        text=answer,
        buttons=_buttons(payload.get("buttons")),
        details=_text(payload.get("details")),
        links=_links(payload.get("links")),
        detail_links=_links(payload.get("detail_links")),
        sources=_sources(payload.get("sources")),
        kind=str(payload["kind"]),
    )


# --- French wording shared by the channels ------------------------------------------------------------------


def consulted_note(sources: List[SourceLink]) -> str:
    """'consultée le 25 novembre 2026', or 'consultées le …' when every source was read that day."""
    days = sorted({source.consulted for source in sources})
    if not days:
        return ""
    if len(days) == 1:
        return f"consultée{'s' if len(sources) > 1 else ''} le {french_date(days[0])}"
    if len({(day.year, day.month) for day in days}) == 1:  # 'les 25 et 30 novembre 2026'
        last = french_date(days[-1])
        firsts = [french_date(day).split(" ")[0] for day in days[:-1]]
        return f"consultées les {', '.join(firsts)} et {last}"
    return "consultées les " + " et ".join(french_date(day) for day in days)


def sources_label(sources: List[SourceLink]) -> str:
    return "Source" if len(sources) == 1 else "Sources"
