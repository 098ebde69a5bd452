"""Shared wording: the short answer first, the details apart, named sources and links (never raw URLs)."""

from __future__ import annotations

import re
from datetime import date
from typing import Dict, Iterable, List, Optional
from urllib.parse import urlsplit

from actions.dates import render_dates
from actions.knowledge import Button, Source
from actions.reply import MAX_SOURCES, Link, Reply, SourceLink

__all__ = ["Reply", "compose", "source_links", "unique_sources", "button_dicts", "host", "link"]

BUYER_TYPE_LABELS: Dict[str, str] = {
    "etat": "un service de l'État",
    "collectivite": "une collectivité territoriale",
    "hopital": "un établissement de santé",
    "etablissement_public": "un établissement public",
    "entreprise": "une entreprise privée",
    "tpe_pme": "une TPE ou PME",
    "organisme_prive": "un organisme privé (association, fondation, mutuelle…)",
    "entreprise_publique_locale": "une entreprise publique locale (SEM, SPL…)",
}
PRIVATE_BUYER_TYPES = frozenset({"entreprise", "tpe_pme", "organisme_prive"})
# The course every `kind: course` source points to (its chapter page): named by its chapter.
COURSE_LINK_TITLE = "Cours : Appuyez-vous sur des réseaux nationaux et locaux"
# "Title (Publisher, 12/03/2022)" -> "Title — Publisher, 12/03/2022"
TRAILING_PUBLISHER = re.compile(r"^(?P<title>.*\S)\s*\((?P<publisher>[^()]+)\)$")
MAX_TITLE_CHARS = 80  # a source's link title, so that two sources stay on a line or two


def compose(paragraphs: Iterable[Optional[str]], today: Optional[date] = None) -> str:
    """Join the non-empty paragraphs (one blank line apart) and word the dates against today."""
    text = "\n\n".join(p.strip() for p in paragraphs if p and p.strip())
    return render_dates(text, today)


def host(url: object) -> str:
    """'https://www.reseco.fr/x' -> 'reseco.fr': how an address is named in the text."""
    name = urlsplit(str(url)).hostname or ""
    return name[4:] if name.startswith("www.") else name


def link(title: str, url: object) -> Link:
    return Link(title, str(url))


def shorten(title: str, limit: int = MAX_TITLE_CHARS) -> str:
    """A long title cut at a word, with an ellipsis."""
    if len(title) <= limit:
        return title
    return title[: title.rfind(" ", 0, limit - 1)].rstrip(" ,;:—-(«") + "…"


def source_title(source: Source) -> str:
    """A source's name as a link title: the course by its chapter, a page by its title or its site."""
    if source.is_course:
        return COURSE_LINK_TITLE
    if not source.title:
        return host(source.url)
    found = TRAILING_PUBLISHER.match(source.title)
    if not found:
        return shorten(source.title)
    publisher = found["publisher"]
    return f"{shorten(found['title'], max(MAX_TITLE_CHARS - len(publisher) - 3, 30))} — {publisher}"


def source_links(*groups: Iterable[Source]) -> List[SourceLink]:
    """The best sources of the entries answered (the course first), at most two, each address once."""
    return [
        SourceLink(source_title(source), str(source.url), source.checked)
        for source in unique_sources(*groups)[:MAX_SOURCES]
    ]


def button_dicts(buttons: Iterable[Button]) -> List[Dict[str, str]]:
    return [{"title": button.title, "payload": button.payload} for button in buttons]


def unique_sources(*groups: Iterable[Source]) -> List[Source]:
    """Sources of several entries, without repeating a URL: the course first, then in order."""
    listed = [source for group in groups for source in group]
    seen: set = set()
    merged: List[Source] = []
    for source in sorted(listed, key=lambda source: not source.is_course):  # stable: keeps the order
        if str(source.url) not in seen:
            seen.add(str(source.url))
            merged.append(source)
    return merged
