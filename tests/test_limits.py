"""What the assistant does not do (draft, review, legal advice) is said only when it is asked of it."""

from __future__ import annotations

import pytest

from actions.knowledge import knowledge_base
from actions.limits import (
    LIMIT_TEXT,
    asks_application_paperwork,
    asks_breakdown_help,
    asks_general_rule,
    asks_what_is_not_done,
    limit_reply,
    names_technical_network,
)
from actions.route_types import WELCOME_MENU
from actions.routing import route
from tests.test_context_first import context


@pytest.mark.parametrize(
    "text",
    [
        "Pouvez-vous me rédiger une clause sociale pour mon marché de nettoyage ?",
        "tu peux relire mon cahier des charges pour verdir nos achats de mobilier ?",
        "rédigez-moi un CCTP pour du papier recyclé",
        "relis mon DCE stp",
        "j'ai besoin d'un conseil juridique sur mon marché",
        "Vous pouvez me faire un modèle de SPASER pour notre agglo ?",
    ],
)
def test_requests_to_draft_review_or_advise_are_recognized(text: str) -> None:
    assert asks_what_is_not_done(text)


@pytest.mark.parametrize(
    "text",
    [
        "le guichet vert peut relire mon DCE ?",  # about the service, which the topic answers
        "le facilitateur peut-il rédiger la clause ?",
        "comment rédiger une clause sociale ?",  # how-to: the topic's answer
        "qui peut relire mon cahier des charges ?",
        "Pouvez-vous m'expliquer comment rédiger les critères d'attribution environnementaux ?",
        "savez-vous qui peut relire mon cahier des charges ?",
        "tu sais si le guichet vert peut relire mon DCE ?",
        "Vous pouvez me dire comment vérifier les offres anormalement basses ?",
        "vous pouvez me donner des conseils pour mon marché ?",
    ],
)
def test_questions_about_others_or_how_to_are_not_refused(text: str) -> None:
    assert not asks_what_is_not_done(text)


def test_the_limit_is_followed_by_the_answer_or_by_the_menu() -> None:
    routed = limit_reply("rédigez-moi une clause sociale")
    assert routed and routed.text.startswith(LIMIT_TEXT) and not routed.buttons
    menu = limit_reply("j'ai besoin d'un avis juridique", WELCOME_MENU)
    assert menu and menu.text.endswith("de quel sujet s'agit-il ?") and menu.buttons == WELCOME_MENU
    assert limit_reply("c'est quoi le guichet vert ?") is None


def test_a_suppliers_application_forms_are_recognized() -> None:
    assert asks_application_paperwork("comment remplir un DC1 pour répondre à un appel d'offres ?")
    assert asks_application_paperwork("il faut fournir le DUME ?")
    assert not asks_application_paperwork("comment répondre à un marché avec une clause sociale ?")


def test_the_general_rules_of_procurement_are_out_of_scope_unless_sustainable() -> None:
    assert asks_general_rule("comment on calcule les pénalités de retard dans un marché de travaux ?")
    assert asks_general_rule("la sous-traitance est-elle autorisée dans un marché public ?")
    assert not asks_general_rule("peut-on sous-traiter à une SIAE une partie du marché ?")
    assert not asks_general_rule("des pénalités si la clause d'insertion n'est pas respectée ?")
    assert not asks_general_rule("le guichet vert répond en combien de temps ?")


def test_a_device_that_does_not_work_is_no_purchase_question_unless_sustainable() -> None:
    assert asks_breakdown_help("mon imprimante ne marche plus, vous pouvez m'aider ?")
    assert asks_breakdown_help("j'ai oublié mon mot de passe")
    assert not asks_breakdown_help("nos imprimantes en panne, on peut les recycler ?")


def test_failing_to_reach_someone_is_no_penalty_question() -> None:
    from actions.focus import ASKS_PENALTY
    from textnorm import question_form

    assert not ASKS_PENALTY.search(question_form("Le guichet vert, et si on n'arrive pas à le joindre ?"))
    assert ASKS_PENALTY.search(question_form("et si on n'y arrive pas ?"))


@pytest.mark.parametrize(
    "text",
    ["mon réseau wifi ne marche plus, que faire ?", "le réseau ferré est en grève ?", "un bon réseau 5G ?"],
)
def test_a_network_of_another_kind_is_out_of_scope(text: str) -> None:
    assert names_technical_network(text)
    assert route(knowledge_base(), context("ask_network", text)).out_of_scope


@pytest.mark.parametrize(
    "text",
    [
        "des réseaux locaux d'acheteurs ?",
        "quel réseau en Bretagne ?",
        "le réseau régional est-il sur les réseaux sociaux ?",
        "réseau de chaleur : quelles clauses environnementales ?",
        "On renouvelle les bus de notre réseau de transports, quelles obligations de véhicules propres ?",
        "Le réseau ferré pour nos déplacements professionnels, c'est un critère RSE ?",
    ],
)
def test_a_network_of_buyers_or_a_question_of_the_domain_is_not(text: str) -> None:
    assert not names_technical_network(text)
