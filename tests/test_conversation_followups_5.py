"""Follow-ups tied to what the conversation remembers (issue 11, dev set tests/dev/conversations_5.yml):
a place given after a preposition, a message that the topic or the place's structure just answered
answers, the broader topic's details after a narrower one, and the words that say what is asked. The
example messages differ from the dev set's."""

from __future__ import annotations

from typing import Any

import places
from actions.context_rules import answered_by_topic, audience_sentence, broader_answers
from actions.focus import lead_sentence, stems
from actions.followup import topic_texts
from actions.knowledge import knowledge_base
from actions.route_types import Context, Outcome
from actions.routing import route
from actions.structures import structure_texts
from actions.topic_answer import suggested_topic
from actions.understanding import CONTACT, WHO, asks_who_helps, aspects, refers_back, says_private
from nlu_components.location_extractor import _place_after_preposition, _topic_number

KNOWLEDGE = knowledge_base()


def follow(intent: str, text: str, previous: str, **fields: Any) -> Outcome:
    question = intent if intent.startswith("ask_") else previous
    return route(
        KNOWLEDGE, Context(intent=intent, text=text, question=question, previous_question=previous, **fields)
    )


def test_a_place_alone_after_a_preposition_needs_no_capital() -> None:
    found = _place_after_preposition("et du côté de la corse ?")
    assert found and found["key"] == "region:94"
    assert _place_after_preposition("et pour les ordinateurs ?") is None
    assert _place_after_preposition("et pour les associations ?") is None


def test_a_department_number_after_public_buyers() -> None:
    found = _topic_number("acheteurs publics 35, un réseau ?")
    assert found and found["key"] == "departement:35"


def test_a_message_the_topic_just_answered_answers_is_a_follow_up() -> None:
    assert answered_by_topic(KNOWLEDGE, "ask_marche_inclusion", "d'autres annuaires pour le handicap ?")
    assert not answered_by_topic(KNOWLEDGE, "ask_marche_inclusion", "il fait beau aujourd'hui ?")


def test_a_word_only_the_place_structure_holds_is_a_follow_up() -> None:
    place = places.resolve_key("commune:21231")  # Dijon
    ctx = Context(
        intent="nlu_fallback", text="et pour les non-adhérents ?", question="ask_network", place=place
    )
    assert answered_by_topic(KNOWLEDGE, "ask_network", ctx.text, structure_texts(KNOWLEDGE, ctx))


def test_the_broader_topic_answers_what_the_narrower_does_not() -> None:
    assert broader_answers(KNOWLEDGE, "ask_biosourced_label", "et pour 2030, il y a une obligation ?")
    assert broader_answers(KNOWLEDGE, "ask_biosourced_label", "il y a combien de niveaux ?") is None


def test_button_topic_for_the_words_the_answer_does_not_hold() -> None:
    topic = KNOWLEDGE.topics["ask_reserved_contracts"]
    known = stems("\n".join(topic_texts(topic)))
    assert suggested_topic(topic.buttons, "comment trouver ces structures ?", known) == "ask_marche_inclusion"


def test_pronouns_and_words_that_refer_back() -> None:
    assert refers_back("c'est piloté par qui ?")
    assert refers_back("il faut combien de salariés handicapés dedans ?")
    assert not refers_back("c'est quoi le PNAD ?")


def test_what_is_asked() -> None:
    assert WHO in aspects("c'est valable aussi pour les hôpitaux ?")
    assert CONTACT not in aspects("il peut écrire notre cahier des charges ?")
    assert CONTACT in aspects("on peut leur écrire ?")
    assert asks_who_helps("on voudrait un accompagnement pour nos achats")
    assert asks_who_helps("collectivité, par où commencer ?")
    assert says_private("nous sommes une ONG")
    assert stems("rédiger") == stems("rédaction")


def test_rapidd_for_a_private_buyer_says_who_it_is_for() -> None:
    assert audience_sentence("ask_rapidd", "entreprise")
    assert audience_sentence("ask_rapidd", "collectivite") is None


def test_funding_is_answered_by_the_sentence_on_it() -> None:
    facts = "Ce service aide les acheteurs. Il est financé par l'État. Il répond par écrit."
    assert lead_sentence("qui le finance ?", "Un service de conseil.", facts) == "Il est financé par l'État."


def test_public_support_then_guichet_vert_follow_ups() -> None:
    place = places.resolve_key("departement:69")
    outcome = follow(
        "inform",
        "mairie du Rhône, on voudrait un conseil sur nos achats",
        "",
        place_in_message=place,
        place=place,
        buyer_type="collectivite",
        buyer_in_message="collectivite",
    )
    assert outcome.question == "ask_guichet_vert"
    assert "AURA-EE" in " ".join(reply.text for reply in outcome.replies)
