"""Follow-ups of the holdout-16 development halves (wt-h16follow), one test per cause.

Pure functions and route() over the knowledge base, no server; the sentences differ from the dev sets:
who carries the structure just named, its origin, what follows a guichet vert request, whether a service
drafts the buyer's documents, a yes-or-no question on a content of a platform, the latest count, and the
button to the buyer's own desk after a national answer.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from actions.focus import answered_no, lead_sentence, older_counts
from actions.followup import OWN_DESK_BUTTON, with_own_area_button
from actions.knowledge import knowledge_base
from actions.limits import asks_service_review
from actions.network_facts import asks_structure_origin
from actions.render import Reply
from actions.routing import route
from actions.topics import matching_example
from actions.understanding import refers_back
from tests.test_context_first import context, joined

KNOWLEDGE = knowledge_base()


# --- who carries the structure just named -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["c'est porté par quel organisme ?", "c'est animé par quelle association ?", "c'est géré par qui ?"],
)
def test_who_carries_it_with_a_generic_noun_refers_to_the_structure_just_named(text: str) -> None:
    assert refers_back(text)


@pytest.mark.parametrize(
    "text",
    ["c'est porté par quelle structure ?", "porté par quel organisme ?", "c'est piloté par quelle entité ?"],
)
def test_who_carries_the_network_just_given_is_its_entry_not_the_networks_in_general(text: str) -> None:
    shown = "Montpellier (Hérault, Occitanie) — votre réseau régional d'achats durables : Rés'Occ."
    ctx = replace(
        context("follow_up", text, "commune:34172", question="ask_network", previous_question="ask_network"),
        place_in_message=None,
        last_answer=shown,
    )
    answer = joined(route(KNOWLEDGE, ctx).replies)
    assert "Synethic" in answer
    assert "Les premiers datent de 2002" not in answer


# --- the origin of the structure just named --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "elle vient d'où au départ ?",
        "c'est quoi son histoire ?",
        "ses origines ?",
        "d'où vient ce réseau ?",
        "il est né comment ?",
    ],
)
def test_the_origin_of_a_structure_is_asked(text: str) -> None:
    assert asks_structure_origin(text)


@pytest.mark.parametrize(
    "text",
    ["d'où viennent les financements ?", "il vient d'où le budget ?", "quelle est l'histoire de l'ADEME ?"],
)
def test_where_something_else_comes_from_is_no_origin_of_the_structure(text: str) -> None:
    assert not asks_structure_origin(text)


def test_the_origin_asked_after_a_network_is_the_sentence_dating_it() -> None:
    shown = (
        "Normandie — le réseau régional d'achats durables : RAN COPER (Normandie).\nSon site : ran-coper.fr."
    )
    ctx = replace(
        context(
            "follow_up", "il vient d'où au départ ?", question="ask_network", previous_question="ask_network"
        ),
        last_answer=shown,
    )
    answer = joined(route(KNOWLEDGE, ctx).replies)
    assert answer.startswith("RAN COPER : né en 2007") and "Haute-Normandie" in answer


# --- what follows a guichet vert request ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "et après ils nous recontactent ?",
        "il y a un suivi ensuite ?",
        "ils reviennent vers nous par la suite ?",
    ],
)
def test_what_follows_a_request_is_the_example_on_the_evaluation(text: str) -> None:
    example = matching_example(KNOWLEDGE.topics["ask_guichet_vert"], text)
    assert example is not None and "évaluer" in example.text


@pytest.mark.parametrize("text", ["et ensuite ?", "qu'est-ce qui se passe après ?", "on est recontacté ?"])
def test_what_follows_said_alone_or_a_call_back_is_the_aftercare_too(text: str) -> None:
    example = matching_example(KNOWLEDGE.topics["ask_guichet_vert"], text)
    assert example is not None and "évaluer" in example.text


@pytest.mark.parametrize(
    "text",
    [
        "il fait un suivi de nos marchés ?",  # review 16, finding 8
        "comment faire le suivi de la clause ?",
        "un rappel des seuils ?",
        "ensuite, il faut publier l'avis ?",
        "rappel de la règle sur les labels ?",
    ],
)
def test_a_follow_up_of_something_else_or_a_reminder_is_no_aftercare(text: str) -> None:
    assert matching_example(KNOWLEDGE.topics["ask_guichet_vert"], text) is None


def test_a_keyword_matches_its_inflected_forms_but_short_ones_only_as_written() -> None:
    topic = KNOWLEDGE.topics["ask_guichet_vert"]
    assert matching_example(topic, "ça fonctionnent comment ?") is not None  # « fonctionne »
    assert matching_example(topic, "c'est quoi ?") is None


# --- whether a service drafts the buyer's documents -----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "elle peut écrire notre cahier des charges ?",
        "ils rédigent les clauses à notre place ?",
        "il fait mon DCE ?",
    ],
)
def test_a_service_asked_to_draft_says_no_then_what_it_is(text: str) -> None:
    topic = KNOWLEDGE.topics["ask_guichet_vert"]
    lead = lead_sentence(text, topic.answer, topic.details or "")
    assert lead is not None and "rédaction" in lead
    answer = answered_no(text, lead, topic.answer)
    assert answer.startswith("Non : il ne fournit ni relecture")
    assert answer.splitlines()[1].startswith("Le guichet vert est un service gratuit de conseil")


def test_the_region_s_desk_asked_to_draft_answers_from_the_guichet_vert_limits() -> None:
    ctx = replace(
        context("follow_up", "elle peut écrire notre CCTP ?", "region:93", question="ask_guichet_vert"),
        place_in_message=None,
    )
    answer = joined(route(KNOWLEDGE, ctx).replies)
    assert "ARBE" in answer and "ni aide à leur rédaction" in answer


def test_a_question_on_a_service_drafting_is_not_a_handoff() -> None:
    # asked of a service, action_handoff routes it as a follow-up (actions/feedback.py)
    assert asks_service_review("ils peuvent rédiger mon CCTP à ma place ?")
    assert not asks_service_review("pouvez-vous rédiger mon CCTP ?")  # asked of the assistant


# --- a yes-or-no question on a content of a platform ----------------------------------------------------


@pytest.mark.parametrize(
    "text", ["sur RAPIDD il y a des webinaires ?", "est-ce que RAPIDD donne les dates des webinaires ?"]
)
def test_a_yes_or_no_question_on_a_content_leads_with_the_sentence_naming_it(text: str) -> None:
    topic = KNOWLEDGE.topics["ask_rapidd"]
    lead = lead_sentence(text, topic.answer, topic.details or "")
    assert lead is not None and "webinaires" in lead


def test_an_open_question_keeps_the_usual_threshold() -> None:
    topic = KNOWLEDGE.topics["ask_rapidd"]
    assert lead_sentence("c'est quoi RAPIDD ?", topic.answer, topic.details or "") is None


# --- the latest count -----------------------------------------------------------------------------------


def test_a_count_asked_is_the_latest_one_even_after_the_launch_sentence_was_shown() -> None:
    topic = KNOWLEDGE.topics["ask_entreprises_engagent"]
    shown = next(line for line in (topic.details or "").splitlines() if line.startswith("Lancée"))
    lead = lead_sentence("elle rassemble combien d'entreprises ?", topic.answer, topic.details or "", shown)
    assert lead is not None and "70 000" in lead
    # a year asked keeps the count of that year
    dated = lead_sentence("combien d'entreprises en 2018 ?", topic.answer, topic.details or "", shown)
    assert dated is not None and "centaine" in dated


def test_older_counts_are_those_dated_before_another() -> None:
    units = ["Lancé en 2019 avec 40 membres.", "En 2024, il comptait 300 membres.", "Il anime des ateliers."]
    assert older_counts(units, "membres") == {units[0]}
    assert older_counts(units[1:], "membres") == set()


# --- the buyer's own desk after a national answer -------------------------------------------------------


def test_a_national_guichet_vert_answer_offers_the_buyers_own_desk() -> None:
    ctx = context("ask_guichet_vert", "qui coordonne le guichet vert ?")
    replies = route(KNOWLEDGE, ctx).replies
    assert any(OWN_DESK_BUTTON in reply.buttons for reply in replies)


def test_the_own_area_button_is_added_once_and_only_for_its_topics() -> None:
    reply = Reply("Le guichet vert …", [OWN_DESK_BUTTON])
    assert with_own_area_button(reply, "ask_guichet_vert") == reply
    assert with_own_area_button(Reply("…"), "ask_agec") == Reply("…")
