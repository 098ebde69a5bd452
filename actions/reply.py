"""One structured reply, rendered by every channel in its own idiom.

A reply is the short answer (what every client shows: the message's ``text``), the details behind
« En savoir plus », useful links, at most two sources (title, address, date consulted) and the buttons.
The action sends the short answer as ``text`` and the whole reply as a ``custom`` payload:

    {"kind": "answer" | "details", "answer": str, "details": str | null,
     "links": [{"title", "url"}], "detail_links": [{"title", "url"}],
     "sources": [{"title", "url", "consulted": "YYYY-MM-DD", "note": "consultée le 25 novembre 2026"}],
     "sources_note": "consultées les 25 et 30 novembre 2026", "buttons": [{"title", "payload"}],
     "id": "a1b2c3d4e5f6", "topic": "ask_agec", "entries": ["agec.yml:papier"],  # answers that can be rated
     "copy": str,  # kind "handoff": the ready-to-send text, shown as a block to copy
     "comment_for": "a1b2c3d4e5f6"}  # kind "feedback": the thanks for a 👎, asking what was missing

An answer with an ``id`` gets 👍 / 👎 (``vote_buttons``): each sends the NLU-free payload
``/feedback{"vote": "up"|"down", "answer": id}`` (issue 13), answered by action_feedback. Its thanks for
a 👎 names the answer in ``comment_for``: the channels add a short text field (« Qu'est-ce qui
manquait ? », COMMENT_LABEL) whose text comes back as ``comment_payload`` (a 👎 with a ``comment``).

Channels read it back with ``parse_payload``, which keeps only well-formed parts and http(s) links, so a
renderer never has to trust what it receives. Only the standard library and privacy/ (pure Python): the
channels, the action server and the terminal client all import this module.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Dict, List, Mapping, Optional
from urllib.parse import urlsplit

from actions.dates import french_date
from privacy import mask_personal_data

DETAILS_TITLE = "En savoir plus"
# An NLU-free Rasa payload: the button sends the intent itself, answered by action_details.
DETAILS_PAYLOAD = "/more_details"
KINDS = ("answer", "details", "handoff", "feedback")
# Issue 13: votes on an answer, and the handoff to the guichet vert (a button that asks for a person).
VOTE_INTENT = "feedback"
VOTES = {"up": ("👍", "Réponse utile"), "down": ("👎", "Réponse pas utile")}
HANDOFF_TITLE = "Préparer ma question pour le guichet vert"
HANDOFF_PAYLOAD = "/ask_human"
# Where official resources are, said after an unknown fact (one wording for every module).
PORTAL_ROUTE = "Le portail national achats-durables.gouv.fr rassemble les ressources officielles."
ANSWER_ID = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
MAX_COMMENT_CHARS = 100  # channels/guard.py: MAX_ENTITY_CHARS
# The optional comment after a 👎 (the widget has the same wording: widget/widget.js, TEXT.comment*).
COMMENT_LABEL = "Qu'est-ce qui manquait ? (facultatif)"
COMMENT_PLACEHOLDER = f"Votre remarque, en {MAX_COMMENT_CHARS} caractères au plus"
COMMENT_SEND = "Envoyer ma remarque"
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
    id: str = ""  # an answer that can be rated (issue 13); "" for any other message
    topic: str = ""  # the question intent it answers
    entries: List[str] = field(default_factory=list)  # knowledge entries it comes from ("file:id")
    copy: str = ""  # kind "handoff": the text to copy
    comment_for: str = ""  # kind "feedback": the id of the answer a 👎 rated (a comment may follow)

    @property
    def structured(self) -> bool:
        """True when there is more than text and buttons to show (then a payload is sent)."""
        return bool(
            self.details
            or self.links
            or self.detail_links
            or self.sources
            or self.id
            or self.copy
            or self.comment_for
        )


def vote_payload(answer_id: str, vote: str, comment: str = "") -> str:
    """The NLU-free message of a vote on an answer (with the optional comment after a 👎)."""
    entities = {"vote": vote, "answer": answer_id}
    if comment.strip():
        entities["comment"] = comment.strip()[:MAX_COMMENT_CHARS]
    return f"/{VOTE_INTENT}{json.dumps(entities, ensure_ascii=False)}"


def comment_payload(answer_id: str, comment: str) -> str:
    """The message of a comment typed after a 👎 in a channel's field: the 👎 again, with the comment
    masked (personal data) before it is cut to MAX_COMMENT_CHARS, so that no mask pushes it past the
    channels' limit on entity values. "" for a bad answer id or an empty comment."""
    text = " ".join(mask_personal_data(comment).split()) if isinstance(comment, str) else ""
    if len(text) > MAX_COMMENT_CHARS:
        text = text[:MAX_COMMENT_CHARS]
        if text.rfind("[") > text.rfind("]"):  # a mask cut in the middle: left out
            text = text[: text.rfind("[")]
    text = text.strip()
    if not ANSWER_ID.match(answer_id or "") or not text:
        return ""
    return vote_payload(answer_id, "down", text)


def vote_buttons(reply: Reply) -> List[Dict[str, str]]:
    """👍 / 👎 under an answer that can be rated: title (emoji), label (for screen readers), payload."""
    if reply.kind != "answer" or not ANSWER_ID.match(reply.id):
        return []
    return [
        {"title": emoji, "label": label, "payload": vote_payload(reply.id, vote), "vote": vote}
        for vote, (emoji, label) in VOTES.items()
    ]


def message_buttons(reply: Reply) -> List[Dict[str, str]]:
    """The buttons of the message itself: a client that only reads ``text`` and ``buttons`` still gets
    the details on demand through « En savoir plus »."""
    more = [{"title": DETAILS_TITLE, "payload": DETAILS_PAYLOAD}] if reply.details else []
    # one « En savoir plus » per message: the details of this reply, not also a button to its topic
    others = [b for b in reply.buttons if not (more and str(b.get("title", "")).startswith(DETAILS_TITLE))]
    return more + others


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
        **({"id": reply.id, "topic": reply.topic, "entries": list(reply.entries)} if reply.id else {}),
        **({"copy": reply.copy} if reply.copy else {}),
        **({"comment_for": reply.comment_for} if reply.comment_for else {}),
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
    answer_id = payload.get("id")
    comment_for = payload.get("comment_for")
    entries = payload.get("entries") if isinstance(payload.get("entries"), list) else []
    return Reply(
        text=answer,
        buttons=_buttons(payload.get("buttons")),
        details=_text(payload.get("details")),
        links=_links(payload.get("links")),
        detail_links=_links(payload.get("detail_links")),
        sources=_sources(payload.get("sources")),
        kind=str(payload["kind"]),
        id=answer_id if isinstance(answer_id, str) and ANSWER_ID.match(answer_id) else "",
        topic=_text(payload.get("topic"), MAX_TITLE_CHARS),
        entries=[_text(e, MAX_TITLE_CHARS) for e in entries[:MAX_ITEMS] if _text(e, MAX_TITLE_CHARS)],
        copy=_text(payload.get("copy")),
        comment_for=comment_for if isinstance(comment_for, str) and ANSWER_ID.match(comment_for) else "",
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
