"""Follow-ups in conversations (dev set conversations_12): pure rules, checked apart from the server."""

from __future__ import annotations

from dataclasses import replace

import pytest

from actions.agec_route import shown_category
from actions.context_rules import continues_topic, vocabulary
from actions.followup import NATIONAL_STAT, share_of_last_reply
from actions.glossary import ENTRIES
from actions.glossary_route import own_topic_term
from actions.knowledge import knowledge_base
from actions.term_followup import unknown_of_term
from tests.test_context_first import context
from textnorm import question_form

KNOWLEDGE = knowledge_base()
VOCABULARY = vocabulary(KNOWLEDGE)


@pytest.mark.parametrize(
    "text", ["même en dessous de 40k ?", "et le recyclé ?", "à quel taux ?", "ça concerne qui ?"]
)
def test_a_short_continuation_in_the_domain_continues_the_topic(text: str) -> None:
    assert continues_topic(text, VOCABULARY)


@pytest.mark.parametrize(
    "text",
    [
        "et la météo demain ?",
        "et mon abonnement Netflix ?",
        "et sinon tu connais un bon restaurant à côté du bureau ?",
    ],
)
def test_a_continuation_with_foreign_words_does_not(text: str) -> None:
    assert not continues_topic(text, VOCABULARY)


def test_the_share_just_given_is_repeated_alone_for_a_bare_share_question() -> None:
    last = "La loi REEN impose le réemploi. Elle vise 50 % à partir de 2025. Voir le décret."
    reply = share_of_last_reply("c'est combien en pourcentage ?", last)
    assert reply is not None and reply.text == "Elle vise 50 % à partir de 2025."
    assert (
        share_of_last_reply("c'est combien en pourcentage pour les collectivités de plus de 50 000 ?", last)
        is None
    )
    assert share_of_last_reply("quel taux ?", "Aucun chiffre ici.") is None


def test_the_category_shown_by_the_last_answer_is_found_again() -> None:
    textiles = next(one for one in KNOWLEDGE.agec.categories if "textiles" in one.label)
    shown = f"Catégorie « {textiles.label} » : au moins 8 % en 2024."
    assert shown_category(KNOWLEDGE, shown) == textiles
    assert shown_category(KNOWLEDGE, "La loi AGEC vise l'État.") is None


def test_a_pronoun_follow_up_naming_a_term_of_the_topic_gets_that_term() -> None:
    ctx = replace(
        context("follow_up", "elle interdit le plastique jetable ?"),
        question="ask_agec",
        last_answer="L'article 58 de la loi AGEC impose une part de réemploi.",
    )
    entry = own_topic_term(ctx)
    assert entry is not None and entry.id == "plastique_usage_unique"
    assert own_topic_term(replace(ctx, text="le plastique jetable, c'est interdit ?")) is None  # no pronoun


def test_an_unknown_fact_of_a_term_just_defined_is_said_unknown_by_its_name() -> None:
    entry = next(
        one for one in ENTRIES if " est " in one.text and len(one.text.split(" est ")[0].split()) <= 4
    )
    reply = unknown_of_term(entry)
    assert reply is not None and reply.text.startswith(
        "Je ne sais pas : mes sources ne le précisent pas pour "
    )


def test_a_threshold_asked_in_contracts_is_no_national_statistic() -> None:
    threshold = "Combien de marchés faut-il passer pour être obligé d'avoir un SPASER ?"
    assert not NATIONAL_STAT.search(question_form(threshold))
    assert NATIONAL_STAT.search(question_form("combien de marchés ont intégré une clause environnementale ?"))
