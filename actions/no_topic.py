"""Answers to a message that names no topic: a detail acknowledged, « which obligation? », a figure asked of
no topic."""

from __future__ import annotations

import re
from typing import Optional

from actions.context_question import without_known_condition
from actions.followup import NATIONAL_STAT
from actions.render import BUYER_TYPE_LABELS, Reply
from actions.route_types import AGEC_BUTTON, SOCIAL_CLAUSE_BUTTON, WELCOME_MENU, Context
from actions.understanding import COST, WHEN, asks_duration, asks_money, aspects, counted_noun, named_topics
from textnorm import question_form


def acknowledgement(ctx: Context, private_support: str = "") -> Reply:
    """Reply to a detail (place, buyer type) given before any question; a private buyer is also told who
    supports buyers whose purchases the code does not bind (``private_support``, the topic's answer)."""
    noted = []
    if ctx.place:
        noted.append(ctx.place.label)
    if ctx.buyer_type in BUYER_TYPE_LABELS:
        noted.append(f"vous achetez pour {BUYER_TYPE_LABELS[ctx.buyer_type]}")
    elif ctx.public != ctx.private:  # "je suis acheteur public": no body named, the sector is remembered
        noted.append("vous êtes acheteur public" if ctx.public else "vos achats relèvent du privé")
    if not noted:
        return Reply("Que souhaitez-vous savoir ?", WELCOME_MENU)
    if private_support and ctx.private and not ctx.public:
        support = without_known_condition(private_support)  # the buyer said they are private
        text = f"C'est noté : {', '.join(noted)}.\n{support}\nQuelle est votre question ?"
        return Reply(text, WELCOME_MENU)
    return Reply(f"C'est noté : {', '.join(noted)}. Quelle est votre question ?", WELCOME_MENU)


# An obligation asked of no topic (« c'est depuis quand l'obligation ? » as a first question): which one.
OBLIGATION_NAMED = re.compile(r"\bobligat\w*|\bobligee?s?\b|\bimpos\w*")
MAX_OBLIGATION_WORDS = 8


def which_obligation(text: str) -> Optional[Reply]:
    """« De quelle obligation parlez-vous ? » for a short question on an obligation that names no topic."""
    plain = question_form(text)
    short = "?" in text and len(plain.split()) <= MAX_OBLIGATION_WORDS
    if OBLIGATION_NAMED.search(plain) and (short or WHEN in aspects(text)) and not named_topics(text):
        return Reply(WHICH_OBLIGATION, OBLIGATION_MENU)
    return None


WHICH_OBLIGATION = (
    "De quelle obligation parlez-vous ? Choisissez son sujet : je vous donnerai ce qu'elle impose et depuis "
    "quand."
)
OBLIGATION_MENU = [
    AGEC_BUTTON,
    {"title": "Loi Climat et résilience", "payload": "/ask_climate_law"},
    SOCIAL_CLAUSE_BUTTON,
]


def unknown_without_topic(ctx: Context) -> Optional[Reply]:
    """A figure asked about no topic the assistant knows: say so, then offer the menu."""
    if COST in aspects(ctx.text):
        return None  # "c'est payant ?" about no topic: the menu asks which one
    national_stat = NATIONAL_STAT.search(question_form(ctx.text))  # "quelle part des contrats ... ?"
    if not (counted_noun(ctx.text) or asks_money(ctx.text) or asks_duration(ctx.text) or national_stat):
        return None
    return Reply(
        "Je n'ai pas ce chiffre : il ne figure pas dans mes sources. Je peux en revanche vous orienter "
        "vers les bons interlocuteurs : de quel sujet s'agit-il ?",
        WELCOME_MENU,
    )
