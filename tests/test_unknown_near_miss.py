"""A figure, a date or a deadline is known only when the knowledge gives it about what is asked: the same
year, the same thing measured, the same place, the structure itself and not one of its parts
(actions/unknowns.py, followup.figure_is_known). Sentences written for these tests, not taken from the
dev sets."""

from __future__ import annotations

import pytest

from actions.followup import figure_is_known
from actions.understanding import FIGURE, aspects, states_count
from actions.unknowns import (
    UNKNOWN_DEADLINE,
    creation_date_known,
    figure_about,
    unknown_aspect,
    years_asked,
)

SHARE = (
    "L'article fixe à au moins 50 % la proportion minimale (pour les ESAT, la part de travailleurs "
    "handicapés)."
)
COUNTS = "Début 2024, plus de 400 conseillers maillaient le territoire ; celui de 2022 a créé 60 postes."


def known(texts: list, question: str) -> object:
    return figure_is_known(texts, question, aspects(question), FIGURE in aspects(question))


@pytest.mark.parametrize(
    "question, expected",
    [
        ("quelle part des marchés publics est réservée aux ESAT chaque année ?", False),
        ("il faut au moins quelle proportion de travailleurs handicapés ?", True),
    ],
)
def test_a_share_is_known_for_the_thing_measured(question: str, expected: bool) -> None:
    assert known([SHARE], question) is expected


@pytest.mark.parametrize(
    "question, expected",
    [
        ("combien de conseillers en 2025 ?", False),
        ("combien de conseillers en 2024 ?", True),
        ("combien de conseillers en tout ?", True),
        ("l'appel de 2023 a créé combien de postes ?", False),
        ("l'appel de 2022 a créé combien de postes ?", True),
    ],
)
def test_a_count_is_known_for_the_year_asked(question: str, expected: bool) -> None:
    assert known([COUNTS], question) is expected


def test_a_plan_period_is_not_a_year_asked() -> None:
    assert years_asked("le plan 2022-2025 compte combien d'actions en 2024 ?") == frozenset({"2024"})


def test_a_number_of_categories_does_not_count_the_products() -> None:
    assert not states_count("Le guide couvre 23 catégories de produits.", "produits")
    assert states_count("Lancée avec une centaine d'entreprises.", "entreprises")


def test_a_count_at_the_launch_is_not_today_count() -> None:
    clause = "Lancée en 2018 avec une centaine d'entreprises, elle anime des clubs."
    assert not figure_about(clause, clause, "combien d'entreprises en sont membres aujourd'hui ?")


def test_the_date_of_a_part_does_not_date_the_structure() -> None:
    texts = ["Ce groupement porte un réseau d'acheteurs. Son guichet vert a ouvert en mars 2021."]
    assert not creation_date_known(texts, "le groupement a été créé en quelle année ?")
    assert creation_date_known(texts, "son guichet vert a été lancé quand ?")


def test_a_year_far_from_an_unrelated_verb_still_dates_the_structure() -> None:
    texts = ["Né en 2005, ce réseau publie sur son site des témoignages."]
    assert creation_date_known(texts, "ce réseau existe depuis quand ?")


def test_a_deadline_of_another_year_is_unknown() -> None:
    texts = ["L'appel à projets de 2022 fixait une date limite au 30 juin 2022."]
    assert unknown_aspect("date limite de l'appel à projets 2026 ?", texts) == UNKNOWN_DEADLINE
    assert unknown_aspect("date limite de l'appel à projets 2022 ?", texts) is None


def test_the_date_of_the_structure_does_not_date_its_part() -> None:
    texts = ["Créé en 2015, ce réseau anime les acheteurs de la région."]
    assert not creation_date_known(texts, "son guichet vert a ouvert quand ?")
    assert creation_date_known(texts, "le réseau existe depuis quand ?")


def test_a_size_of_companies_is_not_a_count() -> None:
    assert not states_count("l'obligation vise les entreprises d'au moins 20 salariés.", "salaries")
    assert states_count("Début 2024, plus de 500 facilitateurs maillaient le territoire.", "facilitateurs")


def test_a_rate_of_the_other_sector_is_not_the_one_asked() -> None:
    unit = "La loi oblige les entreprises privées à employer 6 % de travailleurs handicapés."
    assert not figure_about(unit, unit, "quel taux de travailleurs handicapés dans la fonction publique ?")
    assert figure_about(unit, unit, "quel taux de travailleurs handicapés dans les entreprises privées ?")
