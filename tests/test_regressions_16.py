"""Regressions of the holdout-16 rules caught on older development sets (2026-12-02)."""

from __future__ import annotations

import pytest

from actions import focus
from actions.agec import RATE_YEAR
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route


def lead(topic_id: str, question: str) -> str | None:
    topic = knowledge_base().topics[topic_id]
    return focus.lead_sentence(question, topic.answer, topic.details)


@pytest.mark.parametrize(
    "question", ["il y a un guide d'utilisation ?", "on y trouve un annuaire des fournisseurs ?"]
)
def test_a_yes_or_no_on_a_thing_no_sentence_names_gets_no_sentence(question: str) -> None:
    # "utilisation" is in one sentence (its terms of use), "guide" in none: that sentence does not answer
    assert lead("ask_rapidd", question) is None


@pytest.mark.parametrize(
    "question", ["sur RAPIDD on trouve les webinaires ?", "on y trouve des webinaires ?"]
)
def test_a_yes_or_no_on_a_thing_one_sentence_names_gets_it(question: str) -> None:
    assert "webinaires" in (lead("ask_rapidd", question) or "")


def test_a_figure_the_question_states_is_not_a_count_asked() -> None:
    # the 185 posts of the calls for projects are older than « plus de 500 facilitateurs » (2024), but the
    # question cites them: their sentence, not a regional detail
    answer = lead(
        "ask_facilitator", "les 185 facilitateurs supplémentaires, c'est l'État qui les a financés ?"
    )
    assert "185" in (answer or "")


def test_a_count_asked_is_the_latest_one() -> None:
    assert "70 000" in (lead("ask_entreprises_engagent", "ça réunit combien d'entreprises ?") or "")


def test_the_year_of_another_law_is_no_rate_year() -> None:
    assert RATE_YEAR.findall("asso loi 1901 : le taux pour 2025 ?") == ["2025"]
    ctx = Context(
        intent="ask_agec",
        question="ask_agec",
        text="asso loi 1901, on achète des ordis : obligation agec de réemploi pour nous ?",
        buyer_type="association",
        buyer_in_message="association",
        product_in_message="informatique",
    )
    said = "\n".join(reply.text for reply in route(knowledge_base(), ctx).replies)
    assert "1901" not in said
