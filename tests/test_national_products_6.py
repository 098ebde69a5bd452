"""Products named in other words, regional adjectives and national facts (issue 11, classes 3, 4 and 6).

The lexicon fallback of actions/products.py when DIET is unsure or reads a purchase as out of scope, the
adjectives of regions after a topic noun (nlu_components/location_extractor.py), the note of a category on
another law, and the search for inclusive suppliers.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionClarify, ActionOutOfScope
from actions.agec_route import note_on_other_law
from actions.context_rules import supplier_search_question
from actions.knowledge import knowledge_base
from actions.products import product_phrase
from actions.route_types import Context
from actions.routing import route
from nlu_components.location_extractor import _demonym

KNOWLEDGE = knowledge_base()


def tracker(
    text: str,
    intent: str,
    ranking: List[Dict[str, Any]],
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": ranking[0]["confidence"] if ranking else 0.5},
        "entities": entities or [],
        "intent_ranking": ranking,
    }
    values = {"location": None, "buyer_type": None, "product": None, "question": None}
    values.update({"pending_question": None, "awaiting_location": None})
    values.update(slots or {})
    return Tracker("test", values, latest, [], False, None, {}, "action_listen")


async def said(action: Any, t: Tracker) -> str:
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, t, {})
    return "\n".join(message.get("text") or message.get("response") or "" for message in dispatcher.messages)


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("polaires et doudounes pour les cantonniers", "polaire"),
        ("des iPad pour les écoles", "ipad"),
        ("nous c'est surtout des gilets pour les agents de voirie", "gilet"),
    ],
)
def test_the_lexicon_finds_the_object_named(text: str, phrase: str) -> None:
    assert product_phrase(text) == phrase


@pytest.mark.parametrize(
    "text",
    ["la table ronde du CNA", "réserver un billet de train", "la tenue du registre", "quel temps demain"],
)
def test_an_ambiguous_word_alone_names_no_product(text: str) -> None:
    assert product_phrase(text) is None


@pytest.mark.parametrize(
    "text, key",
    [
        ("le guichet vert normand, c'est qui ?", "region:28"),
        ("et le réseau breton, c'est lequel ?", "region:53"),
        ("Réseau d'acheteurs pour une commune ligérienne ?", "region:52"),
        ("guichet vert pour un village provençal ?", "region:93"),
        ("une intercommunalité nordiste", "departement:59"),
        ("On est un syndicat girondin", "departement:33"),
    ],
)
def test_a_regional_adjective_after_a_topic_or_a_body(text: str, key: str) -> None:
    found = _demonym(text)
    assert found is not None and found["key"] == key


def test_a_note_on_another_law_answers_a_question_on_that_law() -> None:
    note = next(c.note for c in KNOWLEDGE.agec.categories if c.id == "informatique")
    found = note_on_other_law(note, "combien de nos ordinateurs réformés selon la loi REEN ?")
    assert found is not None and "50 %" in found
    assert note_on_other_law(note, "quel taux AGEC pour les ordinateurs ?") is None
    # the note's own words, without the law's name: that note answers
    restated = "nos PC réformés de moins de 10 ans, quelle part doit partir en réemploi depuis 2025 ?"
    category = next(c for c in KNOWLEDGE.agec.categories if c.id == "informatique")
    own = " ".join([category.label, *category.keywords])
    assert "50 %" in (note_on_other_law(note, restated, own) or "")
    assert note_on_other_law(note, "quel taux de réemploi pour les ordinateurs en 2025 ?", own) is None
    # the category's own words are shared by every question on it: not a reason
    asked = "Pour le matériel informatique, c'est quel pourcentage de réemploi imposé par la loi AGEC ?"
    assert note_on_other_law(note, asked, own) is None


def test_where_to_find_inclusive_suppliers_is_the_marche_de_l_inclusion() -> None:
    text = "Où trouver des ESAT ou des SIAE pour un marché réservé ?"
    assert supplier_search_question("ask_reserved_contracts", text) == "ask_marche_inclusion"
    assert supplier_search_question("ask_reserved_contracts", "c'est quoi un marché réservé ?") is None


async def test_a_purchase_read_as_out_of_scope_gets_its_agec_category() -> None:
    t = tracker(
        "polaires et doudounes pour les cantonniers",
        "out_of_scope",
        [{"name": "out_of_scope", "confidence": 0.58}, {"name": "inform", "confidence": 0.27}],
    )
    assert "textiles" in await said(ActionOutOfScope(), t)


@pytest.mark.parametrize("text", ["donne moi une recette de blanquette", "quel est le prix de la baguette ?"])
async def test_a_real_out_of_scope_message_is_declined(text: str) -> None:
    entities = (
        [{"entity": "product", "value": "baguette", "start": 22, "end": 30}] if "baguette" in text else []
    )
    t = tracker(text, "out_of_scope", [{"name": "out_of_scope", "confidence": 0.9}], entities=entities)
    assert await said(ActionOutOfScope(), t) == "utter_out_of_scope"


async def test_an_unsure_product_detail_after_an_agec_answer_gets_its_category() -> None:
    t = tracker(
        "nous c'est surtout des gilets pour les agents de voirie",
        "nlu_fallback",
        [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_facilitator", "confidence": 0.23}],
        slots={"question": "ask_agec"},
    )
    assert "textiles" in await said(ActionClarify(), t)


def test_a_product_given_before_any_question_gets_its_category() -> None:
    outcome = route(KNOWLEDGE, Context(intent="inform", text="ramettes ?", product_in_message="papier"))
    assert outcome.replies and "Papier" in outcome.replies[0].text


@pytest.mark.parametrize(
    "text",
    [
        "mon ordinateur est lent, comment le réparer ?",
        "le dernier smartphone samsung coûte combien ?",
        "je cherche un canapé pour mon salon",
    ],
)
async def test_a_private_person_s_product_stays_out_of_scope(text: str) -> None:
    t = tracker(text, "out_of_scope", [{"name": "out_of_scope", "confidence": 0.9}])
    assert await said(ActionOutOfScope(), t) == "utter_out_of_scope"


async def test_a_term_of_the_glossary_read_as_out_of_scope_is_defined() -> None:
    t = tracker(
        "c'est quoi un opérateur économique ?", "out_of_scope", [{"name": "out_of_scope", "confidence": 0.8}]
    )
    assert "L. 1220-1" in await said(ActionOutOfScope(), t)
    weather = tracker(
        "c'est quoi la météo demain ?", "out_of_scope", [{"name": "out_of_scope", "confidence": 0.9}]
    )
    assert await said(ActionOutOfScope(), weather) == "utter_out_of_scope"


def test_the_pays_de_la_loire_is_a_region_not_the_country() -> None:
    from actions.national import national_scope

    assert not national_scope("Quel est le réseau au niveau du Pays de la Loire ?")
    assert national_scope("combien de réseaux dans le pays ?")
    assert not national_scope("sur l'ensemble du territoire communal ?")
