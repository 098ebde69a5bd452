"""places: the names of intercommunalities (EPCI and EPT of the etalab data) resolve to their area."""

from __future__ import annotations

from typing import List

import pytest

import places
from places.gazetteer import _epci_names


def keys(text: str) -> List[str]:
    return [match.key for match in places.find_locations(text)]


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("je suis à la CA du Boulonnais", "departement:62"),
        ("communauté de communes du Grésivaudan", "departement:38"),
        ("cc lodévois et larzac, un réseau ?", "departement:34"),
        ("je suis à la CC du Perche", "departement:28"),
        ("l'EPT Plaine Commune", "departement:93"),
        ("Acheteuse à Est Ensemble", "departement:93"),
        ("on est à Caux Seine Agglo", "departement:76"),  # not Caux (Hérault)
        ("Cap Atlantique, quel réseau ?", "departement:44"),  # name in brackets in the data
        ("Agglopolys, quel réseau ?", "departement:41"),  # name in quotes in the data
        ("la CINOR cherche un guichet vert", "departement:974"),
        ("agglo du Cotentin", "departement:50"),
        ("Boulonnais", "departement:62"),  # the whole message, capitalised
        ("communauté de communes de l'Estuaire", "departement:33"),
    ],
)
def test_an_intercommunality_resolves_to_its_department(text: str, key: str) -> None:
    assert keys(text) == [key]


def test_members_in_several_departments_of_one_region_give_the_region() -> None:
    assert keys("CC Cœur de Chartreuse, un réseau ?") == ["region:84"]  # Isère and Savoie
    assert keys("CA Beaune Côte et Sud, un guichet vert ?") == ["commune:21054"]  # its town, in the name


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Communauté d'agglomération du Grand Angoulême", "commune:16015"),
        ("Grand Poitiers : quel réseau ?", "commune:86194"),
        ("Rennes Métropole, projet de gymnase", "commune:35238"),
        ("la communauté de communes du Pays de Fayence", "commune:83055"),
        ("Métropole européenne de Lille", "commune:59350"),
    ],
)
def test_a_member_town_in_the_name_is_kept_as_more_precise(text: str, key: str) -> None:
    assert keys(text) == [key]


@pytest.mark.parametrize(
    "text",
    [
        "Nous sommes une communauté de communes rurale",
        "on veut travailler tous ensemble à l'est du département",
        "au cœur de notre politique d'achat",
        "la plaine de jeux de l'école",
        "on achète des perches en bois",
        "ça du perche ?",  # "ca" is a type word only in capitals
        "le grand pays de la communauté",
        "plaine commune",  # lower case, no type word before
        "les communes du Morvan",  # a name part shared by several CC is left out
        "Forêt",  # a one-word name that is a common word needs a type word
        "ESTUAIRE",
    ],
)
def test_ordinary_words_are_no_intercommunality(text: str) -> None:
    assert keys(text) == []


def test_index_names_drop_type_words_and_keep_bracketed_names() -> None:
    assert _epci_names("CA du Boulonnais") == [("boulonnais",)]
    assert ("cap", "atlantique") in _epci_names("CA de la Presqu'île de Guérande Atlantique (Cap Atlantique)")
    assert ("morvan",) not in _epci_names("CC Avallon, Vézelay, Morvan")


def test_an_intercommunality_in_a_sentence_resolves_and_a_plain_phrase_does_not() -> None:
    """Its speed is measured by scripts/bench_places.py (target: median under 5 ms), not here."""
    assert places.find_locations("je suis à la CA du Boulonnais, quel réseau ?")
    assert not places.find_locations("la plaine de jeux de l'école")
