"""Unknown facts said first, known ones given (wt-unk6): two-part questions, a public cost, member lists,
counts of buyers who adopted something, a buyer's own document, a structure's own delay."""

from __future__ import annotations

from typing import Optional

import pytest

from actions.followup import figure_is_known
from actions.knowledge import knowledge_base
from actions.question_parts import part_unknown, question_parts
from actions.route_types import Context, Outcome
from actions.routing import route
from actions.understanding import aspects, unknown_detail
from actions.unknowns import figure_about

KNOWLEDGE = knowledge_base()
UNKNOWN_START = ("Je n'ai pas", "Je ne connais pas")


def run(intent: str, text: str, question: Optional[str] = None) -> Outcome:
    return route(KNOWLEDGE, Context(intent=intent, text=text, question=question or intent))


def text_of(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


def test_question_parts_split_at_a_question_mark_or_before_a_question_word() -> None:
    assert question_parts("c'est gratuit ? et ils traitent combien de dossiers ?") == [
        "c'est gratuit",
        "et ils traitent combien de dossiers ?",
    ]
    assert len(question_parts("combien de réseaux, et quel est leur rôle ?")) == 2
    assert len(question_parts("quel réseau pour la Bretagne et les Pays de la Loire ?")) == 1


def test_the_unknown_part_of_a_two_part_question_is_found() -> None:
    texts = [KNOWLEDGE.topics["ask_guichet_vert"].text]
    asked = "Le guichet vert est-il payant ? et combien de saisines par mois ?"
    assert part_unknown(texts, asked, None) == "et combien de saisines par mois ?"
    assert part_unknown(texts, "Le guichet vert est-il payant ?", None) is None


def test_a_two_part_question_gets_the_known_fact_then_the_unknown_one() -> None:
    answer = text_of(
        run("ask_guichet_vert", "c'est payant le guichet vert ? et combien de saisines par mois ?")
    )
    assert "gratuit" in answer
    assert "Je n'ai pas ce chiffre" in answer


def test_what_a_service_cost_the_state_is_a_budget_not_its_price() -> None:
    texts = [KNOWLEDGE.topics["ask_guichet_vert"].text]
    asked = "ça a coûté combien à l'État, ce guichet ?"
    assert figure_is_known(texts, asked, aspects(asked), False) is False
    asked = "le guichet vert est-il payant pour une commune ?"
    assert figure_is_known(texts, asked, aspects(asked), False) is True


@pytest.mark.parametrize(
    "question",
    [
        "Vous avez la liste des adhérents du réseau ?",
        "combien de métropoles ont adopté leur SPASER ?",
        "la part des communes qui ont mis en place une clause sociale ?",
        "Le schéma du département du Nord prévoit quels objectifs ?",
        "les ateliers sont-ils disponibles en replay ?",
        "qui est la personne qui répond au guichet ?",
        "c quoi le num de la DREETS",
    ],
)
def test_details_never_in_the_knowledge_are_said_unknown(question: str) -> None:
    assert unknown_detail(question, []) is not None


@pytest.mark.parametrize(
    "question",
    [
        "à partir de combien d'achats les collectivités doivent adopter un SPASER ?",
        "combien de collectivités sont concernées par l'article 58 ?",
        "qui peut adhérer au réseau ?",
    ],
)
def test_near_questions_are_not_read_as_unknown_details(question: str) -> None:
    assert unknown_detail(question, []) is None


def test_a_structure_delay_of_its_own_is_given_not_said_unknown() -> None:
    answer = text_of(run("ask_guichet_vert", "le guichet vert de Maximilien répond sous combien de jours ?"))
    assert not answer.startswith(UNKNOWN_START)
    assert "trois jours" in answer.split("\n")[0]


def test_a_year_without_a_rate_is_said_unknown_among_years_asked() -> None:
    answer = text_of(run("ask_agec", "textile : le taux de réemploi 2024 et celui de 2027 ?"))
    assert answer.startswith("Je n'ai pas ce chiffre : le taux 2027")
    assert "8 %" in answer


def test_what_buyers_really_achieve_under_agec_is_not_known() -> None:
    answer = text_of(
        run("ask_agec", "quel pourcentage de mobilier les communes achètent réellement en réemploi ?")
    )
    assert answer.startswith("Je n'ai pas")


def test_a_count_with_a_launch_only_when_the_number_follows_avec() -> None:
    clause = (
        "le CSA 34, créé en 2018, qui a porté avec l'ADEME le programme : 10 grands acheteurs accompagnés"
    )
    assert figure_about(clause, clause, "combien d'acheteurs accompagnés ?")
    clause = "Lancée le 17 juillet 2018 avec une centaine d'entreprises, elle anime des coalitions"
    assert not figure_about(clause, clause, "combien d'entreprises aujourd'hui ?")


def test_an_employment_rate_is_read_with_what_it_is_of() -> None:
    clause = "l'obligation d'employer 6 % de travailleurs handicapés dans les entreprises"
    assert figure_about(clause, clause, "le taux d'emploi obligatoire de travailleurs handicapés ?")
