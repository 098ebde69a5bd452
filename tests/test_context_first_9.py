"""Issue 11, context first (wt-context9): the question after the context decides what is answered.

The routing (actions/routing.py) and the topic answers (actions/topics.py) run without Rasa. The
sentences differ from the dev set tests/dev/context_first_9.yml.
"""

from __future__ import annotations

from typing import Optional

import places
from actions.knowledge import knowledge_base
from actions.render import Reply
from actions.route_types import Context, Outcome
from actions.routing import route
from actions.topic_answer import with_answer_after
from actions.topics import with_subject
from actions.understanding import DEFINITION, asks_who_helps, aspects

KNOWLEDGE = knowledge_base()


def run(intent: str, text: str, place: Optional[str] = None, **fields) -> Outcome:
    found = places.resolve_key(place) if place else None
    ctx = Context(intent=intent, text=text, question=intent, place_in_message=found, place=found, **fields)
    return route(KNOWLEDGE, ctx)


def text_of(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


def test_what_one_risks_is_no_definition_question() -> None:
    assert DEFINITION not in aspects("qu'est-ce qu'on risque si on ne le fait pas ?")
    assert DEFINITION not in aspects("qu'est-ce que je dois faire ?")
    assert DEFINITION in aspects("qu'est-ce qu'un facilitateur ?")
    assert DEFINITION in aspects("qu'est-ce que c'est ?")


def test_who_helps_in_the_present_tense() -> None:
    assert asks_who_helps("et pour l'insertion, qui nous accompagne ?")
    assert not asks_who_helps("le guichet vert accompagne qui ?")


def test_the_final_question_names_the_topic_when_the_context_named_another() -> None:
    text = "On connaît le guichet vert pour l'environnement. Et pour les marchés réservés, c'est possible ?"
    outcome = run("ask_guichet_vert", text)
    assert outcome.question == "ask_reserved_contracts"


def test_a_denied_agec_question_stays_on_the_topic_asked() -> None:
    text = "Pas de question sur la loi AGEC : pour nos ramettes de papier, quel écolabel officiel exiger ?"
    answer = text_of(run("ask_ecolabels", text, product_in_message="papier"))
    assert "NF Environnement" in answer


def test_a_facilitator_question_with_a_place_answers_what_is_asked_first() -> None:
    text = "Mairie dans le Doubs, service marchés. Le facilitateur, on est obligés d'y recourir ?"
    answer = text_of(run("ask_facilitator", text, place="departement:25"))
    assert answer.startswith("Recourir à un facilitateur n'est pas obligatoire")
    assert "DREETS" in answer


def test_a_guichet_vert_question_with_a_place_keeps_the_cost() -> None:
    text = "Commune du Jura. Le guichet vert, ça coûte quelque chose ? Il faut adhérer à l'ARNia ?"
    answer = text_of(run("ask_guichet_vert", text, place="departement:39"))
    assert "ARNia" in answer and "gratuit" in answer


def test_a_cut_line_keeps_its_first_clause() -> None:
    reply = Reply("Première ligne.\nDeuxième ligne.")
    focus = "Le service est gratuit, ouvert à tous : " + "mot " * 40
    assert with_answer_after(reply, focus).text.splitlines()[1] == "Le service est gratuit."


def test_a_leading_detail_names_its_subject() -> None:
    assert with_subject("Il apporte des guides.", "Le guichet vert") == "Le guichet vert apporte des guides."
    assert with_subject("Elle apporte des guides.", "Le guichet vert") == "Elle apporte des guides."
