"""Pure rules behind the longer conversations of tests/dev/conversations_7.yml (issue 11)."""

from __future__ import annotations

import pytest

from actions.actions import both_sectors
from actions.feedback import wants_contacts_only
from actions.focus import lead_sentence
from actions.understanding import FIGURE, aspects, facet_topic, is_elliptical, wished_topic


@pytest.mark.parametrize("text", ["les deux", "Les deux, on a des marchés publics", "on est public et privé"])
def test_both_kinds_of_buyer(text: str) -> None:
    assert both_sectors(text)


@pytest.mark.parametrize("text", ["les deux réseaux ?", "les deux sont gratuits ?", "le guichet vert"])
def test_not_both_kinds_of_buyer(text: str) -> None:
    assert not both_sectors(text)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("ok et pour l'insertion dans ce même marché ?", "ask_social_clause"),
        ("et côté environnement ?", "ask_environmental_considerations"),
        ("et pour embaucher ou garder des personnes handicapées ?", "ask_agefiph"),
        ("qui peut m'aider pour l'insertion ?", None),  # not a turn to another side
    ],
)
def test_facet_topic(text: str, topic: str) -> None:
    assert facet_topic(text) == topic


def test_wished_topic() -> None:
    text = "je suis acheteur dans un centre hospitalier, on veut mettre de l'insertion dans notre marché"
    assert wished_topic(text) == "ask_social_clause"
    assert wished_topic("je suis acheteur dans un centre hospitalier") is None


@pytest.mark.parametrize("text", ["taux ?", "et les taux ?", "les pourcentages"])
def test_bare_rate_is_a_figure(text: str) -> None:
    assert FIGURE in aspects(text) and is_elliptical(text)


def test_contacts_are_not_a_handoff() -> None:
    assert wants_contacts_only("je voudrais des contacts pour mes achats durables")
    assert not wants_contacts_only("je voudrais parler à quelqu'un, des contacts ?")


def test_review_asked_leads_with_what_is_not_done() -> None:
    details = (
        "Il apporte guides ou exemples de DCE, rappels réglementaires, mise en relation entre pairs.\n"
        "Il ne fournit ni relecture de DCE, ni aide à leur rédaction, ni expertise juridique."
    )
    lead = lead_sentence("il relit mon DCE ?", "Le guichet vert est gratuit.", details)
    assert lead is not None and "ne fournit" in lead
