"""The buyers' clubs of a place: « y a-t-il un club d'acheteurs par chez nous ? ».

The knowledge (topic ``ask_cci``) names a few Clubs Stratégies Achat by their place (« dans l'Hérault, le
CSA 34 … », « à Toulouse, un club … »). A buyer whose place is known gets the club of that place first;
where the sources name none, that is said (they prove nothing) with where to ask (the CCI) and, for a
public buyer, the regional network of the place. Pure functions, no Rasa import.
"""

from __future__ import annotations

import re
from datetime import date
from typing import List, Optional

import places
from actions.focus import units
from actions.knowledge import KnowledgeBase, Topic
from actions.render import Reply, button_dicts, compose, source_links
from actions.territory import PlaceLike, network_reply, outside_regions
from textnorm import YEAR, normalize, question_form

CLUB_TOPIC = "ask_cci"
# A club asked for, whether one exists or which one (« un club d'acheteurs », « quel club ? », « des
# clubs achats »), or named with a place alone (« club stratégies achat toulouse »); not a fact of a club
# (its members, its fee, its next meeting: said unknown by the usual answer).
CLUB_ASKED = re.compile(r"\b(?:un|des|quels?|aucun|d autres|de|du|le) clubs?\b|^clubs?\b")
CLUB_FACT = re.compile(
    r"\b(?:combien|nombre|quand|heures?|horaires?|adresse|membres?|adherents?|entreprises|cout\w*|prix"
    r"|tarifs?|cotisation|date|dates|reunions?|contact|telephone|mail|site"
    r"|qui (?:l |le |les )?(?:anime|gere|dirige))\b"
)
BULLET = "•"
EXISTS_ASKED = re.compile(r"\b(?:y a t il|il y a|y a|ya|existe\w*)\b")
# A club known only from a dated article (« Un article de 2013 décrivait à Toulouse un club … »): whether it
# still exists is not known, so an existence question gets no « Oui : ».
REPORTED = re.compile(r"\b(?:articles?|presse|reportages?)\b")


def places_of(sentence: str) -> List[places.Place]:
    return [match.place for match in places.find_locations(sentence) if not match.negated]


def in_place(found: places.Place, place: PlaceLike) -> bool:
    """A place named by the knowledge lies in the buyer's place: the same department for a commune or a
    department, the same region for a region."""
    if place.kind == places.REGION:
        return found.region_code == place.region_code
    code = place.code if place.kind == places.DEPARTEMENT else place.department_code
    return bool(code) and (
        found.department_code == code or (found.kind == places.DEPARTEMENT and found.code == code)
    )


def clubs_of_place(topic: Topic, place: PlaceLike) -> List[str]:
    """The sentences of the topic's details (its listed examples) that name a club in the buyer's place."""
    found = []
    for unit in units(topic.details or ""):
        for line in unit.splitlines():
            line = line.strip()
            if not line.startswith(BULLET):
                continue
            text = line.lstrip(BULLET).strip().rstrip(" ;.")
            if any(in_place(named, place) for named in places_of(text)):
                found.append(f"{text[:1].upper()}{text[1:]}.")
    return found


def reported(sentence: str) -> bool:
    """The sentence reports a club from a dated source (« un article de 2013 décrivait … »)."""
    plain = normalize(sentence)
    return bool(REPORTED.search(plain)) and bool(YEAR.search(plain))


def asks_club(text: str) -> bool:
    """A club asked for (does one exist, which one), not a fact about a club."""
    plain = question_form(text)
    return bool(CLUB_ASKED.search(plain)) and not CLUB_FACT.search(plain)


def local_club_replies(
    knowledge: KnowledgeBase,
    place: Optional[PlaceLike],
    text: str,
    public_too: bool = True,
    today: Optional[date] = None,
) -> List[Reply]:
    """The club of the buyer's place, or that the sources name none there (then the CCI to ask and, for a
    buyer who may be public, the place's regional network). [] when no club is asked or no place known."""
    topic = knowledge.topics.get(CLUB_TOPIC)
    if topic is None or place is None or outside_regions(place) or not asks_club(text):
        return []
    clubs = clubs_of_place(topic, place)
    step = topic.next_step or ""
    buttons = button_dicts(topic.buttons)
    sources = source_links(topic.sources)
    if clubs:
        named = " ".join(clubs)
        # « y a-t-il un club … ? »: « Oui : … » first, when no club is known only from a dated article
        if EXISTS_ASKED.search(question_form(text)) and not any(reported(club) for club in clubs):
            named = f"Oui : {named[:1].lower()}{named[1:]}"
        return [Reply(compose([named, step], today), buttons, details=topic.answer, sources=sources)]
    name = place.label.split(" (")[0]
    origin = next((one for one in units(topic.answer) if "Clubs Stratégies Achat" in one), "")
    origin = origin.replace("À leur initiative", "À l'initiative des CCI")  # said without the CCI before
    lead = (
        f"Mes sources ne citent pas de club d'acheteurs pour {name}, "
        "ce qui ne prouve pas qu'il n'en existe pas."
    )
    first = Reply(compose([lead, origin, step], today), buttons, details=topic.details or "", sources=sources)
    return [first, network_reply(knowledge, place, today)] if public_too else [first]
