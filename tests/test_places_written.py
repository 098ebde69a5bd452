"""Places as buyers write them (wt-places12): département names that are also commune names or common
words, slang numbers, traditional regions, misspelt big cities, and place names kept out of the aspects."""

from __future__ import annotations

from typing import List

import pytest

import places
from actions.knowledge import knowledge_base
from actions.routing import route
from actions.territory import place_phrase
from actions.understanding import COST, aspects, without_area_names
from places.scan import misspelt_city
from tests.test_context_first import context

KNOWLEDGE = knowledge_base()


def keys(text: str) -> List[str]:
    return [match.key for match in places.find_locations(text) if not match.negated]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("je travaille pour une commune de la Creuse", "departement:23"),
        ("Commune de la Creuse ici.", "departement:23"),
        ("je suis à la Creuse", "departement:23"),
        ("en Creuse, un réseau ?", "departement:23"),
        ("dans la Vienne, quel réseau ?", "departement:86"),
        ("mairie à La Creuse", "commune:70186"),  # "à" and the commune's own capitalised article
        ("mairie à Vienne", "commune:38544"),
    ],
)
def test_department_named_like_a_commune(text: str, expected: str) -> None:
    assert keys(text)[0] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("acheteuse dans le 9-3, un réseau ?", "departement:93"),
        ("le 9-3", "departement:93"),
        ("on est au 971, un réseau d'acheteurs ?", "departement:971"),
    ],
)
def test_slang_department_numbers(text: str, expected: str) -> None:
    assert keys(text) == [expected]


@pytest.mark.parametrize("text", ["le 1-2 mars", "la réunion est prévue au 975", "page 9-3 du guide"])
def test_numbers_that_are_no_department(text: str) -> None:
    assert keys(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("on est au Pays basque", "departement:64"),
        ("Périgord, un réseau ?", "departement:24"),
        ("dans le Pays de Caux", "departement:76"),  # not Caux (Hérault)
        ("en Flandre, réseau ?", "departement:59"),
        ("je travaille dans le Languedoc", "region:76"),
        ("commune de la Côte d'Azur", "region:93"),  # not La Côte (Haute-Saône)
        ("commune en Sologne", "region:24"),
        ("on est sur Paname", "commune:75056"),
    ],
)
def test_traditional_regions_and_slang(text: str, expected: str) -> None:
    assert keys(text) == [expected]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bordeau, réseau achat durable ?", "commune:33063"),
        ("toulouze reseau achats responsables", "commune:31555"),
        ("monpellier réseau ?", "commune:34172"),
        ("strasbour réseau ?", "commune:67482"),
        ("acheteuse à bordeau, quel réseau ?", "commune:33063"),
        ("mairie de monpellier, un réseau ?", "commune:34172"),
    ],
)
def test_misspelt_big_city(text: str, expected: str) -> None:
    match = misspelt_city(text)
    assert match is not None and match.key == expected


@pytest.mark.parametrize(
    "text",
    [
        "je voudrais savoir le montant",
        "les marchés de fournitures",
        "un critère environnemental",
        "Pour la cantine, le maïs bio de la région est-il mieux noté ?",  # not Le Mans
        "Le directeur a été limogé, qui reprend le dossier SPASER ?",  # not Limoges
    ],
)
def test_no_misspelt_city_in_ordinary_words(text: str) -> None:
    assert misspelt_city(text) is None


@pytest.mark.parametrize(
    "text", ["quel réseau pour le Cher ?", "je suis du Cher, qui contacter ?", "Dans le Cher, un réseau ?"]
)
def test_department_cher_is_no_price(text: str) -> None:
    assert COST not in aspects(text)


@pytest.mark.parametrize("text", ["c'est trop cher ?", "le guichet vert est cher ?"])
def test_cher_still_asks_a_price(text: str) -> None:
    assert COST in aspects(text)


def test_area_names_masked_only_after_an_article() -> None:
    masked = without_area_names("département du Lot, le Nord, la Manche")
    assert masked == "département du lieu, le lieu, la lieu"
    ordinary = "un lot de travaux au nord de la ville"
    assert without_area_names(ordinary) == ordinary


def test_hospital_groups_name_their_city() -> None:
    assert keys("acheteur à l'AP-HP, un réseau achats durables ?") == ["commune:75056"]


def test_place_driven_guess_is_doubted() -> None:
    from nlu_components.retrieval import place_driven

    ranking = [
        {"name": "ask_conseillers_entreprises", "confidence": 0.58},
        {"name": "follow_up", "confidence": 0.2},
    ]
    place = [{"entity": "location", "value": "region:76"}]
    assert place_driven(ranking, "acheteur public en Midi-Pyrénées, qui contacter ?", place)
    assert not place_driven(ranking, "acheteur public en Midi-Pyrénées, qui contacter ?", [])
    assert not place_driven(ranking, "Place des Entreprises en Occitanie ?", place)  # named: it stands
    sure = [{"name": "ask_conseillers_entreprises", "confidence": 0.9}]
    assert not place_driven(sure, "acheteur public en Midi-Pyrénées, qui contacter ?", place)


def test_who_helps_uses_the_place_said_earlier() -> None:
    from actions.knowledge import knowledge_base
    from actions.route_types import Context
    from actions.routing import route

    rouen = places.resolve_key("commune:76540")
    ctx = Context(
        intent="ask_agec",
        text="qui peut m'aider pour appliquer la loi AGEC ?",
        question="ask_agec",
        place=rouen,
        buyer_type="hopital",
    )
    text = "\n".join(reply.text for reply in route(knowledge_base(), ctx).replies)
    assert "Normandie" in text or "RAN COPER" in text


def test_a_company_naming_its_place_keeps_the_guess() -> None:
    from nlu_components.retrieval import place_driven

    ranking = [{"name": "ask_conseillers_entreprises", "confidence": 0.58}]
    place = [{"entity": "location", "value": "region:53"}]
    text = "PME en Bretagne : un service public gratuit pour nous conseiller ?"
    assert not place_driven(ranking, text, place)


@pytest.mark.parametrize(
    "text, regions",
    [
        ("Je travaille dans le sud-ouest, un réseau achats durables ?", ["Nouvelle-Aquitaine", "Occitanie"]),
        ("commune des Pyrénées, quel réseau ?", ["Occitanie", "Nouvelle-Aquitaine"]),
        ("on est dans le Massif central, un réseau ?", ["Auvergne-Rhône-Alpes", "Occitanie"]),
    ],
)
def test_an_area_over_several_regions_lists_their_networks_and_asks_which(
    text: str, regions: List[str]
) -> None:
    reply = route(KNOWLEDGE, context("ask_network", text)).replies[0]
    assert all(region in reply.text for region in regions) and "Dans quelle région" in reply.text
    assert [b["title"] for b in reply.buttons][: len(regions)] == regions
    assert "Dans de nombreuses régions" not in reply.text


def test_an_area_is_not_read_when_a_place_is_named() -> None:
    reply = route(
        KNOWLEDGE, context("ask_network", "Hautes-Pyrénées, quel réseau ?", "departement:65")
    ).replies[0]
    assert "Rés'Occ" in reply.text and "plusieurs régions" not in reply.text


@pytest.mark.parametrize(
    "code, phrase",
    [
        ("18", "le département du Cher"),
        ("23", "le département de la Creuse"),
        ("01", "le département de l'Ain"),
    ],
)
def test_a_department_is_joined_as_french_joins_it(code: str, phrase: str) -> None:
    assert place_phrase(places.resolve_key(f"departement:{code}")) == phrase
