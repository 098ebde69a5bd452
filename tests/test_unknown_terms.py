"""Definition questions (dev set definitions_6): the term asked, said unknown when the sources lack it."""

from __future__ import annotations

import pytest

from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.unknown_terms import as_written, asked_term, of_quoted, unknown_term, vocabulary_of
from nlu_components.unknown_words import asks_acronym

KNOWLEDGE = knowledge_base()
WORDS = vocabulary_of(KNOWLEDGE)


def answer(intent: str, text: str, question: str = "") -> str:
    ctx = Context(
        intent=intent, text=text, question=question or (intent if intent.startswith("ask_") else None)
    )
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("c'est quoi le BIM ? on en parle pour nos travaux", "bim"),
        ("HQE, kézako ?", "hqe"),
        ("le label Max Havelaar c'est quoi exactement", "label max havelaar"),
        ("DUME = ?", "dume"),
        ("le sigle UGAP ça veut dire quoi", "ugap"),
        ("c'est quoi le bilan carbone d'un marché ?", "bilan carbone"),
        ("expliquez-moi ce que veut dire économie de la fonctionnalité", "economie de la fonctionnalite"),
    ],
)
def test_the_term_asked(text: str, term: str) -> None:
    assert asked_term(text) == term


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi le BIM ?",
        "la CSRD ça veut dire quoi",
        "définition du commerce équitable",
        "kézako le label Imprim'Vert ?",
    ],
)
def test_a_term_the_knowledge_never_mentions_is_unknown(text: str) -> None:
    assert unknown_term(text, WORDS)


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi le SPASER ?",
        "c'est quoi un matériau biosoursé ?",  # one typo away from a known word
        "c'est quoi exactement la loi anti gaspi ?",  # a topic named
        "c'est quoi le guichet vert",
        "c'est quoi ce bot ?",  # the assistant itself
        "c'est quoi ton nom ?",  # something of someone
        "PNAD ? jamais entendu parler, c'est quoi",  # the topic named is what is asked
        "c'est quoi le taux pour le papier ?",
        "qu'est-ce que je dois faire ?",
    ],
)
def test_known_terms_and_other_questions_are_not_unknown(text: str) -> None:
    assert unknown_term(text, WORDS) is None


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi la prochaine échéance ?",  # which one, not what the words mean
        "c'est quoi l'enjeu principal ?",
        "c'est quoi la meilleure démarche pour commencer ?",
        "c'est quoi le pourcentage en 2030 ?",  # a detail asked
    ],
)
def test_ordinary_words_in_lower_case_are_not_taken_for_a_term(text: str) -> None:
    assert unknown_term(text, WORDS) is None


def test_the_term_is_shown_as_typed() -> None:
    assert as_written("le commerce équitable, c'est quoi ?", "commerce equitable") == "commerce équitable"
    assert as_written("kézako le label Imprim'Vert ?", "label imprim vert") == "label Imprim'Vert"


def test_an_unknown_term_is_said_unknown_first_then_routed() -> None:
    text = answer(
        "ask_environmental_considerations", "ACV ça veut dire quoi ? c'est dans le critère du marché"
    )
    assert text.startswith("Je n'ai pas de définition d'« ACV »")
    assert "guichet vert" in text


def test_application_paperwork_asked_as_a_term_is_said_unknown() -> None:
    assert answer("follow_up", "DUME = ?").startswith("Je n'ai pas de définition de « DUME »")


def test_circular_economy_is_not_defined_from_memory() -> None:
    assert answer("ask_agec", "c'est quoi l'économie circulaire ?").startswith(
        "Je n'ai pas de définition de l'économie circulaire"
    )
    # the law's own name is the AGEC law, defined
    assert "2020-105" in answer(
        "ask_agec", "la loi anti-gaspillage pour une économie circulaire, c'est quoi ?"
    )


@pytest.mark.parametrize(
    ("text", "start"),
    [
        # both compared: the facilitator, then the coordinators who coordinate them
        (
            "coordinateur de la clause sociale et facilitateur c'est pareil ?",
            "Ce sont deux choses différentes",
        ),
        ("clause sociale et marché réservé c'est pareil ?", "Ce sont deux choses différentes"),
        ("la RE 2020 en deux mots ?", "La RE2020"),
        ("l'article L. 2111-3 c'est quoi ?", "Le SPASER"),
        ("on me parle d'ESS dans le cahier des charges, vous pouvez m'expliquer ?", "L'ESS"),
        ("définition de l'achat public durable ?", "Un achat durable"),
        (
            "On me dit de réserver le lot à des SIAE mais je ne sais pas ce que c'est, vous m'expliquez ?",
            "Les SIAE",
        ),
        (
            "Pour nos chaises on parle de conformité AGEC. Avant tout : c'est quoi cette loi AGEC ?",
            "La loi AGEC",
        ),
    ],
)
def test_definition_asked_in_other_words(text: str, start: str) -> None:
    assert answer("ask_reserved_contracts" if "SIAE" in text else "ask_agec", text).startswith(start)


def test_a_definition_question_on_an_acronym_is_not_small_talk() -> None:
    assert asks_acronym("Bonjour, mon élu veut un SPASER. Je ne sais même pas ce que c'est.")
    assert asks_acronym("DUME = ?")
    assert not asks_acronym("Bonjour, merci pour votre aide")
    assert not asks_acronym("c'est quoi ce bot ?")


def test_capitals_places_and_ok_are_no_acronyms() -> None:
    assert not asks_acronym("MERCI BEAUCOUP, C'EST QUOI DÉJÀ VOTRE NOM ?")
    assert not asks_acronym("OK merci, c'est bien expliqué")
    assert not asks_acronym("Bonjour, c'est quoi la météo à PARIS demain ?", places=[(31, 36)])
    assert asks_acronym("Bonjour, c'est quoi le DUME à Paris ?", places=[(31, 36)])


def test_the_unknown_term_is_elided_before_a_vowel() -> None:
    assert of_quoted("UGAP") == "d'« UGAP »" and of_quoted("agence bio") == "d'« agence bio »"
    assert of_quoted("BIM") == "de « BIM »"
