"""Definition questions in other phrasings (dev set definitions_10): typos of the trade's acronyms, « X vs
Y », unknown terms typed in lower case, and « un exemple ? » / « ça sert à quoi ? » after an answer."""

from __future__ import annotations

import pytest

from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.unknown_terms import unknown_term, vocabulary_of
from textnorm import question_form, trade_name

KNOWLEDGE = knowledge_base()
WORDS = vocabulary_of(KNOWLEDGE)


def answer(intent: str, text: str, question: str = "", last_answer: str = "") -> str:
    ctx = Context(
        intent=intent,
        text=text,
        question=question or (intent if intent.startswith("ask_") else None),
        last_answer=last_answer,
    )
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


@pytest.mark.parametrize(
    ("word", "name"),
    [("spaser", "spaser"), ("spasser", "spaser"), ("pnda", "pnad"), ("saie", "siae"), ("dreet", "dreets")],
)
def test_one_typo_of_a_trade_name_is_read_as_it(word: str, name: str) -> None:
    assert trade_name(word) == name


@pytest.mark.parametrize("word", ["rapide", "pile", "place", "base", "espace", "agence", "passer"])
def test_ordinary_words_are_not_corrected(word: str) -> None:
    assert trade_name(word) == word


def test_a_misspelt_acronym_is_defined() -> None:
    assert question_form("le SPAZER ?") == "le spaser ?"
    assert answer("follow_up", "c koi le spasser").startswith("Le SPASER")


@pytest.mark.parametrize(
    "text",
    [
        "l'écoblanchiment, c'est quoi ?",
        "c'est quoi la dématérialisation ?",
        "achat groupé : définition ?",
        "la norme ISO 50001 c'est quoi ?",
        "empreinte carbone, ça signifie quoi ?",
    ],
)
def test_terms_the_knowledge_never_uses_are_unknown(text: str) -> None:
    assert unknown_term(text, WORDS)


@pytest.mark.parametrize(
    "text",
    [
        "guichet verre c'est quoi",  # a typo of a phrase the knowledge uses
        "le plus important c'est quoi ?",
        "la prochaine échéance de 2027 c'est quoi ?",
        "c'est quoi la meilleure option ?",
        "c'est quoi ISO 20400 ?",
    ],
)
def test_typos_qualities_and_known_phrases_are_not_unknown_terms(text: str) -> None:
    assert unknown_term(text, WORDS) is None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ESAT ou marché réservé, quelle nuance ?", ["aide par le travail", "réserver"]),
        ("Maison de l'emploi vs PLIE ?", ["plan local", "Maisons de l'emploi"]),
        ("coût global versus coût du cycle de vie", ["seul prix", "tout au long"]),
    ],
)
def test_two_things_compared_are_both_defined(text: str, words: list) -> None:
    said = answer("nlu_fallback", text)
    assert said.startswith("Ce sont deux choses différentes")
    assert all(word in said for word in words)


def test_an_example_of_a_term_just_defined_comes_from_its_entry() -> None:
    defined = answer("ask_biosourced", "un matériau biosourcé, ça veut dire quoi ?")
    assert "biomasse" in defined
    said = answer("follow_up", "par exemple ?", "ask_biosourced", defined)
    assert said.startswith("Par exemple : bois, chanvre")


def test_no_example_in_the_sources_is_said_not_made_up() -> None:
    defined = answer("ask_agec", "le réemploi ça veut dire quoi ?")
    said = answer("follow_up", "un exemple ?", "ask_agec", defined)
    assert said.startswith("Je n'ai pas d'exemple")


def test_what_a_service_brings_after_what_it_is() -> None:
    first = answer("ask_rapidd", "RAPIDD ?")
    said = answer("follow_up", "ok mais ça sert à quoi ?", "ask_rapidd", first)
    assert said.startswith("En vous inscrivant")
