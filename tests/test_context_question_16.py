"""Holdout 16 (dev halves tests/dev/holdout_16_*.yml): a question asked after the buyer's context is
answered, not acknowledged; the social side wished is the social clauses; the regional network asked
of a place already given; a body of the buyer's past is not their body; a complaint about the assistant
gets a polite reply with its scope; « où je pose ma question ? » is the guichet vert.

Pure rules and the routing run without Rasa. The sentences differ from the dev sets'.
"""

from __future__ import annotations

from typing import Any, Optional

import places
from actions.context_question import (
    asks_after_context,
    question_after_context,
    question_part,
    regional_network_asked,
    social_side_only,
    where_to_ask_topic,
    without_known_condition,
)
from actions.knowledge import knowledge_base
from actions.route_types import KNOWN_QUESTIONS, Context, Outcome
from actions.routing import route
from actions.smalltalk import COMPLAINT_REPLY, complains_about_assistant
from actions.understanding import says_private, says_public
from nlu_components.buyer_type import find_buyer_types
from textnorm import said_of_past

KNOWLEDGE = knowledge_base()


def run(
    intent: str, text: str, place: Optional[str] = None, remembered: bool = False, **fields: Any
) -> Outcome:
    found = places.resolve_text(place) if place else None
    fields.setdefault("question", intent if intent.startswith("ask_") else None)
    ctx = Context(
        intent=intent, text=text, place_in_message=None if remembered else found, place=found, **fields
    )
    return route(KNOWLEDGE, ctx)


def text_of(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


def test_the_question_after_the_context_names_the_topic() -> None:
    assert question_part("Agent à la mairie de Créteil : qui anime le réseau régional ?") == (
        "qui anime le réseau régional ?"
    )
    text = "Technicien achats à la ville de Meaux : qui porte le guichet vert dans notre région ?"
    assert question_after_context("inform", text, KNOWN_QUESTIONS) == "ask_guichet_vert"
    assert question_after_context("ask_network", text, KNOWN_QUESTIONS) is None  # DIET read a question
    # a detail given alone asks nothing
    assert (
        question_after_context("inform", "mairie de Meaux, guichet vert déjà utilisé", KNOWN_QUESTIONS)
        is None
    )
    outcome = run("inform", text, "Meaux", buyer_in_message="collectivite", buyer_type="collectivite")
    assert outcome.question == "ask_guichet_vert"
    assert "Maximilien" in text_of(outcome) and "C'est noté" not in text_of(outcome)


def test_a_question_no_topic_answers_is_said_unknown_after_the_context() -> None:
    text = "Agent de la commune de Morlaix, on a le droit de privilégier les artisans du village ?"
    assert asks_after_context(text)
    assert not asks_after_context("Commune de Morlaix, j'ai une question ?")  # announced, not asked
    assert not asks_after_context("Commune de Morlaix")
    outcome = run("inform", text, "Morlaix", buyer_in_message="collectivite", buyer_type="collectivite")
    said = text_of(outcome)
    assert said.startswith("Je n'ai pas la réponse") and "RESECO" in said
    assert "Quelle est votre question" not in said and "Morlaix" in said


def test_the_social_side_wished_is_the_social_clauses() -> None:
    text = (
        "CCAS de Saintes, on reprend le marché de portage de repas et on veut y mettre du social, des idées ?"
    )
    assert social_side_only("ask_environmental_considerations", text)
    assert not social_side_only("ask_environmental_considerations", text + " et de l'environnemental")
    assert not social_side_only("ask_agec", text)
    outcome = run(
        "ask_environmental_considerations", text, "Saintes", buyer_in_message="etablissement_public"
    )
    assert outcome.question in ("ask_social_clause", "ask_facilitator")
    assert "clause sociale" in text_of(outcome).lower()


def test_the_regional_network_asked_is_the_place_s_one() -> None:
    assert regional_network_asked("et niveau réseau régional, pour discuter avec des collègues ?")
    assert not regional_network_asked("une plateforme pour échanger entre acheteurs ?")
    outcome = run(
        "ask_network",
        "et du côté du réseau régional pour partager avec d'autres acheteurs ?",
        "Angoulême",
        remembered=True,
        buyer_type="collectivite",
        previous_question="ask_social_clause",
    )
    assert "3AR" in text_of(outcome) and outcome.question != "ask_rapidd"


def test_a_body_of_the_buyer_s_past_is_not_theirs() -> None:
    assert said_of_past("apres quinze ans dans")
    assert said_of_past("j ai longtemps travaille dans une")
    assert not said_of_past("je viens d arriver a la")
    text = "Ancienne de l'industrie privée, je suis depuis mars à la mairie de Lorient. Qui peut m'aider ?"
    values = [(m["value"], m["negated"]) for m in find_buyer_types(text)]
    assert ("collectivite", False) in values
    text = "Après vingt ans dans le privé, me voici au conseil régional de Bretagne : par où commencer ?"
    assert [m["value"] for m in find_buyer_types(text) if not m["negated"]] == ["collectivite"]
    assert not says_private(text)
    assert not says_public("ancien acheteur public, je gère les achats de ma PME")
    assert says_private("je travaille dans le privé")


def test_the_known_private_condition_is_left_out() -> None:
    said = without_known_condition(
        "Si vos achats ne relèvent pas du code de la commande publique, vous êtes aidés."
    )
    assert said == "Vous êtes aidés."
    assert without_known_condition("Autre texte.") == "Autre texte."
    outcome = run(
        "inform", "on est une PME à Tours", "Tours", buyer_in_message="tpe_pme", buyer_type="tpe_pme"
    )
    assert "Si vos achats ne relèvent pas" not in text_of(outcome) and "Conseillers-Entreprises" in text_of(
        outcome
    )


def test_a_complaint_about_the_assistant_gets_its_scope() -> None:
    for text in ("t'es vraiment nul", "vous servez à rien", "ce chatbot est débile", "tu comprends rien !"):
        assert complains_about_assistant(text), text
    for text in (
        "la clause d'insertion est inutile pour nous ?",
        "t'es nul, c'est quoi un ESAT ?",  # a question after it: answered
        "le label est nul comme exigence",
    ):
        assert not complains_about_assistant(text), text
    assert "achats durables" in COMPLAINT_REPLY


def test_where_to_ask_a_question_is_the_guichet_vert() -> None:
    assert (
        where_to_ask_topic("ok, je l'envoie où ma question sur le réemploi ?") is None
    )  # no verb form known
    assert (
        where_to_ask_topic("où est-ce qu'on peut poser nos questions environnementales ?")
        == "ask_guichet_vert"
    )
    assert where_to_ask_topic("à qui j'adresse ma question sur l'insertion ?") == "ask_facilitator"
    assert where_to_ask_topic("je me pose la question de savoir où acheter") is None
