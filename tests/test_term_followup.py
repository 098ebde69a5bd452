"""Follow-ups on a glossary term just defined, and articles only the glossary cites
(actions/term_followup.py)."""

from __future__ import annotations

from datetime import date

import pytest

from actions.glossary import ENTRIES, definition_reply
from actions.knowledge import knowledge_base
from actions.term_followup import article_entry_reply, defined_entry, term_follow_up_reply
from actions.understanding import named_topics

TODAY = date(2026, 11, 30)


def shown(entry_id: str) -> str:
    entry = next(e for e in ENTRIES if e.id == entry_id)
    return definition_reply(entry, TODAY).text


def test_the_term_just_defined_is_found_from_its_answer() -> None:
    found = defined_entry(shown("spaser"), TODAY)
    assert found is not None and found.id == "spaser"
    assert defined_entry("Oui.", TODAY) is None  # a short text inside an entry is not that entry


@pytest.mark.parametrize(
    ("entry_id", "text", "expected"),
    [
        ("spaser", "et qui est concerné ?", "50 millions"),
        ("spaser", "et nous, on est concernés ?", "50 millions"),
        ("spaser", "et depuis quand ?", "2023"),
        ("reen", "et ça s'applique aux communes ?", "collectivités"),
        ("esat", "et on peut leur réserver un marché ?", "L. 2113-12"),
        ("cgdd", "et il fait quoi pour les réseaux régionaux ?", "2013"),
    ],
)
def test_a_short_follow_up_gets_the_sentence_of_the_term(entry_id: str, text: str, expected: str) -> None:
    reply = term_follow_up_reply(text, shown(entry_id), named_topics(text), TODAY)
    assert reply is not None and expected in reply.text


@pytest.mark.parametrize(
    ("entry_id", "text"),
    [
        ("esat", "il faut un pourcentage minimum de travailleurs handicapés ?"),  # a figure the entry lacks
        ("dce", "ok et le guichet vert il est gratuit ?"),  # another subject named
        ("ccag", "et qui contacter pour la clause ? je suis dans le 75"),
        ("plie", "et une MDE ?"),  # another term
    ],
)
def test_other_follow_ups_are_left_to_the_usual_routing(entry_id: str, text: str) -> None:
    assert term_follow_up_reply(text, shown(entry_id), named_topics(text), TODAY) is None


def test_an_article_only_the_glossary_cites_is_answered_by_its_entry() -> None:
    knowledge = knowledge_base()
    reply = article_entry_reply(knowledge, ["L. 3-1"])
    assert reply is not None and "développement durable" in reply.text
    assert article_entry_reply(knowledge, ["L. 2113-12"]) is None  # a topic cites it: the topic answers
