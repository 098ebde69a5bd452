"""Places outside the regions, foreign places, informal areas and national routes (dev set places_13):
pure functions, no server."""

from __future__ import annotations

import pytest

import places
from actions.knowledge import knowledge_base
from actions.national import NO_LOCAL_STRUCTURE, no_local_structure
from actions.territory import area_named, area_reply, network_reply, outside_regions, outside_reply
from textnorm import question_form

KNOWLEDGE = knowledge_base()
NETWORK_NAMES = ("Maximilien", "APuRe", "RAN COPER", "RESECO", "3AR", "AURA-EE", "ARNia", "Maison de")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Saint-Pierre-et-Miquelon, y a-t-il un réseau ?", "Saint-Pierre-et-Miquelon"),
        ("en Polynésie française, quel réseau ?", "Polynésie française"),
        ("je suis à Papeete, un réseau ?", "Papeete"),
        ("acheteur public à Nouméa, quel réseau ?", "Nouméa"),
        ("Wallis-et-Futuna, réseau achats durables ?", "Wallis et Futuna"),
        ("collectivité de Saint-Martin (Antilles), un réseau ?", "Saint-Martin"),
        ("on est à Saint-Barthélemy, un guichet vert ?", "Saint-Barthélemy"),
        ("Tahiti, un réseau ?", "Polynésie française"),
    ],
)
def test_collectivities_outside_the_regions_are_places_of_their_own(text: str, name: str) -> None:
    place = places.resolve_text(text)
    assert place is not None and place.name == name
    assert outside_regions(place)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("commune de Saint-Pierre à La Réunion", "04"),  # the big Saint-Pierre is still La Réunion's
        ("Saint-Martin-d'Hères, quel réseau ?", "84"),
        ("je suis à Saint-Martin-de-Ré", "75"),
        ("mairie de Saint-Barthélemy-d'Anjou", "52"),
    ],
)
def test_longer_names_of_the_regions_are_unchanged(text: str, region: str) -> None:
    place = places.resolve_text(text)
    assert place is not None and place.region_code == region and not outside_regions(place)


def test_the_18_regions_and_101_departments_are_unchanged() -> None:
    assert len(places.regions()) == 18
    assert len(places.departements()) == 101


def test_a_collectivity_outside_the_regions_gets_no_regional_network() -> None:
    place = places.resolve_text("Nouvelle-Calédonie")
    reply = network_reply(KNOWLEDGE, place)
    assert reply.text.startswith("Nouvelle-Calédonie : je ne connais pas de réseau")
    assert "RAPIDD" in reply.text
    assert not any(name in reply.text for name in NETWORK_NAMES)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("je suis en Belgique, quel réseau ?", "Belgique"),
        ("commune belge près de Tournai", "Belgique"),
        ("on est à Bruxelles", "Belgique"),
        ("à Monaco, quel réseau ?", "Monaco"),
        ("acheteur au Québec", "Québec"),
        ("en Suisse, un réseau ?", "Suisse"),
    ],
)
def test_foreign_places(text: str, country: str) -> None:
    assert places.foreign_country(text) == country


@pytest.mark.parametrize(
    "text", ["jardin du Luxembourg à Paris", "frontalier de la Suisse, à Annemasse", "quel réseau à Lyon ?"]
)
def test_a_french_place_wins_over_a_foreign_word(text: str) -> None:
    assert places.foreign_country(text) is None


def test_a_foreign_place_is_answered_honestly_with_the_french_national_contacts() -> None:
    reply = outside_reply(KNOWLEDGE, "Belgique", abroad=True)
    assert reply.text.startswith("Belgique : je ne connais pas de réseau")
    assert "la France" in reply.text and "RAPIDD" in reply.text
    assert "français : deux points" in reply.text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("dans l'Est, y a-t-il un réseau ?", "Grand Est"),
        ("je suis dans le nord de la France", "APuRe"),
        ("dans le sud est quel reseau", "guichet vert porté par l'ARBE"),
    ],
)
def test_informal_areas_list_their_regions_and_desks(text: str, shown: str) -> None:
    area = area_named(KNOWLEDGE, text)
    assert area is not None
    assert shown in area_reply(KNOWLEDGE, area).text


@pytest.mark.parametrize(
    "text",
    [
        "je ne trouve pas de réseau dans ma région",
        "il n'y a pas de réseau d'acheteurs chez nous, vers qui se tourner ?",
        "pas de guichet vert ici, on fait comment ?",
        "on ne connait aucun réseau, qui contacter ?",
    ],
)
def test_no_local_structure_asks_the_national_route(text: str) -> None:
    assert no_local_structure(text)


@pytest.mark.parametrize(
    "text", ["quel réseau pour nous à Rennes ?", "un guichet vert en Bretagne ?", "pas de souci merci"]
)
def test_a_local_question_is_not_national(text: str) -> None:
    assert not NO_LOCAL_STRUCTURE.search(question_form(text))


def test_national_contacts_lead_with_their_sites() -> None:
    from actions.national import national_contacts_first
    from actions.render import Reply

    general = Reply("Les réseaux régionaux…", details="Détails.")
    reply = national_contacts_first(general, KNOWLEDGE.networks.national)
    assert "achats-durables.gouv.fr" in reply.text and "RAPIDD" in reply.text
    assert reply.details.startswith("Les réseaux régionaux…")


def routed(text: str, key: str | None = None) -> str:
    from actions.routing import route
    from tests.test_context_first import context

    return "\n".join(reply.text for reply in route(KNOWLEDGE, context("ask_network", text, key)).replies)


def test_routing_answers_abroad_and_without_a_local_network() -> None:
    assert routed("on est à Bruxelles, quel réseau ?").startswith("Belgique : je ne connais pas")
    assert "achats-durables.gouv.fr" in routed("je ne trouve pas de réseau dans ma région")
    # a place given with it keeps its own network
    assert "Maximilien" in routed("mairie de Saint-Denis (93), on ne trouve aucun réseau", "commune:93066")
