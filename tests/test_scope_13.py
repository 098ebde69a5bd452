"""Issue 11, scope (dev set tests/dev/scope_13.yml): oddly written questions of the domain are answered,
messages outside it get the limit message. Pure rules (actions/limits.py, actions/unknown_terms.py,
topic_names.py, textnorm.py) and the routing (actions/routing.py), without Rasa."""

from __future__ import annotations

import pytest

from actions.fallback import clarify_reply
from actions.knowledge import knowledge_base
from actions.limits import (
    asks_general_rule,
    general_term_reply,
    off_domain,
    only_technical_networks,
    technical_network_topic,
)
from actions.reply import Reply
from actions.route_types import Context
from actions.routing import route
from actions.understanding import named_topics
from actions.unknown_terms import unknown_clause, unknown_clause_reply, unknown_term, vocabulary_of
from textnorm import looks_foreign, question_form

KNOWLEDGE = knowledge_base()


@pytest.mark.parametrize(
    "text",
    [
        "obligation de publicite pour un marche de 60 000 euros HT ?",
        "un candidat évincé peut faire quel recours contre notre attribution ?",
        "que doit contenir la lettre de rejet envoyée aux candidats non retenus ?",
        "est-ce que l'allotissement est obligatoire pour un marché de travaux ?",
        "les variantes sont autorisées par défaut en procédure adaptée ?",
        "un accord-cadre peut durer plus de 4 ans ?",
        "le candidat a oublié de signer son acte d'engagement, on peut régulariser ?",
        "c'est quoi le seuil de procédure formalisée ?",
        "DELAI DE STANDSTILL APRES ATTRIBUTION ?",
    ],
)
def test_general_procurement_rules_are_out_of_scope(text: str) -> None:
    assert asks_general_rule(text)


@pytest.mark.parametrize(
    "text",
    [
        "un marché réservé aux entreprises adaptées, c'est possible ?",
        "peut-on autoriser des variantes environnementales ?",
        "avant un recours au guichet vert, qui solliciter ?",
        "un accord-cadre de fournitures recyclées entre dans l'AGEC ?",
    ],
)
def test_their_sustainable_side_stays_in_scope(text: str) -> None:
    assert not asks_general_rule(text)


@pytest.mark.parametrize(
    "text",
    [
        "le VPN ne se connecte plus depuis ce matin",
        "outlook plante a chaque fois que j'ouvre une PJ",
        "comment recruter un contractuel pour le service achats ?",
        "combien de jours de télétravail pour les agents ?",
        "mon arrêt maladie est de combien de jours de carence ?",
    ],
)
def test_it_support_and_human_resources_are_off_domain(text: str) -> None:
    assert off_domain(text)


@pytest.mark.parametrize(
    "text",
    [
        "on veut recruter des personnes en insertion via le marché",
        "maison de retraite : qui peut nous aider pour des achats durables ?",
        "des plantes pour les espaces verts, l'AGEC s'applique ?",
        "on est une mutuelle, ça nous concerne ?",  # a private buyer, not the agents' health insurance
        "portables pour les agents en télétravail, reconditionné obligatoire ?",
    ],
)
def test_purchases_of_the_domain_are_not_off_domain(text: str) -> None:
    assert not off_domain(text)


def test_a_purchase_for_a_technical_network_keeps_its_topic() -> None:
    text = "maintenance de notre réseau informatique, on peut exiger du matériel reconditionné ?"
    assert only_technical_networks(text)
    assert technical_network_topic(text, []) == "ask_agec"


def test_a_technical_network_names_no_network_of_buyers() -> None:
    text = "on renouvelle le contrat de notre réseau de chaleur, comment en faire un achat durable ?"
    assert only_technical_networks(text)
    assert "ask_network" not in named_topics(text)
    assert technical_network_topic(text, named_topics(text)) == "ask_environmental_considerations"
    assert technical_network_topic("réseau d'eau : une clause d'insertion ?", ["ask_social_clause"]) == (
        "ask_social_clause"
    )
    assert technical_network_topic("réseau de bus : réserver le nettoyage à un ESAT ?", []) == (
        "ask_reserved_contracts"
    )
    assert not only_technical_networks("quel réseau d'acheteurs pour notre réseau de chaleur ?")


def test_a_domain_question_on_a_technical_network_is_answered_on_its_topic() -> None:
    text = "pour le marché de notre réseau de chaleur urbain, quels critères environnementaux mettre ?"
    outcome = route(KNOWLEDGE, Context(intent="ask_network", text=text))
    answer = " ".join(reply.text for reply in outcome.replies)
    assert outcome.replies and "votre ville" not in answer and "réseau régional" not in answer


def test_social_media_is_where_the_buyer_read_not_a_platform() -> None:
    text = "j'ai vu sur les réseaux sociaux qu'il y a un guichet vert, c'est quoi ?"
    assert named_topics(text) == ["ask_guichet_vert"]
    outcome = route(KNOWLEDGE, Context(intent="ask_rapidd", text=text))
    assert outcome.replies[0].text.startswith("Le guichet vert")
    assert "ask_rapidd" in named_topics("un réseau social pour échanger entre acheteurs, ça existe ?")


@pytest.mark.parametrize(
    "text, clause",
    [
        ("la clause Molière est-elle légale dans un marché public ?", "clause Molière"),
        ("on peut imposer le français avec une clause moliere ?", "clause moliere"),
        ("peut-on imposer une clause de langue française sur nos chantiers ?", "clause de langue française"),
    ],
)
def test_a_clause_no_source_names_is_said_unknown(text: str, clause: str) -> None:
    assert unknown_clause(KNOWLEDGE, text) == clause
    reply = unknown_clause_reply(KNOWLEDGE, text)
    assert reply and "ne figure pas dans mes sources" in reply.text and reply.links
    outcome = route(KNOWLEDGE, Context(intent="ask_social_clause", text=text))
    assert "ne figure pas" in outcome.replies[0].text


@pytest.mark.parametrize(
    "text",
    [
        "une clause sociale ?",
        "clause environnementale",
        "clause verte",
        "clause relative à l'environnement",
        "combien de faciliteurs des clauses socales ?",  # a typo of a word of the knowledge
        "une clause d'insertion dans le marché",
        "une clause de réemploi dans le marché",
        "des clauses dans le marché",
    ],
)
def test_clauses_of_the_sources_and_ordinary_words_are_not_unknown(text: str) -> None:
    assert unknown_clause(KNOWLEDGE, text) is None


def test_an_unknown_term_of_general_procurement_is_routed_to_the_code() -> None:
    unknown = Reply("Je n'ai pas de définition de « seuil » dans mes sources, et je préfère ne pas…")
    reply = general_term_reply(KNOWLEDGE, unknown)
    assert reply.text.startswith("Je n'ai pas de définition de « seuil » dans mes sources")
    assert "je ne traite que" in reply.text and "guichet vert" not in reply.text and reply.links


def test_a_typo_of_a_known_clause_is_no_unknown_term() -> None:
    assert unknown_term("c koi une clause d'insersion ?", vocabulary_of(KNOWLEDGE)) is None
    assert unknown_term("c'est quoi l'observatoire des achats responsables ?", vocabulary_of(KNOWLEDGE))


def test_english_words_of_the_trade_are_read() -> None:
    assert "reseau d acheteurs" in question_form("y a un network d'acheteurs à Lyon ?")


@pytest.mark.parametrize(
    "text",
    [
        "hola, ¿cómo puedo comprar productos sostenibles?",
        "buongiorno, dove trovo la rete regionale degli acquisti sostenibili?",
        "Guten Tag, wer hilft bei nachhaltiger Beschaffung?",
        "olá, você pode me ajudar com compras sustentáveis?",
        "hello, can you tell me the weather in Paris?",
    ],
)
def test_other_languages_get_the_french_only_reply(text: str) -> None:
    assert looks_foreign(text)
    assert "qu'en français" in clarify_reply(text, []).text


@pytest.mark.parametrize(
    "text",
    [
        "t'es con ou quoi",
        "il y a un réseau pour les acheteurs de Lyon ?",
        "je suis las de chercher le guichet vert",
        "ya des aides pour les achats durables ?",
    ],
)
def test_french_messages_are_not_foreign(text: str) -> None:
    assert not looks_foreign(text)
