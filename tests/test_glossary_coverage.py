"""The glossary covers the terms of the course and the research dossier (dev set glossary_coverage_5)."""

from __future__ import annotations

import pytest

from actions.glossary import ENTRIES, asks_term_itself, find_terms
from actions.glossary_route import term_replies
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from tests.test_context_first import context

KNOWLEDGE = knowledge_base()


def answer(intent: str, text: str, question: str = "") -> str:
    ctx = Context(
        intent=intent, text=text, question=question or (intent if intent.startswith("ask_") else None)
    )
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


def entry(name: str):
    return next(item for item in ENTRIES if item.id == name)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("c'est quoi la commande publique ?", "La commande publique"),
        ("l'article L. 3-1, ça veut dire quoi ?", "L'article L. 3-1"),
        ("c'est quoi un critère d'attribution ?", "Un critère d'attribution"),
        ("une condition d'exécution, c'est quoi ?", "Les conditions d'exécution"),
        ("c'est quoi le STPA ?", "Le STPA"),
        ("la DAE c'est qui ?", "La DAE"),
        ("ISO 20400 = ?", "ISO 20400"),
        ("j'entends parler de déforestation importée, c'est quoi ?", "La déforestation importée"),
        ("c'est quoi un CCTP ?", "Je n'ai pas de définition"),
        ("c'est quoi la loi REEN ?", "La loi REEN"),
        ("le plastique à usage unique, c'est quoi la règle ?", "Les services de l'État"),
        ("la vaisselle jetable, c'est quoi la règle ?", "Les services de l'État"),
        ("c'est quoi un référent interne ?", "Les référents internes"),
        ("un opérateur économique, c'est quoi exactement ?", "Un opérateur économique"),
    ],
)
def test_terms_of_the_course_and_the_dossier_are_defined(text: str, start: str) -> None:
    assert answer("ask_environmental_considerations", text).startswith(start)


def test_a_broad_term_is_defined_only_when_asked_itself() -> None:
    strict = entry("commande_publique")
    assert strict in find_terms("quelles obligations pour la commande publique, c'est quoi le plus urgent ?")
    assert not asks_term_itself(
        "quelles obligations pour la commande publique, c'est quoi le plus urgent ?", strict
    )
    assert asks_term_itself("j'entends parler de commande publique au travail, c'est quoi ?", strict)


def test_who_someone_is_at_a_body_is_not_the_body_defined() -> None:
    cgdd = entry("cgdd")
    assert asks_term_itself("le CGDD, c'est qui ?", cgdd)
    assert not asks_term_itself("au CGDD, c'est qui le responsable des achats ?", cgdd)


def test_what_to_do_is_not_a_definition_question() -> None:
    text = answer(
        "ask_social_clause",
        "dans un marché CCAG TIC, qu'est-ce que je dois préciser pour la clause d'insertion ?",
    )
    assert not text.startswith("Les CCAG sont")


def test_a_product_named_with_a_social_term_is_context() -> None:
    text = answer(
        "ask_marche_inclusion",
        "on m'a parlé d'un ACI pour l'entretien des espaces verts, ça veut dire quoi ACI ?",
    )
    assert text.startswith("Un ACI (atelier et chantier d'insertion)")


def test_disposable_tableware_asked_in_context_gets_the_single_use_plastic_rule() -> None:
    text = "Acheteuse dans un EHPAD public, nous voulons remplacer la vaisselle jetable. Que dit la loi ?"
    replies = term_replies(KNOWLEDGE, context("nlu_fallback", text))
    assert replies and replies[0].text.startswith("Les services de l'État")
