"""« depuis quand ? » after a regional structure: its dated creation sentence, else its date said unknown,
never the structure's answer again (review finding, stop 26)."""

from __future__ import annotations

import pytest

from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.structures import STRUCTURE_SINCE
from textnorm import question_form

KNOWLEDGE = knowledge_base()


def first_reply(last_answer: str, text: str = "depuis quand ?") -> str:
    ctx = Context(intent="follow_up", text=text, question="ask_network", last_answer=last_answer)
    return route(KNOWLEDGE, ctx).replies[0].text


@pytest.mark.parametrize(
    "text", ["il existe depuis quand ?", "elle a été créée quand ?", "ça date de quand ?", "créé quand ?"]
)
def test_creation_asked_of_a_structure(text: str) -> None:
    assert STRUCTURE_SINCE.search(question_form(text).strip(" ?!."))


def test_not_a_creation_question() -> None:
    assert not STRUCTURE_SINCE.search(question_form("il existe un réseau ?").strip(" ?!."))


def test_undated_structure_says_its_date_is_unknown() -> None:
    text = first_reply("Bordeaux — votre réseau régional d'achats durables : 3AR, Association …")
    assert text.startswith("Je n'ai pas la date de création de 3AR")


def test_a_dated_year_that_is_no_creation_is_not_given_as_one() -> None:
    text = first_reply(
        "Bordeaux — votre réseau régional d'achats durables : 3AR, Association …", "créé quand ?"
    )
    assert "2018" not in text  # « En 2018, elle proposait un service … » is no creation date


def test_dated_creation_sentence_is_given() -> None:
    text = first_reply("Occitanie — votre réseau régional d'achats durables : Rés'Occ, réseau …")
    assert text.startswith("Rés'Occ : créé") and "2022" in text


def test_article_contracted_in_the_unknown_date() -> None:
    text = first_reply("Île-de-France — le réseau régional d'achats durables : GIP Maximilien, réseau …")
    assert "création du GIP Maximilien" in text


def test_after_a_guichet_vert_the_desk_date_is_left_to_the_guichet_vert_answer() -> None:
    ctx = Context(
        intent="follow_up",
        text="depuis quand ?",
        question="ask_guichet_vert",
        last_answer="Le guichet vert de la région Bourgogne-Franche-Comté est porté par l'ARNia.",
    )
    assert not route(KNOWLEDGE, ctx).replies[0].text.startswith("Je n'ai pas la date de création")
