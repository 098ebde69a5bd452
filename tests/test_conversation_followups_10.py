"""Follow-ups of multi-turn conversations (issue 11, class 5; dev set tests/dev/conversations_10.yml).
The example messages differ from the dev set's."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from actions.actions import answers_where
from actions.followup import acronym_reply, since_when_reply
from actions.knowledge import knowledge_base
from actions.products import find_product_category
from actions.understanding import WHEN, asks_who_helps, aspects, is_elliptical
from nlu_components.buyer_type import find_buyer_types
from nlu_components.location_extractor import LocationExtractor
from nlu_components.place_only import only_places
from nlu_components.retrieval import BARE_ASPECT, misread_goodbye
from textnorm import normalize

KNOWLEDGE = knowledge_base()


def ranking(*names: str) -> List[Dict[str, Any]]:
    return [{"name": name, "confidence": 0.9 - 0.1 * index} for index, name in enumerate(names)]


@pytest.mark.parametrize("text", ["bonne soirée", "je vous laisse", "à+", "on s'arrête là, merci", "ciao"])
def test_a_farewell_read_as_goodbye_stays_a_goodbye(text: str) -> None:
    assert not misread_goodbye(ranking("goodbye", "thank"), text)


@pytest.mark.parametrize("text", ["retournons au label, il a combien de niveaux ?", "hmm ouais"])
def test_a_goodbye_read_without_any_farewell_word_is_a_misreading(text: str) -> None:
    assert misread_goodbye(ranking("goodbye", "ask_network"), text)
    assert not misread_goodbye(ranking("ask_network", "goodbye"), text)


@pytest.mark.parametrize("text", ["depuis quand ?", "et en quelle année exactement ?", "c'est pour quand ?"])
def test_a_bare_when_question_has_no_subject_of_its_own(text: str) -> None:
    assert BARE_ASPECT.search(normalize(text).strip(" ?!."))


def test_a_when_question_with_a_subject_is_not_bare() -> None:
    assert not BARE_ASPECT.search(normalize("la météo de demain, c'est pour quand ?").strip(" ?!."))


def test_since_which_year_asks_when_and_refers_to_the_topic() -> None:
    assert WHEN in aspects("depuis quelle année ?")
    assert is_elliptical("et à partir de quel mois ?")


def test_a_place_set_aside_in_a_correction_leaves_a_place_only() -> None:
    text = "non pas Lille, Lyon"
    assert only_places(text, LocationExtractor({}).extract(text))


@pytest.mark.parametrize("text", ["Metz", "plutôt la Moselle", "en Alsace"])
def test_a_short_statement_answers_where(text: str) -> None:
    assert answers_where(text)


@pytest.mark.parametrize("text", ["ils sont payés par qui ?", "on en reparle plus tard, je dois voir"])
def test_a_question_or_a_long_message_is_no_answer_to_where(text: str) -> None:
    assert not answers_where(text)


@pytest.mark.parametrize("text", ["qui peut nous guider là-dessus ?", "qui pourrait me renseigner ?"])
def test_asking_who_guides_or_informs_is_asking_who_helps(text: str) -> None:
    assert asks_who_helps(text)


@pytest.mark.parametrize("text", ["notre parc automobile", "la flotte auto du département"])
def test_a_fleet_is_vehicles(text: str) -> None:
    category = find_product_category(KNOWLEDGE.agec, None, text)
    assert category is not None and category.id == "vehicules"


def test_a_retail_group_is_a_company() -> None:
    found = find_buyer_types("je travaille pour une enseigne de grande distribution")
    assert [item["value"] for item in found if not item["negated"]] == ["entreprise"]


def test_since_when_after_an_answer_is_its_one_sentence_with_a_starting_year() -> None:
    answer = (
        "Le taux de cette catégorie est fixé par le décret n° 2024-134.\n"
        "À savoir : les bornes doivent être accessibles depuis 2023 dans chaque commune."
    )
    reply = since_when_reply("depuis quand exactement ?", answer)
    assert reply is not None and reply.text.startswith("Les bornes doivent être accessibles depuis 2023")
    assert since_when_reply("la météo, c'est depuis quand ?", answer) is None
    plan = "Le plan couvrait 2022-2025, après la loi du 22 août 2021."
    assert since_when_reply("depuis quand ?", plan) is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("le sigle APuRe, il signifie quoi ?", "APuRe : réseau régional des Acheteurs Publics Responsables"),
        ("AURA-EE ça veut dire quoi au juste", "AURA-EE : Auvergne-Rhône-Alpes Énergie Environnement"),
        ("que signifie RAN COPER ?", "Je ne connais pas la signification exacte du sigle RAN COPER"),
    ],
)
def test_what_a_structure_acronym_stands_for_comes_from_its_entry(text: str, expected: str) -> None:
    reply = acronym_reply(KNOWLEDGE, text)
    assert reply is not None and reply.text.startswith(expected)


def test_a_meaning_asked_of_no_structure_is_not_an_acronym_question() -> None:
    assert acronym_reply(KNOWLEDGE, "que veut dire réemploi ?") is None
    assert acronym_reply(KNOWLEDGE, "RESECO a un site web ?") is None
