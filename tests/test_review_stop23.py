"""Issue 11: the near-misses an independent review found in session stop 23's rules (each sentence is the
review's or written for this test, none from a dev set)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from actions.actions import asks_unknown_of_last
from actions.agec import agec_reply
from actions.knowledge import knowledge_base
from actions.legal_refs import unknown_law_article_reply
from actions.understanding import unknown_detail
from actions.unknown_terms import unknown_follow_up_term, unknown_term_reply, vocabulary_of
from nlu_components.buyer_type import find_buyer_types
from tests.test_context_first import context

KNOWLEDGE = knowledge_base()


def test_rules_and_plain_superlatives_are_no_unknown_details() -> None:
    for question in (
        "quelle part de nos contrats doit comporter une considération environnementale en 2025 ?",
        "Le montant de notre marché de la ville de Rennes dépasse 200 000 euros, c'est obligatoire ?",
        "qui sont les personnes qui peuvent bénéficier d'une clause d'insertion ?",
        "le classement des offres doit-il tenir compte du coût du cycle de vie ?",
        "Quel réseau est le plus proche de chez moi ?",
        "Quels sont les critères les plus efficaces pour une clause sociale ?",
    ):
        assert unknown_detail(question, []) is None, question
    for question in (
        "quelle région a le plus de facilitateurs ?",
        "la part des achats durables de la ville de Metz ?",
    ):
        assert unknown_detail(question, []), question


def test_an_article_of_another_document_is_not_the_laws() -> None:
    for text, topic in (
        ("l'article 6 de notre CCAP prévoit 20 % de réemploi, c'est bon ?", "ask_agec"),
        (
            "on a mis un critère environnemental à l'article 4 du règlement de consultation, ça suffit ?",
            "ask_climate_law",
        ),
        ("et l'article 13 de la loi egalim ?", "ask_agec"),
        ("notre plan climat, article 3, c'est bon ?", "ask_climate_law"),
    ):
        assert unknown_law_article_reply(KNOWLEDGE, text, topic, []) is None, text


def test_a_tenured_agent_or_a_buyer_for_the_commune_is_that_public_body() -> None:
    for text in (
        "Acheteuse titulaire du conseil départemental du Gers, qui peut nous conseiller ?",
        "nous achetons pour le compte de la commune",
    ):
        assert not any(found["negated"] for found in find_buyer_types(text)), text


def test_whether_a_body_is_a_buyer_is_no_term_to_define() -> None:
    reply = unknown_term_reply(KNOWLEDGE, "le CCAS, c'est un acheteur ?", False)
    assert reply is None or "pas de définition" not in reply.text


def test_a_product_after_the_labels_is_no_unknown_label() -> None:
    words = vocabulary_of(KNOWLEDGE)
    assert unknown_follow_up_term("et les peintures ?", words, after_labels=True) is None
    assert unknown_follow_up_term("et le label Lucie ?", words, after_labels=True)


def test_until_when_a_decree_applies_is_no_question_on_the_rates_steps() -> None:
    reply = agec_reply(
        KNOWLEDGE.agec, None, None, date(2026, 11, 30), "le décret 2024-134 s'applique jusqu'à quand ?"
    )
    assert "1er juillet 2024" in reply.text


def test_an_impersonal_or_another_named_subject_is_no_follow_up_on_the_last_answer() -> None:
    ctx = replace(context("out_of_scope", "", None), question="ask_guichet_vert")
    for text in ("il fait combien à Paris aujourd'hui ?", "ils ont combien d'employés chez Google ?"):
        assert not asks_unknown_of_last(ctx, text), text
    assert asks_unknown_of_last(ctx, "ils répondent à combien de demandes par an ?")
