"""Two-part questions: the parts of a message, the part whose figure is unknown, the second topic named."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import FrozenSet, List, Optional, Sequence

from actions.figure_finder import figure_reply, figure_sentence
from actions.focus import units
from actions.followup import ROUTES, figure_is_known, unknown_figure_reply
from actions.knowledge import KnowledgeBase
from actions.render import Reply
from actions.route_types import KNOWN_QUESTIONS, Context
from actions.territory import PlaceLike
from actions.understanding import FIGURE, aspects, named_topics
from actions.unknowns import unknown_aspect
from textnorm import normalize, question_form

TWO_PARTS = re.compile(
    r"\?.+\?|\bet (?:aussi|egalement)\b|\bdeux questions\b|\bpuis\b|;"
    r"|\bet (?:le|la|les|l|sur|pour|comment|qui|quel|quelle|ou|est)\b"
)
SUBSUMED = {("ask_agec", "ask_agec_declaration"), ("ask_biosourced", "ask_biosourced_label")}


# Clauses of a message: after a question mark, a comma or a semicolon, or at « et » before an article.
CLAUSE_BREAK = re.compile(r"\?\s*|[,;]\s*(?:et\s+)?|\s+et\s+(?=(?:le|la|les|l['’]|pour)\b)", re.IGNORECASE)


def without_clause_of(ctx: Context, other: Optional[str], question: str) -> Context:
    """The context without the clauses that name only the other topic of a two-part question."""
    if not other:
        return ctx
    clauses = [part for part in CLAUSE_BREAK.split(ctx.text) if part.strip()]
    kept = [part for part in clauses if other not in named_topics(part) or question in named_topics(part)]
    if not kept or len(kept) == len(clauses):
        return ctx
    return replace(ctx, text=", ".join(part.strip() for part in kept) + " ?")


def second_question(ctx: Context, question: str, named: List[str]) -> Optional[str]:
    """The other topic of a two-part question, named in so many words, if any."""
    if not ctx.intent.startswith("ask_") or not TWO_PARTS.search(question_form(ctx.text).replace("?", " ? ")):
        return None
    for topic in named:
        pair = tuple(sorted((topic, question)))
        if topic != question and pair not in SUBSUMED and topic in KNOWN_QUESTIONS:
            return topic
    return None


# Where a second question starts: after a question mark, or at "et" before a question word ("combien y
# a-t-il de réseaux et combien d'acheteurs en sont membres ?").
PART_BREAK = re.compile(
    r"\?\s*(?=\S)|,?\s+et\s+(?=(?:[\w'’]+\s+){0,4}?(?:combien|quel|quels|quelle|quelles|quand|qui|comment"
    r"|quoi|pourquoi)\b)",
    re.IGNORECASE,
)


def question_parts(text: str) -> List[str]:
    """The two questions of a two-part message, as written; a single question gives one part."""
    parts = [part.strip(" ,;") for part in PART_BREAK.split(text)]
    return [part for part in parts if len(part.split()) >= 2]


# A part that asks something of its own ("il a été créé quand", "qui anime le réseau"), not a statement
# ("je cherche des prestataires locaux") nor a word that goes on with the other part ("combien ?").
OWN_QUESTION = re.compile(
    r"\b(?:quand|qui|quoi|comment|combien|quel|quels|quelle|quelles|pourquoi|depuis|est ce)\b"
)
MIN_OWN_QUESTION_WORDS = 3


def own_question(part: str) -> bool:
    plain = question_form(part)
    return len(plain.split()) >= MIN_OWN_QUESTION_WORDS and bool(OWN_QUESTION.search(plain))


# Words of the context a buyer gives before a question ("Métropole de Lyon ici : depuis quand … ?"),
# which name no subject of the question.
BUYER_CONTEXT_WORDS = (
    "ici nous on est suis travaille mairie commune ville metropole agglomeration communaute departement"
    " departemental region regional conseil ccas chu hopital syndicat service"
)


def context_words(place: Optional[PlaceLike]) -> str:
    """The place named in the message and the usual words around it, when a place was named: left out
    of the subject of an aspect asked (a creation date need not be about the buyer's own city)."""
    if place is None:
        return ""
    return f"{place.label.split(' (')[0]} {place.region_name or ''} {BUYER_CONTEXT_WORDS}"


def part_unknown(
    texts: Sequence[str], text: str, place: Optional[PlaceLike], title: str = "", both_asked: bool = False
) -> Optional[str]:
    """The part of a two-part question whose figure the texts do not give, when the other part is not
    unknown too ("le guichet vert c'est gratuit ? et il traite combien de demandes par an ?" -> the second;
    "combien de facilitateurs en France, et combien en Pays de la Loire ?" -> the local count)."""
    parts = question_parts(text)
    if len(parts) != 2:
        return None
    verdicts = []
    for part in parts:
        wanted = aspects(part)
        known = (
            False
            if unknown_aspect(part, texts, title)
            else figure_is_known(texts, part, wanted, FIGURE in wanted)
        )
        if known and place is not None and FIGURE in wanted and place_scopes_figure(part, texts, place):
            known = False  # "et combien en Pays de la Loire ?": the knowledge counts them nationally
        verdicts.append(known)
    if verdicts.count(False) != 1:
        return None
    if both_asked and not all(own_question(part) for part in parts):
        return None
    return parts[verdicts.index(False)]


def unknown_part_reply(question: str, part: str, texts: Sequence[str]) -> List[Reply]:
    """What is not known in the part asked: an aspect (a result, a date...) or a figure, then the route."""
    aspect = unknown_aspect(part, texts)
    if aspect:
        return [Reply(f"{aspect} {ROUTES.get(question, '')}".strip())]
    return unknown_figure_reply(question, part, aspects(part), [])


def figure_of_another_topic(
    knowledge: KnowledgeBase, text: str, question: str, wanted: FrozenSet[str]
) -> Optional[Reply]:
    """A dated figure the topic read lacks, given by one sentence of another topic (its examples too), about
    the same year, measure and subject (« en 2019, quelle part des marchés avait une considération sociale
    ? »); never an undated question (« quel pourcentage des marchés … aujourd'hui ? » is today's figure)."""
    if not YEAR_ASKED.search(question_form(text)):
        return None
    found = figure_sentence(knowledge, text, examples=True)
    if found is None or found[1].id == question:
        return None
    if not figure_is_known([found[0]], text, wanted, True):
        return None
    return figure_reply(knowledge, text, examples=True)


YEAR_ASKED = re.compile(r"\b(?:19|20)\d\d\b")


def names_place(texts: Sequence[str], place: PlaceLike, question: str) -> bool:
    """The texts name the place (or its region) in a sentence that gives the figure asked (« En
    Île-de-France, … jusqu'à 70 % » for a share, not for a count of facilitators)."""
    own_name = place.label.split(" (")[0]
    names = [normalize(name) for name in (own_name, place.region_name) if name]
    return any(
        re.search(rf"\b{re.escape(name)}\b", normalize(unit))
        and figure_is_known([unit], question, aspects(question), True)
        for text in texts
        for unit in units(text)
        for name in names
    )


def place_scopes_figure(text: str, texts: Sequence[str], place: PlaceLike) -> bool:
    """The place is named in the question on the figure ("combien de structures en Gironde ?", not
    "Dijon ici. Le PNAD vise quel pourcentage ?") and the texts, national, do not name it."""
    own_name = place.label.split(" (")[0]  # "Gironde (33, Nouvelle-Aquitaine)" -> "Gironde"
    names = [normalize(name) for name in (own_name, place.region_name) if name]
    plain, known = question_form(text), normalize(" ".join(texts))
    figure = re.search(r"\b(?:combien|nombre|pourcentage|part|proportion|taux)\b", plain)
    if figure is None:
        return False
    asked_here = any(re.search(rf"\b{re.escape(name)}\b", plain[figure.start() :]) for name in names)
    return asked_here and not any(re.search(rf"\b{re.escape(name)}\b", known) for name in names)
