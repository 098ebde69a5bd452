"""Follow-ups left open at the end of stop 28 (closing note, « Left out »), one test per cause.

Pure functions and route() over the knowledge base, no server: the rates of categories said in two
messages of one answer, the other kind of rate after one category, whom to call (not a phone number),
and an opinion asked on the answer just given.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from actions.agec import shown_rates_text
from actions.knowledge import knowledge_base
from actions.opinion import OPINION_TEXT, asks_opinion, opinion_reply
from actions.routing import glossary_outcome, route
from actions.topic_choice import same_topic_elsewhere
from actions.tracker_context import last_turn_texts
from actions.understanding import unknown_detail
from tests.test_context_first import context, joined

KNOWLEDGE = knowledge_base()
UNKNOWN_FIRST = (
    "Je n'ai pas ce chiffre : le taux de la catégorie « Véhicules et pièces détachées » ne figure pas dans "
    "mes sources ; il est fixé par l'annexe du décret n° 2024-134."
)
TWO_SHOWN = (
    "Catégorie « Mobilier urbain » : au moins 5 % en 2024 issus du réemploi ou de la réutilisation ; 20 % "
    "en 2024 intégrant des matières recyclées, en part de la dépense annuelle."
)
ONE_SHOWN = (
    "Catégorie « Mobilier et aménagement d'intérieur » : au moins 20 % en 2024 issus du réemploi ou de la "
    "réutilisation ; 15 % en 2024 intégrant des matières recyclées, en part de la dépense annuelle."
)


# --- an answer in two messages: every category of the turn --------------------------------------------


class FakeTracker:
    def __init__(self, events):
        self.events = events


def test_last_turn_texts_are_every_message_of_the_latest_answer_in_order() -> None:
    tracker = FakeTracker(
        [
            {"event": "user", "text": "le guichet vert ?"},
            {"event": "bot", "text": "ancienne réponse"},
            {"event": "user", "text": "taux mobilier urbain et véhicules ?"},
            {"event": "bot", "text": UNKNOWN_FIRST},
            {"event": "bot", "text": TWO_SHOWN},
            {"event": "user", "text": "et en recyclé ?"},
        ]
    )
    assert last_turn_texts(tracker) == (UNKNOWN_FIRST, TWO_SHOWN)


def test_a_rate_follow_up_keeps_the_category_said_unknown_in_the_first_message() -> None:
    ctx = replace(
        context(
            "follow_up", "et en recyclé, c'est combien ?", question="ask_agec", previous_question="ask_agec"
        ),
        last_answer=TWO_SHOWN + " " + ONE_SHOWN,
        last_turn_answers=(UNKNOWN_FIRST, TWO_SHOWN + " " + ONE_SHOWN),
    )
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "Véhicules et pièces détachées" in text and "Mobilier urbain » : au moins 20 %" in text


# --- the other kind of rate after one category ----------------------------------------------------------


@pytest.mark.parametrize(("text", "rate"), [("et en réemploi ?", "20 %"), ("et en recyclé ?", "15 %")])
def test_the_kind_of_rate_alone_after_one_category_gets_that_rate_only(text: str, rate: str) -> None:
    shown = shown_rates_text(KNOWLEDGE.agec, text, ONE_SHOWN)
    assert shown is not None and f"au moins {rate}" in shown and shown.count("•") == 1


def test_a_rate_question_with_more_words_after_one_category_is_not_cut_to_one_rate() -> None:
    assert shown_rates_text(KNOWLEDGE.agec, "c'est combien pour les chaises ?", ONE_SHOWN) is None


def test_the_kind_of_rate_after_an_agec_answer_is_no_glossary_definition() -> None:
    after_rate = replace(
        context("ask_definition", "et en réemploi ?", question="ask_agec", previous_question="ask_agec"),
        last_answer=ONE_SHOWN,
    )
    assert glossary_outcome(KNOWLEDGE, after_rate) is None
    first = context("ask_definition", "c'est quoi le réemploi ?", question=None)
    outcome = glossary_outcome(KNOWLEDGE, first)
    assert outcome is not None and "usage identique" in joined(outcome.replies)


# --- whom to call is no phone number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["qui appeler pour les clauses sociales ?", "qui dois-je appeler pour une clause d'insertion ?"]
)
def test_whom_to_call_asks_a_contact_not_a_phone_number(text: str) -> None:
    assert unknown_detail(text, []) is None


@pytest.mark.parametrize("text", ["on peut les appeler ?", "je peux appeler le facilitateur ?", "leur tel ?"])
def test_calling_them_still_asks_a_phone_number(text: str) -> None:
    assert "téléphone" in (unknown_detail(text, []) or "")


# --- an opinion asked on the answer just given ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "c'est une mauvaise idée ?",
        "Ça vaut le coup ?",
        "vous me le conseillez ?",
        "et c'est vraiment utile selon vous ?",
        "ce serait une bonne idée ?",
    ],
)
def test_an_opinion_asked_after_an_answer_gets_no_opinion_and_who_advises(text: str) -> None:
    assert asks_opinion(text)
    reply = opinion_reply(text, after_answer=True)
    assert reply is not None and reply.text == OPINION_TEXT and "guichet vert" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "vous recommandez quel label ?",
        "c'est une bonne idée d'exiger un écolabel pour le papier de toutes nos écoles ?",
        "il fait beau chez vous ?",
        "c'est obligatoire ?",
    ],
)
def test_other_questions_are_no_opinion_asked(text: str) -> None:
    assert not asks_opinion(text)


def test_an_opinion_asked_with_no_answer_before_gets_no_opinion_reply() -> None:
    assert opinion_reply("c'est une bonne idée ?", after_answer=False) is None


# --- the topic just answered, asked again for another place ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("ok et pour le Nord, vers qui me tourner ?", "departement:59", "département du Nord"),
        ("et en Gironde, à qui je m'adresse ?", "departement:33", "département de la Gironde"),
    ],
)
def test_another_place_with_whom_to_turn_to_gets_the_facilitator_there(
    text: str, key: str, expected: str
) -> None:
    ctx = context(
        "ask_private_support", text, key, question="ask_facilitator", previous_question="ask_facilitator"
    )
    assert same_topic_elsewhere(ctx) == "ask_facilitator"
    answer = joined(route(KNOWLEDGE, ctx).replies)
    assert f"facilitateur pour le {expected}" in answer and "publics comme privés" not in answer


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("je suis à Lille, qui peut m'aider ?", "ask_facilitator"),  # the buyer's context, not a turn
        ("et pour Lille, c'est quoi une clause sociale ?", "ask_facilitator"),  # a topic named
        ("et pour Lille ?", "ask_agec"),  # a topic with no local contact
        ("et pour Lille, ça coûte combien ?", "ask_guichet_vert"),  # no contact asked
    ],
)
def test_other_place_turns_are_not_the_same_topic_elsewhere(text: str, previous: str) -> None:
    ctx = context("inform", text, "commune:59350", question=previous, previous_question=previous)
    assert same_topic_elsewhere(ctx) is None
