"""The unknown-fact answer names what is unknown, read from the question (actions/unknown_subject.py)."""

import pytest

from actions.reply import Reply
from actions.unknown_subject import subject_of, unknown_first, with_route, with_subject

UNKNOWN = "Je n'ai pas ce chiffre : il ne figure pas dans mes sources, et je préfère ne pas l'inventer."


@pytest.mark.parametrize(
    "question, subject",
    [
        ("Combien d'adhérents compte 3AR ?", "le nombre d'adhérents de 3AR"),
        ("Quel est le budget annuel de RAN COPER ?", "le budget annuel de RAN COPER"),
        ("Quel est le budget du guichet vert ?", "le budget du guichet vert"),
        (
            "c'est quand la prochaine réunion du réseau RESECO ?",
            "la date de la prochaine réunion du réseau RESECO",
        ),
        (
            "Qui préside l'Alliance Villes Emploi ?",
            "le nom de la personne qui préside l'Alliance Villes Emploi",
        ),
        ("Qui est le président de RESECO ?", "le nom du président de RESECO"),
        ("combien d'heures d'insertion en 2024 ?", "le nombre d'heures d'insertion en 2024"),
        ("l'adhésion à 3AR coute combien ?", "le coût de l'adhésion à 3AR"),
        ("le PNAD a coûté combien à l'Etat ?", "le coût du PNAD"),
        ("Quelle est la région la plus avancée ?", "un tel classement"),
        ("le numéro de tel de RAN COPER svp", "le numéro de tel de RAN COPER"),
        ("et pour les fournitures de bureau le taux c'est combien ?", "le taux des fournitures de bureau"),
        (
            "quelle part des achats publics en Occitanie intègre une clause ?",
            "la part des achats publics en Occitanie",
        ),
    ],
)
def test_subject_of_the_question(question: str, subject: str) -> None:
    assert subject_of(question) == subject


def test_no_subject_without_a_question_of_fact() -> None:
    assert subject_of("c'est quoi le guichet vert ?") is None


def test_a_follow_up_takes_the_body_answered() -> None:
    assert subject_of("et son budget annuel ?", "le guichet vert") == "le budget annuel du guichet vert"


def test_the_generic_unknown_names_the_subject_and_stays_short() -> None:
    replies = with_subject([Reply(UNKNOWN), Reply("3AR : le réseau.")], "Combien d'adhérents compte 3AR ?")
    assert replies[0].text == (
        "Je n'ai pas ce chiffre : le nombre d'adhérents de 3AR ne figure pas dans mes sources."
    )
    assert replies[1].text == "3AR : le réseau."


def test_a_plural_subject_agrees() -> None:
    replies = with_subject([Reply(UNKNOWN)], "les seuils carbone de 2028 c'est combien ?")
    assert "les seuils carbone de 2028 ne figurent pas" in replies[0].text


def test_unreadable_question_leaves_the_reply() -> None:
    replies = [Reply(UNKNOWN)]
    assert with_subject(replies, "hmm ?") == replies


def test_the_unknown_comes_first_for_one_question_only() -> None:
    context, unknown = Reply("Normandie : RAN COPER."), Reply("Je n'ai pas cette date : elle ne figure pas.")
    one = unknown_first([context, unknown], "RAN COPER a été fondé en quelle année ?")
    assert one == [unknown, context]
    two = unknown_first([context, unknown], "C'est gratuit ? et il traite combien de demandes ?")
    assert two == [context, unknown]


def test_an_unknown_without_a_route_gets_the_portal() -> None:
    routed = with_route([Reply("Je n'ai pas ce chiffre : il ne figure pas dans mes sources.")])
    assert "achats-durables.gouv.fr" in routed[0].text
    already = [Reply("Je n'ai pas ce chiffre : il ne figure pas. Votre CCI locale pourra vous répondre.")]
    assert with_route(already) == already


def test_an_adjective_before_a_complement_noun_stays_with_it() -> None:
    asked = "Combien coûte l'adhésion à Rés'Occ pour une petite commune ?"
    assert subject_of(asked) == "le coût de l'adhésion à Rés'Occ pour une petite commune"


def test_who_speaks_is_not_the_subject_asked() -> None:
    asked = "On est une petite commune dans l'Ain, combien ça coûte d'adhérer au réseau ?"
    assert subject_of(asked) == "le coût"
