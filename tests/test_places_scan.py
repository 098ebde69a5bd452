"""places/scan.py: the place mentions of French messages, on the real etalab data."""

from __future__ import annotations

from typing import List, Tuple

import pytest

import places


def keys(text: str) -> List[str]:
    return [match.key for match in places.find_locations(text)]


def resolved(text: str) -> str | None:
    place = places.resolve_text(text)
    return place.key if place else None


# --- cities -------------------------------------------------------------------------------------

CITIES: List[Tuple[str, str, str, str]] = [
    ("Rennes", "35238", "35", "53"),
    ("quimper", "29232", "29", "53"),
    ("Je suis à Quimper", "29232", "29", "53"),
    ("je travaille à la mairie de Lyon", "69123", "69", "84"),
    ("Toulouse", "31555", "31", "76"),
    ("le CHU de Lille", "59350", "59", "32"),
    ("à marseille", "13055", "13", "93"),
    ("Ajaccio", "2A004", "2A", "94"),
    ("Saint-Denis de La Réunion", "97411", "974", "04"),
    ("Je suis à Saint-Denis (93)", "93066", "93", "11"),
    ("saint denis dans le 93", "93066", "93", "11"),
    ("St Denis, La Réunion", "97411", "974", "04"),
    ("Aix en Provence", "13001", "13", "93"),
    ("je suis basée à aix-en-provence", "13001", "13", "93"),
    ("je travaille au Havre", "76351", "76", "28"),
    ("une commune près du Mans", "72181", "72", "52"),
    ("à la rochelle", "17300", "17", "75"),
    ("aux Sables-d'Olonne", "85194", "85", "52"),
    ("à st etienne", "42218", "42", "84"),
    ("Saint-Étienne", "42218", "42", "84"),
    ("L'Haÿ-les-Roses", "94038", "94", "11"),
    ("Paris", "75056", "75", "11"),
    ("Fort-de-France", "97209", "972", "02"),
    ("Mamoudzou", "97611", "976", "06"),
    ("Bastia", "2B033", "2B", "94"),
    ("Je suis à Tours", "37261", "37", "24"),
    ("à nice", "06088", "06", "93"),
    ("Orange", "84087", "84", "93"),
    ("je travaille a quimper", "29232", "29", "53"),
    ("Rennes Métropole lance un marché", "35238", "35", "53"),
]


@pytest.mark.parametrize("text, code, department, region", CITIES)
def test_cities(text: str, code: str, department: str, region: str) -> None:
    place = places.resolve_text(text)
    assert place is not None, text
    assert (place.kind, place.code, place.department_code, place.region_code) == (
        "commune",
        code,
        department,
        region,
    )


def test_homonyms_prefer_the_mentioned_department_else_the_most_populous() -> None:
    (alone,) = places.find_locations("Saint-Denis")
    assert alone.key == "commune:97411"  # the most populous Saint-Denis
    assert "commune:93066" in alone.alternatives
    assert len(alone.alternatives) <= places.MAX_ALTERNATIVES
    with_department = places.find_locations("Saint-Denis (93)")
    assert [m.key for m in with_department] == ["commune:93066", "departement:93"]
    assert "commune:97411" in with_department[0].alternatives
    assert keys("Saint-Denis de La Réunion") == ["commune:97411", "departement:974"]


def test_short_names_of_big_cities() -> None:
    (aix,) = places.find_locations("la mairie d'Aix")
    assert aix.key == "commune:13001"  # Aix-en-Provence
    assert "commune:19002" in aix.alternatives  # Aix (Corrèze) stays an alternative
    assert keys("à Clermont") == ["commune:63113"]
    assert keys("à Aix-les-Bains") == ["commune:73008"]  # the longer name wins
    assert keys("je suis en Provence") == ["region:93"]
    assert keys("Alpes-de-Haute-Provence") == ["departement:04"]


def test_city_and_region_are_both_returned_and_the_city_wins() -> None:
    matches = places.find_locations("Je suis à Rennes en Bretagne")
    assert [(m.text, m.key) for m in matches] == [("Rennes", "commune:35238"), ("Bretagne", "region:53")]
    assert resolved("Je suis à Rennes en Bretagne") == "commune:35238"
    assert resolved("en Bretagne, à Brest") == "commune:29019"


def test_offsets_point_at_the_mention() -> None:
    text = "Bonjour, je travaille à la mairie de Saint-Malo (Ille-et-Vilaine) en Bretagne."
    matches = places.find_locations(text)
    assert [(m.start, m.end, m.text) for m in matches] == [
        (37, 47, "Saint-Malo"),
        (49, 64, "Ille-et-Vilaine"),
        (69, 77, "Bretagne"),
    ]
    assert all(text[m.start : m.end] == m.text for m in matches)


def test_the_longest_mention_wins_over_an_earlier_shorter_one() -> None:
    # "Le Val" and "Le Pas" are communes, but the department names are longer.
    assert [m.text for m in places.find_locations("dans le Val-de-Marne")] == ["Val-de-Marne"]
    assert [m.text for m in places.find_locations("dans le Pas-de-Calais")] == ["Pas-de-Calais"]


def test_a_small_homonym_commune_does_not_hide_a_region() -> None:
    assert keys("réseau régional pour une commune de Bretagne") == ["region:53"]
    assert keys("à la Réunion") == ["departement:974"]


def test_a_homonym_of_another_kind_is_an_alternative() -> None:
    (city,) = places.find_locations("à Vienne")
    assert (city.key, city.alternatives) == ("commune:38544", ["departement:86"])
    (department,) = places.find_locations("dans la Vienne")
    assert (department.key, department.alternatives) == ("departement:86", ["commune:38544"])


# --- departments, postcodes, regions -------------------------------------------------------------

DEPARTMENTS = [
    ("Ille-et-Vilaine", "35"),
    ("ille et vilaine", "35"),
    ("le 35", "35"),
    ("35", "35"),
    ("je suis dans le 29", "29"),
    ("Finistère", "29"),
    ("finistere", "29"),
    ("une collectivité du 974", "974"),
    ("département 13", "13"),
    ("dept 2A", "2A"),
    ("2b", "2B"),
    ("mairie de mon village (35)", "35"),
    ("dans les Côtes-d'Armor", "22"),
    ("cotes d armor", "22"),
    ("Seine-Saint-Denis", "93"),
    ("seine st denis", "93"),
    ("je suis dans le Lot", "46"),
    ("le département du Nord", "59"),
    ("dans la Somme", "80"),
    ("Cher", "18"),
    ("dans le cher", "18"),
    ("le conseil départemental du Var", "83"),
    ("La Réunion", "974"),
    ("Territoire de Belfort", "90"),
    ("dans le Val-de-Marne", "94"),
    ("on est dans le Pas-de-Calais", "62"),
    ("guichet vert à la Réunion", "974"),
]


@pytest.mark.parametrize("text, code", DEPARTMENTS)
def test_departments(text: str, code: str) -> None:
    assert keys(text) == [f"departement:{code}"]


@pytest.mark.parametrize(
    "text, commune",
    [
        ("29000", "29232"),
        ("code postal 35000", "35238"),
        ("75011", "75056"),
        ("20000", "2A004"),
    ],
)
def test_postcodes(text: str, commune: str) -> None:
    assert keys(text) == [f"commune:{commune}"]


def test_a_postcode_next_to_a_name_is_a_second_mention_of_the_same_commune() -> None:
    assert [(m.text, m.key) for m in places.find_locations("13001 Marseille")] == [
        ("13001", "commune:13055"),
        ("Marseille", "commune:13055"),
    ]
    assert keys("Brest 29200") == ["commune:29019", "commune:29019"]
    # 35230 is shared by several communes: alone, the most populous; else the one named in the message.
    assert keys("35230") == ["commune:35206"]
    assert keys("Orgères 35230") == ["commune:35208", "commune:35208"]


def test_a_postcode_shared_by_several_communes_lists_the_others() -> None:
    (match,) = places.find_locations("35230")
    assert match.key.startswith("commune:35")
    assert match.alternatives and all(alt.startswith("commune:35") for alt in match.alternatives)
    populations = [places.load().population[k] for k in [match.key, *match.alternatives]]
    assert populations == sorted(populations, reverse=True)


REGIONS = [
    ("Bretagne", "53"),
    ("bretagne", "53"),
    ("ILE DE FRANCE", "11"),
    ("en Île-de-France", "11"),
    ("Auvergne-Rhône-Alpes", "84"),
    ("auvergne rhone alpes", "84"),
    ("PACA", "93"),
    ("la Région Sud", "93"),
    ("IDF", "11"),
    ("AURA", "84"),
    ("en AuRA", "84"),
    ("BFC", "27"),
    ("HDF", "32"),
    ("en Corse", "94"),
    ("la Réunion", "04"),
    ("Alsace", "44"),
    ("en lorraine", "44"),
    ("Champagne-Ardenne", "44"),
    ("Picardie", "32"),
    ("Nord-Pas-de-Calais", "32"),
    ("Aquitaine", "75"),
    ("en Limousin", "75"),
    ("Poitou-Charentes", "75"),
    ("Midi-Pyrénées", "76"),
    ("Languedoc-Roussillon", "76"),
    ("Rhône-Alpes", "84"),
    ("Auvergne", "84"),
    ("en Bourgogne", "27"),
    ("Franche-Comté", "27"),
    ("Haute-Normandie", "28"),
    ("basse normandie", "28"),
    ("la région Centre", "24"),
    ("Centre-Val de Loire", "24"),
    ("Grand Est", "44"),
    ("nouvelle aquitaine", "75"),
    ("Pays de la Loire", "52"),
]


@pytest.mark.parametrize("text, code", REGIONS)
def test_regions_and_aliases(text: str, code: str) -> None:
    place = places.resolve_text(text)
    assert place is not None, text
    # DROM are departments and regions at once: the department is the more precise answer.
    assert place.region_code == code
    assert place.kind in ("region", "departement")


def test_la_reunion_is_a_department_with_its_region_as_context() -> None:
    assert keys("Guadeloupe") == ["departement:971"]
    assert places.resolve_key("departement:971").region_code == "01"


# --- corrections and negative cases -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ("non, plutôt en Bretagne", "region:53"),
        ("non plutôt quimper", "commune:29232"),
        ("ah non, c'est le Finistère", "departement:29"),
        ("pas à Paris mais à Lyon", "commune:69123"),
        ("Non, pas dans le Nord, dans le Var", "departement:83"),
    ],
)
def test_corrections(text: str, key: str) -> None:
    assert resolved(text) == key


def test_a_negated_mention_is_flagged() -> None:
    matches = places.find_locations("pas à Paris mais à Lyon")
    assert [(m.key, m.negated) for m in matches] == [("commune:75056", True), ("commune:69123", False)]
    assert places.resolve_text("pas à Paris") is None


NOT_PLACES = [
    "je lance un lot de papier",
    "marché de fournitures de bureau",
    "un budget de 40000 euros",
    "un budget de 40000 €",
    "35000 euros",
    "un montant de 29000",
    "25 % de recyclé",
    "cher collègue",
    "Cher collègue, pouvez-vous m'aider ?",
    "le prix est cher",
    "la somme de 3000 €",
    "Le marché est alloti, le lot 2 concerne le mobilier",
    "Sur le Lot 1, combien ?",
    "En somme, le marché est attribué",
    "Je suis en réunion jusqu'à 15h",
    "la réunion de service",
    "il aura lieu demain",
    "au cours de l'année",
    "une mise à jour",
    "chauffage au bois",
    "des menuiseries en bois",
    "C'est quoi le Guichet Vert ?",
    "Parlez-moi du Marché de l'inclusion",
    "Place des Entreprises",
    "le Plan national pour des achats durables",
    "je suis acheteuse à l'hôpital",
    "l'Union européenne",
    "je m'appelle Mathieu",
    "le 15 mars",
    "avant le 31 décembre 2025",
    "nous avons 350 agents",
    "le 25 %",
    "à partir du 15",
    "la réunion est prévue le 12",
    "du 15 au 20",
    "Merci",
    "Bonjour",
    "Oui",
    "Je suis chez Orange",
    "Le Tampon de la mairie",
    "Quelle est la loi AGEC pour les fournitures de bureau ?",
    "linge",
    "qui a marqué hier soir contre le Real",
    "Aucun",
]


@pytest.mark.parametrize("text", NOT_PLACES)
def test_no_location(text: str) -> None:
    assert places.find_locations(text) == []
    assert places.resolve_text(text) is None


def test_capitalised_ambiguous_words_count_after_a_cue_or_inside_a_sentence() -> None:
    assert keys("Cahors (Lot)") == ["commune:46042", "departement:46"]
    assert keys("je travaille dans le Lot") == ["departement:46"]
    assert keys("dans le lot de fournitures") == []
    assert keys("Je suis à Bois-Colombes") == ["commune:92009"]


def test_empty_text() -> None:
    assert places.find_locations("") == []
    assert places.find_locations("  ?! ") == []
    assert places.resolve_text("") is None


# --- a long message --------------------------------------------------------------------------------


def test_a_300_character_message_finds_its_six_places() -> None:
    """Its speed is measured by scripts/bench_places.py (target: median under 5 ms), not here."""
    message = (
        "Bonjour, je suis acheteuse à la mairie de Quimper dans le Finistère (29), en Bretagne. "
        "Nous préparons un marché de fournitures de bureau en trois lots pour un budget de 40000 euros, "
        "avec 25 % de papier recyclé ; pouvez-vous m'indiquer le facilitateur de Saint-Denis ou de Lyon, "
        "merci d'avance ?"
    )
    assert 280 <= len(message) <= 320
    matches = places.find_locations(message)
    assert [m.text for m in matches] == ["Quimper", "Finistère", "29", "Bretagne", "Saint-Denis", "Lyon"]


# --- misspelled names ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, key",
    [
        ("guichet vert pour la ville de bordeau", "commune:33063"),
        ("réseau achats responsables vers Clermont Ferrant ?", "commune:63113"),
        ("je suis acheteur a montpelier", "commune:34172"),
        ("mairie de Marseile", "commune:13055"),
        ("acheteur en Bretgne", "region:53"),
    ],
)
def test_a_misspelled_city_or_region_is_found_in_a_place_context(text: str, key: str) -> None:
    assert resolved(text) == key


@pytest.mark.parametrize(
    "text",
    ["on passe sur le pont", "Le pont est fermé", "la grosse commune", "dans la commande publique"],
)
def test_common_words_close_to_a_city_name_are_no_place(text: str) -> None:
    assert places.find_locations(text) == []


@pytest.mark.parametrize("name", ["Anthony", "Valentin", "Manon", "Bruno", "Sophie"])
def test_a_first_name_close_to_a_town_name_is_no_place(name: str) -> None:
    assert places.find_locations(f"Merci beaucoup {name} pour votre aide") == []
    assert places.find_locations(f"je suis {name} du service achats") == []


@pytest.mark.parametrize("text", ["à demain", "pour en savoir plus", "en moyenne", "un point d'accueil"])
def test_a_common_word_one_letter_from_a_place_name_is_no_place(text: str) -> None:
    assert places.find_locations(text) == []


def test_an_intercommunality_named_grand_x_is_its_town() -> None:
    assert keys("Acheteur public au Grand Annecy, je voudrais de l'aide") == ["commune:74010"]
    assert keys("Communauté urbaine du Grand Reims") == ["commune:51454"]
    assert keys("dans le Grand-Est") == ["region:44"]
    assert keys("la ville de Grand, dans les Vosges") == ["commune:88212", "departement:88"]
    assert "commune:88212" not in keys("acheteuse au Grand Chalon")


def test_pays_de_loire_without_its_article_is_the_region() -> None:
    assert keys("en Pays de Loire, quel réseau ?") == ["region:52"]
