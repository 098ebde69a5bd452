"""The retrieval step of the NLU (nlu_components/retrieval.py), the glossary and the product words."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa.shared.nlu.training_data.message import Message

from actions.glossary import defines, find_terms, is_bare_term
from actions.knowledge import knowledge_base
from actions.products import find_product_category
from nlu_components.retrieval import (
    KnowledgeRetriever,
    LexicalIndex,
    knowledge_passages,
    question_behind_greeting,
    terms,
)

ROOT = Path(__file__).resolve().parent.parent


def retriever(**config: Any) -> KnowledgeRetriever:
    corpus = {
        "documents": [
            terms("facilitateur clause sociale heure insertion".split()),
            terms("guichet vert conseil gratuit environnement".split()),
            terms("réseau régional acheteur public".split()),
        ],
        "labels": ["ask_facilitator", "ask_guichet_vert", "ask_network"],
    }
    return KnowledgeRetriever(config, None, None, corpus)  # type: ignore[arg-type]


def ranking(*pairs: Any) -> List[Dict[str, Any]]:
    return [{"name": name, "confidence": confidence} for name, confidence in pairs]


def test_terms_drop_stop_words_and_accents() -> None:
    assert terms(["Le", "réseau", "de", "la", "région", "?"]) == ["reseau", "region"]


def test_the_knowledge_passages_cover_the_topics_agec_and_networks() -> None:
    intents = {intent for intent, _ in knowledge_passages(ROOT / "knowledge")}
    assert {"ask_guichet_vert", "ask_agec", "ask_network", "ask_facilitator"} <= intents
    assert "ask_networks_overview" not in intents  # answered through ask_network


def test_the_fingerprint_follows_the_indexed_knowledge(tmp_path: Path) -> None:
    """A changed knowledge passage retrains the retriever (Rasa caches components by fingerprint)."""
    shutil.copytree(ROOT / "knowledge", tmp_path, dirs_exist_ok=True)
    before = KnowledgeRetriever.fingerprint_addon({"knowledge_dir": str(tmp_path)})
    assert before == KnowledgeRetriever.fingerprint_addon({})  # same files, same print
    topics = tmp_path / "topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").replace("RAPIDD", "RAPID"), encoding="utf-8")
    assert KnowledgeRetriever.fingerprint_addon({"knowledge_dir": str(tmp_path)}) != before


def test_a_guide_named_by_its_publisher_finds_its_topic() -> None:
    passages = knowledge_passages(ROOT / "knowledge")
    ademe = [intent for intent, text in passages if text.startswith("guide Achat public")]
    assert ademe == ["ask_environmental_considerations"]


def test_an_intent_scores_its_best_passage() -> None:
    index = LexicalIndex([["guichet", "vert"], ["reseau"], ["guichet"]], ["a", "b", "a"])
    ranked = index.rank(["guichet", "vert", "inconnu"])
    assert ranked[0][0] == "a" and [name for name, _ in ranked] == ["a"]
    assert index.rank(["inconnu"]) == []


def test_agreement_with_diet_decides_an_unsure_message() -> None:
    component = retriever(agree_score=0.1)
    ranked = [("ask_facilitator", 2.0), ("ask_network", 0.5)]
    assert (
        component.clear_winner(ranked, ranking(("ask_facilitator", 0.3), ("ask_network", 0.25)))
        == "ask_facilitator"
    )
    assert component.clear_winner(ranked, ranking(("ask_network", 0.3), ("ask_facilitator", 0.25))) is None


def test_a_clear_match_among_diet_candidates_decides() -> None:
    component = retriever(min_score=1.0, min_margin=1.5)
    ranked = [("ask_guichet_vert", 3.0), ("ask_network", 1.0)]
    assert (
        component.clear_winner(ranked, ranking(("ask_network", 0.3), ("ask_guichet_vert", 0.2)))
        == "ask_guichet_vert"
    )
    far = ranking(("ask_network", 0.3), ("ask_cci", 0.2), ("ask_cna", 0.1), ("ask_guichet_vert", 0.05))
    assert component.clear_winner(ranked, far) is None  # not among DIET's three best


def test_the_chosen_intent_clears_the_fallback_thresholds() -> None:
    component = retriever()
    message = Message(data={"text": "x"})
    component.choose(message, "ask_network", ranking(("ask_facilitator", 0.45), ("ask_network", 0.40)))
    chosen, second = message.get("intent_ranking")[:2]
    assert chosen["name"] == "ask_network" and chosen["confidence"] > 0.5
    assert chosen["confidence"] - second["confidence"] > 0.08


def test_a_confident_diet_is_left_alone() -> None:
    component = retriever()
    assert not component.unsure(ranking(("ask_network", 0.9), ("ask_cci", 0.05)))
    assert component.unsure(ranking(("ask_network", 0.45), ("ask_cci", 0.3)))
    assert component.unsure(ranking(("ask_network", 0.55), ("ask_cci", 0.5)))


# --- glossary -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("c'est quoi un ESAT ?", "esat"),
        ("SPASER ça veut dire quoi ?", "spaser"),
        ("CGDD c'est quoi ?", "cgdd"),
        ("quelle différence entre réemploi et réutilisation ?", "reemploi"),
        ("définition de l'achat durable ?", "achat_durable"),
        ("la définition d'un ESAT", "esat"),
    ],
)
def test_definition_questions_find_their_term(text: str, entry: str) -> None:
    found = find_terms(text)
    assert found and found[0].id == entry and defines(text, found[0])


def test_a_bare_term_is_a_definition_question() -> None:
    (entry,) = find_terms("PLIE ?")
    assert is_bare_term("PLIE ?", entry)
    assert not defines("marché réservé aux ESAT", find_terms("marché réservé aux ESAT")[0])


# --- products in other words --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("la cuisine centrale change ses fours et ses chambres froides", "electromenager"),
        ("conteneurs de tri pour les quartiers", "collecte_dechets"),
        ("les draps et les blouses de l'hôpital", "textiles"),
        ("le matériel de nos jardiniers", "espaces_verts"),
        ("ballons, filets et tapis du gymnase", "equipements_sportifs"),
    ],
)
def test_products_named_in_other_words(text: str, category: str) -> None:
    found = find_product_category(knowledge_base().agec, None, text)
    assert found is not None and found.id == category


@pytest.mark.parametrize(
    "text", ["la loi agec s'applique à mon bureau ?", "dans le but de réduire", "la règle AGEC"]
)
def test_no_category_is_invented(text: str) -> None:
    assert find_product_category(knowledge_base().agec, None, text) is None


def test_a_message_naming_one_topic_names_it() -> None:
    from nlu_components.retrieval import named_topic

    assert named_topic("combien de personnes travaillent au guichet vert ?") == "ask_guichet_vert"
    assert named_topic("il va pleuvoir demain ?") is None


def test_out_of_scope_naming_a_service_is_about_that_service() -> None:
    component = retriever()
    message = Message(data={"text": "combien de salariés au guichet vert ?"})
    message.set("intent", {"name": "out_of_scope", "confidence": 0.9})
    message.set("intent_ranking", ranking(("out_of_scope", 0.9), ("ask_guichet_vert", 0.05)))
    component.process([message])
    assert message.get("intent")["name"] == "ask_guichet_vert"


def test_a_greeting_that_carries_a_question_is_not_read_as_a_greeting() -> None:
    carries = ranking(("greet", 0.57), ("ask_climate_law", 0.19), ("ask_environmental_considerations", 0.1))
    assert question_behind_greeting(carries, question_terms=9)
    assert not question_behind_greeting(carries, question_terms=2)  # "Bonjour à tous !"
    polite = ranking(("greet", 0.87), ("goodbye", 0.09), ("ask_climate_law", 0.01))
    assert not question_behind_greeting(polite, question_terms=4)  # "bonne journée à toute l'équipe"
    assert not question_behind_greeting(ranking(("ask_agec", 0.7), ("greet", 0.2)), question_terms=9)
