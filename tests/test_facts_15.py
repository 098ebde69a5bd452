"""Holdout 15 development fixes (wt-h15facts): buyer statements, SEM support, products by use, unknown
contacts of a structure, « peut-on … ? » answered yes first, a yearly deadline asked for one year.

Pure functions, no server; the sentences differ from the dev sets.
"""

from __future__ import annotations

import pytest

from actions.actions import described
from actions.focus import lead_sentence
from actions.knowledge import knowledge_base
from actions.no_topic import acknowledgement
from actions.products import find_product_category
from actions.route_types import Context
from actions.routing import route
from actions.topics import focused
from actions.understanding import aspects
from actions.unknowns import unknown_aspect

KNOWLEDGE = knowledge_base()


# --- a statement of who the buyer is, with a relative clause ---------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "nous sommes une fondation qui accueille des personnes âgées, hors code des marchés",
        "je travaille pour une mutuelle qui gère deux cliniques",
    ],
)
def test_a_relative_clause_describes_and_asks_nothing(text: str) -> None:
    assert not aspects(described(text))


@pytest.mark.parametrize("text", ["une commune qui cherche un réseau", "on est une SPL, qui peut nous aider"])
def test_a_request_or_a_question_is_kept(text: str) -> None:
    assert aspects(described(text)) or "cherche" in described(text)


def test_a_private_buyer_is_acknowledged_with_the_private_support() -> None:
    support = KNOWLEDGE.topics["ask_private_support"].answer.strip()
    ctx = Context(intent="inform", text="une fondation", buyer_type="organisme_prive")
    text = acknowledgement(ctx, support).text
    assert text.startswith("C'est noté") and "Conseillers-Entreprises" in text and "question" in text
    public = Context(intent="inform", text="une mairie", buyer_type="collectivite")
    assert "Conseillers-Entreprises" not in acknowledgement(public, support).text


# --- a SEM or a SPL asking who helps, with a place ---------------------------------------------------------


def test_a_local_public_company_gets_the_regional_support_and_the_private_one() -> None:
    from places.gazetteer import resolve_key

    place = resolve_key("commune:31555")  # Toulouse, Occitanie
    ctx = Context(
        intent="ask_private_support",
        question="ask_private_support",
        text="on est une SPL à Toulouse, vers qui se tourner ?",
        buyer_in_message="entreprise_publique_locale",
        place=place,
        place_in_message=place,
    )
    text = "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)
    assert "Rés'Occ" in text
    assert "relèvent du code de la commande publique" in text
    assert "Conseillers-Entreprises" in text


# --- products named by their use ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("le matériel pour élaguer et désherber les jardins publics", "espaces_verts"),
        ("ce qui sert à débroussailler les talus", "espaces_verts"),
        ("des sièges pour la salle de réunion", "mobilier"),
    ],
)
def test_a_purchase_named_by_its_use(text: str, category: str) -> None:
    found = find_product_category(KNOWLEDGE.agec, None, text)
    assert found is not None and found.id == category


@pytest.mark.parametrize("text", ["notre siège social est à Nantes", "le siège de l'association déménage"])
def test_a_headquarters_is_no_seat(text: str) -> None:
    assert find_product_category(KNOWLEDGE.agec, None, text) is None


# --- a contact asked of a structure the glossary defines ---------------------------------------------------


def test_a_phone_number_of_a_defined_structure_is_said_unknown_first() -> None:
    ctx = Context(
        intent="ask_facilitator", text="c'est quoi le téléphone de l'AVE ?", question="ask_facilitator"
    )
    replies = route(KNOWLEDGE, ctx).replies
    assert replies and replies[0].text.startswith("Je n'ai pas de numéro")


# --- « peut-on exiger … ? » answered yes first -------------------------------------------------------------


def test_may_we_require_is_answered_yes_first_even_with_a_detail_word() -> None:
    topic = KNOWLEDGE.topics["ask_biosourced"]
    first, _ = focused(topic, "peut-on exiger du biosourcé pour réhabiliter une école ?")
    assert first.startswith("Oui : vous pouvez exiger")


# --- a yearly deadline asked for one year -------------------------------------------------------------------


def test_a_yearly_limit_answers_the_deadline_of_any_year() -> None:
    topic = KNOWLEDGE.topics["ask_agec_declaration"]
    question = "avant quelle date faut-il déclarer les achats de l'année 2026 ?"
    assert unknown_aspect(question, [topic.answer, topic.details or ""], topic.title) is None
    assert lead_sentence(question, topic.answer, topic.details or "") is None
