"""Review findings of 2026-12-01 on the holdout-15 fixes: each new rule stays within its class."""

from __future__ import annotations

import pytest

from actions.agec_route import RATE_ASKED
from actions.knowledge import load_knowledge
from actions.limits import asks_leisure
from actions.local_clubs import asks_club, local_club_replies
from actions.products import used_for
from actions.topic_choice import NETWORK_ASKED, PLATFORM_ASKED
from actions.understanding import asks_who_helps, named_topics
from actions.unknowns import uncovered_year
from places.scan import resolve_text
from textnorm import question_form

KNOWLEDGE = load_knowledge()

TEXTS = ["Les écolabels officiels garantissent la performance environnementale des produits."]


@pytest.mark.parametrize(
    "question",
    [
        "Pour 2026, quels labels exiger pour le papier ?",
        "Quels écolabels pour le papier en 2025 ?",
        "Un facilitateur peut-il nous aider pour un marché de 2027 ?",
    ],
)
def test_a_year_of_the_buyers_own_purchase_is_not_said_unknown(question: str) -> None:
    assert uncovered_year(question, TEXTS) is None


def test_an_event_asked_of_a_year_no_text_covers_is_said_unknown() -> None:
    assert uncovered_year("et il y a eu un nouvel écolabel en 2025 ?", TEXTS) == "2025"


def test_a_count_of_members_is_not_a_rate() -> None:
    assert not RATE_ASKED.search(question_form("et pour le mobilier, combien de membres sur la plateforme ?"))
    assert RATE_ASKED.search(question_form("et pour le mobilier, c'est combien ?"))
    assert RATE_ASKED.search(question_form("combien de réemploi pour le mobilier ?"))


def test_a_question_on_the_network_is_not_a_platform_request() -> None:
    text = question_form("Quel réseau régional pour échanger en ligne avec d'autres acheteurs de ma région ?")
    assert not PLATFORM_ASKED.search(text) or NETWORK_ASKED.search(text)
    assert PLATFORM_ASKED.search(question_form("une plateforme pour discuter avec d'autres acheteurs ?"))


@pytest.mark.parametrize(
    "text",
    [
        "Où manger bio et local dans nos cantines à Lille ?",
        "Nos agents ne savent pas où déjeuner, peut-on mettre du bio au restaurant administratif ?",
    ],
)
def test_catering_is_not_leisure(text: str) -> None:
    assert not asks_leisure(text)


def test_a_restaurant_for_oneself_is_leisure() -> None:
    assert asks_leisure("vous connaissez un bon resto à Nantes ?")


def test_being_seated_on_a_budget_is_no_furniture() -> None:
    assert used_for("Nous sommes assis sur un budget serré pour les fournitures") is None
    assert used_for("des chaises pour s'asseoir dans le hall ?") == "mobilier"


def test_a_dispute_body_is_not_a_support_contact() -> None:
    assert not asks_who_helps("qui on doit saisir en cas de litige ?")


def test_a_club_that_gathers_buyers_is_the_club_topic_and_exists_is_answered_yes() -> None:
    text = "Y a-t-il un club qui regroupe les acheteurs à Montpellier ?"
    assert asks_club(text)
    assert "ask_cci" in named_topics(text)
    replies = local_club_replies(KNOWLEDGE, resolve_text("Montpellier"), text)
    assert replies[0].text.startswith("Oui : ")
    assert "CSA 34" in replies[0].text.splitlines()[0]
    # a club known only from a dated article: named, without « Oui : » (review 16, finding 7)
    replies = local_club_replies(KNOWLEDGE, resolve_text("Toulouse"), text.replace("Montpellier", "Toulouse"))
    assert "Toulouse" in replies[0].text.splitlines()[0] and not replies[0].text.startswith("Oui")
