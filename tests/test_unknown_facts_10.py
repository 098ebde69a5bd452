"""Facts the knowledge lacks, said first (branch wt-unknown10): names asked by role, websites, offices,
caps, time limits about a part of a topic, who runs a local unit; and facts it holds, given."""

from __future__ import annotations

from typing import Optional

import pytest

from actions.knowledge import knowledge_base
from actions.route_types import Context, Outcome
from actions.routing import route
from actions.understanding import unknown_detail
from actions.unknowns import UNKNOWN_DEADLINE, UNKNOWN_WHO_RUNS, unknown_aspect

KNOWLEDGE = knowledge_base()


def run(intent: str, text: str, question: Optional[str] = None) -> Outcome:
    return route(KNOWLEDGE, Context(intent=intent, text=text, question=question or intent))


def text_of(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


def aspect_of(topic_id: str, question: str) -> Optional[str]:
    topic = KNOWLEDGE.topics[topic_id]
    return unknown_aspect(question, [topic.text], topic.title)


@pytest.mark.parametrize(
    "question",
    [
        "vous pouvez me donner le nom de la conseillère qui s'occupe de notre dossier ?",
        "c'est qui le correspondant dans le Finistère ?",
        "la référente régionale, elle s'appelle comment ?",
        "qui est l'animatrice ?",
    ],
)
def test_a_person_asked_by_role_is_never_known(question: str) -> None:
    assert (unknown_detail(question, ["Le réseau anime des ateliers."]) or "").startswith(
        "Je n'ai pas le nom"
    )


def test_which_network_is_no_person() -> None:
    assert unknown_detail("comment s'appelle le réseau de ma région ?", []) is None


def test_a_website_is_unknown_only_when_no_text_gives_a_domain() -> None:
    assert unknown_detail("ils ont un site internet ?", ["Un réseau normand."])
    assert unknown_detail("ils ont un site internet ?", ["Son site : ran-coper.fr"]) is None


def test_an_office_address_is_asked_by_where_it_is() -> None:
    assert unknown_detail("l'antenne de Lille, vous avez son adresse ?", [])
    assert unknown_detail("elle est où, cette agence ?", [])
    assert unknown_detail("son adresse mail ?", ["contact@exemple.fr"]) is None


def test_a_cap_is_unknown_unless_stated() -> None:
    assert unknown_detail("il y a un plafond de demandes ?", ["Une question par formulaire."])
    assert unknown_detail("il y a un plafond de demandes ?", ["Trois demandes au maximum par an."]) is None


def test_a_time_limit_about_a_named_part_of_the_topic_is_unknown() -> None:
    assert (
        aspect_of("ask_climate_law", "le SPASER, on doit l'avoir voté jusqu'à quelle date ?")
        == UNKNOWN_DEADLINE
    )
    assert aspect_of("ask_pnad", "le plan court jusqu'à quand ?") is None  # its period


def test_who_runs_a_local_club_is_unknown_but_who_runs_the_network_is_said() -> None:
    topic = KNOWLEDGE.topics["ask_entreprises_engagent"]
    assert unknown_aspect("qui anime le club du Morbihan ?", [topic.text], topic.title) == UNKNOWN_WHO_RUNS
    assert aspect_of("ask_facilitator", "qui anime le réseau des facilitateurs ?") is None


def test_a_bound_asked_is_read_in_the_sentence_that_qualifies() -> None:
    answer = text_of(run("ask_agefiph", "l'obligation d'emploi vaut dès combien de salariés ?"))
    assert "20 salariés" in answer and not answer.startswith("Je n'ai pas")


def test_an_unknown_count_names_the_network_that_can_answer() -> None:
    answer = text_of(run("ask_network", "il y a combien d'adhérents à 3AR ?"))
    assert answer.startswith("Je n'ai pas ce chiffre") and "Votre réseau régional, 3AR, pourra" in answer


def test_a_private_helper_named_overrides_the_private_support_intent() -> None:
    outcome = run(
        "ask_private_support", "le CSA 34 a accompagné combien d'acheteurs, et ça coûte quoi à une PME ?"
    )
    answer = text_of(outcome)
    assert "10 grands acheteurs" in answer and not answer.startswith("Si vos achats")
