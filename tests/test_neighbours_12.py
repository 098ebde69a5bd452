"""A neighbour topic never answers for the one asked (dev set neighbours_12): a comparison with a side the
sources lack, a body's or a label's name they do not define (« l'observatoire des achats responsables »,
« le label Engagé RSE »), an acronym followed up alone (« et l'UGAP ? »), the term nearest the question."""

from __future__ import annotations

import pytest

from actions.comparisons import DIFFERENCE_LEAD, compared_sides, difference_reply
from actions.glossary import terms_by_nearness
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.unknown_terms import names_a_thing, unknown_follow_up_term, unknown_term, vocabulary_of

KNOWLEDGE = knowledge_base()
WORDS = vocabulary_of(KNOWLEDGE)


def answer(intent: str, text: str, question: str = "") -> str:
    ctx = Context(intent=intent, text=text, question=question or None)
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        ("quelle différence entre une SIAE et un GEIQ ?", ["une siae", "un geiq"]),
        ("un GEIQ c'est pareil qu'une SIAE ?", ["un geiq", "une siae"]),
        ("ESAT vs ESN", ["esat", "esn"]),
        ("biosourcé ou géosourcé, quelle différence ?", ["biosource", "geosource"]),
    ],
)
def test_the_two_things_compared(text: str, sides: list) -> None:
    assert compared_sides(text) == sides


@pytest.mark.parametrize(
    ("text", "missing", "known"),
    [
        ("un GEIQ c'est pareil qu'une SIAE ?", "« GEIQ »", "insertion par l'activité économique"),
        ("quelle différence entre biosourcé et géosourcé ?", "« géosourcé »", "issu de la biomasse"),
    ],
)
def test_a_comparison_with_a_side_the_sources_lack_says_so_then_gives_the_other(
    text: str, missing: str, known: str
) -> None:
    reply = answer("follow_up", text)
    assert reply.startswith(f"Je n'ai pas de définition de {missing}")
    assert known in reply


def test_two_laws_compared_give_both_even_the_agec_law_which_is_no_topic() -> None:
    reply = answer("ask_climate_law", "loi agec et loi climat quelle différence")
    assert "loi n° 2020-105" in reply and "loi n° 2021-1104" in reply


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("c'est quoi l'observatoire des achats responsables ?", "observatoire des achats responsables"),
        ("c'est quoi le médiateur des entreprises ?", "mediateur des entreprises"),
        ("c'est quoi le label bas carbone ?", "label bas carbone"),
        ("c'est quoi le bilan carbone ?", "bilan carbone"),
        ("c'est quoi le label Engagé RSE ?", "label engage rse"),
        ("Au conseil départemental, on m'a parlé de l'UGAP pour nos achats groupés, c'est quoi ?", "ugap"),
    ],
)
def test_a_name_the_sources_do_not_define_is_unknown(text: str, term: str) -> None:
    assert unknown_term(text, WORDS) == term


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi le label RFAR ?",
        "c'est quoi la clause sociale ?",
        "c'est quoi le label bâtiment biosourcé ?",
        "c'est quoi le bilan de la déclaration ?",
        "l2112-2 c quoi",
        "c'est quoi le groupement d'intérêt public ?",
    ],
)
def test_names_the_sources_hold_are_not_unknown(text: str) -> None:
    assert unknown_term(text, WORDS) is None


def test_a_name_needs_a_head_and_a_qualifier() -> None:
    assert names_a_thing("clause de reexamen") and names_a_thing("bilan carbone")
    assert not names_a_thing("clause") and not names_a_thing("bilan de la declaration")


def test_the_label_engage_rse_is_not_answered_by_the_rse() -> None:
    assert answer("ask_private_support", "c'est quoi le label Engagé RSE ?").startswith(
        "Je n'ai pas de définition de « label Engagé RSE »"
    )


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Dans notre SPASER il est question de la MACS, c'est quoi ?", "macs"),
        ("c'est quoi achats-durables.gouv.fr ?", "portail_achats_durables"),
        ("c'est quoi un PLIE et une MDE ?", "plie"),
        ("le life cycle cost, en marché public ça correspond à quoi ?", "life_cycle_cost"),
    ],
)
def test_the_term_nearest_the_question_and_the_longest_name_come_first(text: str, first: str) -> None:
    assert terms_by_nearness(text)[0].id == first


def test_the_macs_is_defined_not_the_spaser_named_before_it() -> None:
    reply = answer("ask_climate_law", "Dans notre SPASER il est question de la MACS, c'est quoi ?")
    assert reply.startswith("La MACS est la mission d'appui aux clauses sociales")


def test_who_a_body_depends_on_is_its_definition() -> None:
    assert answer("ask_facilitator", "le plie dépend de qui ?").startswith("Un PLIE (plan local")


@pytest.mark.parametrize(
    ("text", "term"),
    [("et l'UGAP ?", "ugap"), ("et géosourcé ?", "geosource"), ("et un GEIQ c'est pareil ?", "geiq")],
)
def test_an_acronym_or_a_bare_word_followed_up_alone_is_unknown(text: str, term: str) -> None:
    assert unknown_follow_up_term(text, WORDS) == term


@pytest.mark.parametrize("text", ["et les peintures ?", "et Marseille ?", "et la DAJ ?", "et l'AVE ?"])
def test_products_places_and_known_terms_followed_up_are_not_unknown(text: str) -> None:
    assert unknown_follow_up_term(text, WORDS) is None


def test_a_comparison_gives_each_button_once_and_never_contradicts_itself() -> None:
    both = difference_reply(KNOWLEDGE, "quelle différence entre un ESAT et une EA ?")
    assert both is not None and both.text.startswith(DIFFERENCE_LEAD)
    assert len({b["payload"] for b in both.buttons}) == len(both.buttons)
    half = difference_reply(KNOWLEDGE, "Quelle différence entre le CCAG et le CCAP ?")
    assert half is not None and half.text.startswith("Je n'ai pas de définition du CCAP")
    assert DIFFERENCE_LEAD not in half.text and "• Les CCAG" in half.text
