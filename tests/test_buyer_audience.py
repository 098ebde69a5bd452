"""Buyer types of issue 11, class 2 (wt-priv7): private and mixed bodies, and who may use a service.

Pure functions: the buyer-type lexicon (nlu_components/buyer_type.py) and the routing of a service's
audience (actions/routing.py). Sentences differ from tests/dev/buyer_types_7.yml.
"""

from __future__ import annotations

from typing import List

import pytest

from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from nlu_components.buyer_type import find_buyer_types

KNOWLEDGE = knowledge_base()


def types_in(text: str) -> List[str]:
    return [found["value"] for found in find_buyer_types(text) if not found["negated"]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("je bosse pour une association de quartier", ["organisme_prive"]),
        ("c'est pour la fondation où je suis bénévole", ["organisme_prive"]),
        ("Clinique privée de Nantes : quelles aides ?", ["organisme_prive"]),
        ("nous sommes un établissement privé sous contrat", ["organisme_prive"]),
        ("je suis acheteur dans une SEM de tourisme", ["entreprise_publique_locale"]),
        ("société publique locale d'eau : le guichet vert ?", ["entreprise_publique_locale"]),
        ("on est une SPL contrôlée par des communes", ["entreprise_publique_locale"]),
    ],
)
def test_private_and_mixed_bodies(text: str, expected: List[str]) -> None:
    assert types_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "on subventionne des associations",
        "réponse sous 2 sem",
        "quelle association anime ce réseau ?",
        "on confie le nettoyage à une clinique vétérinaire",
    ],
)
def test_bodies_that_are_not_the_buyer(text: str) -> None:
    assert not [t for t in types_in(text) if t in ("organisme_prive", "entreprise_publique_locale")]


def answer(intent: str, text: str, **fields) -> str:
    ctx = Context(intent=intent, text=text, question=intent, **fields)
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


def test_a_private_buyer_asking_for_a_network_is_told_whom_networks_serve() -> None:
    text = answer(
        "ask_network",
        "petite entreprise : existe-t-il un réseau régional pour nous ?",
        buyer_in_message="tpe_pme",
        buyer_type="tpe_pme",
    )
    assert "acheteurs publics" in text and "CCI" in text


def test_the_yearly_agec_declaration_is_not_a_private_buyers() -> None:
    text = answer(
        "ask_agec_declaration",
        "notre fondation doit-elle déclarer ses achats ?",
        buyer_in_message="organisme_prive",
        buyer_type="organisme_prive",
    )
    assert text.startswith("Non")


def test_who_may_use_the_inclusion_market_names_public_and_private_buyers() -> None:
    text = answer("ask_marche_inclusion", "le Marché de l'inclusion est-il ouvert aux mutuelles ?")
    assert "publics et privés" in text


def test_a_guichet_question_about_a_company_says_whom_it_serves_and_who_helps_companies() -> None:
    text = answer("ask_guichet_vert", "est-ce que le guichet vert peut conseiller une PME ?")
    assert "code de la commande publique" in text and "Conseillers-Entreprises" in text
