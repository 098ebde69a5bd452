"""Shared wording: a reply is short French text, its sources and its buttons."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Dict, Iterable, List, Optional

from actions.dates import render_dates
from actions.knowledge import Button, Source

MAX_SOURCES = 2

BUYER_TYPE_LABELS: Dict[str, str] = {
    "etat": "un service de l'État",
    "collectivite": "une collectivité territoriale",
    "hopital": "un établissement de santé",
    "etablissement_public": "un établissement public",
    "entreprise": "une entreprise privée",
    "tpe_pme": "une TPE ou PME",
}
PRIVATE_BUYER_TYPES = frozenset({"entreprise", "tpe_pme"})


@dataclass
class Reply:
    text: str
    buttons: List[Dict[str, str]] = field(default_factory=list)


def sources_line(sources: Iterable[Source]) -> str:
    """'Source : URL (vérifiée le 25/11/2026)' for the first sources of an entry (each address once)."""
    listed = unique_sources(sources)[:MAX_SOURCES]
    if not listed:
        return ""
    checked = min(source.checked for source in listed).strftime("%d/%m/%Y")
    label = "Source" if len(listed) == 1 else "Sources"
    urls = " ; ".join(str(source.url) for source in listed)
    return f"{label} : {urls} (vérifiée le {checked})"


def compose(
    paragraphs: Iterable[Optional[str]],
    sources: Iterable[Source] = (),
    today: Optional[date] = None,
) -> str:
    """Join the non-empty paragraphs, word the dates against today, end with the source line."""
    text = "\n\n".join(p.strip() for p in paragraphs if p and p.strip())
    line = sources_line(sources)
    if line:
        text = f"{text}\n\n{line}"
    return render_dates(text, today)


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
