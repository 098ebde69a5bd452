"""A regional structure named with a place: whether it covers that place is said first, only when asked."""

from actions.knowledge import knowledge_base
from actions.national import named_structure_check
from tests.test_context_first import context

KNOWLEDGE = knowledge_base()
TOULOUSE, BORDEAUX = "commune:31555", "commune:33063"


def test_a_structure_asked_about_a_place_it_does_not_cover_says_which_region_it_covers() -> None:
    check = named_structure_check(
        KNOWLEDGE, context("ask_network", "je suis à Toulouse, le 3AR c'est pour moi ?", TOULOUSE)
    )
    assert check is not None and "Nouvelle-Aquitaine" in check.text and not check.inline


def test_a_covered_place_gets_a_yes_only_to_a_closed_question() -> None:
    check = named_structure_check(
        KNOWLEDGE, context("ask_network", "je suis à Bordeaux, le 3AR c'est pour moi ?", BORDEAUX)
    )
    assert check is not None and check.inline and "oui" in check.text.lower()
    assert (
        named_structure_check(
            KNOWLEDGE, context("ask_network", "je suis à Bordeaux, 3AR couvre quelle région ?", BORDEAUX)
        )
        is None
    )


def test_another_fact_about_the_structure_gets_no_yes_or_no() -> None:
    assert (
        named_structure_check(
            KNOWLEDGE, context("ask_network", "Je suis à Nantes, RESECO a un site web ?", "commune:44109")
        )
        is None
    )


def test_a_public_establishment_is_told_about_state_referents_only_as_a_condition() -> None:
    from actions.context_rules import audience_sentence
    from actions.followup import MAYBE_STATE_BUYERS, STATE_BUYERS

    assert audience_sentence("ask_guichet_vert", "etat") == STATE_BUYERS
    assert audience_sentence("ask_guichet_vert", "etablissement_public") == MAYBE_STATE_BUYERS
