"""Definition questions of the dev set definitions_11: a GIP, the inter-réseaux, the décret 2024-134, terms
of general procurement not in the sources, « X : c'est quoi exactement ? », « ok et la DAE ? », « le CNA a
créé un label ? », and a buyer type's note placed after the definition asked."""

from __future__ import annotations

import pytest

import places
from actions.focus import stem
from actions.glossary import asks_term_itself, find_terms, is_bare_term
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.term_followup import term_follow_up_reply
from actions.unknown_terms import unknown_follow_up_term, unknown_term, vocabulary_of
from nlu_components.retrieval import acknowledged_term

KNOWLEDGE = knowledge_base()
WORDS = vocabulary_of(KNOWLEDGE)


def answer(intent: str, text: str, question: str = "", last_answer: str = "", buyer: str = "") -> str:
    ctx = Context(
        intent=intent,
        text=text,
        question=question or (intent if intent.startswith("ask_") else None),
        last_answer=last_answer,
        buyer_type=buyer or None,
    )
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


def test_a_gip_is_defined_and_the_gip_maximilien_stays_a_network() -> None:
    assert [entry.id for entry in find_terms("c'est quoi un GIP ?")] == ["gip"]
    assert answer("follow_up", "c'est quoi un GIP ?").startswith("Un GIP est un groupement d'intérêt public")
    assert "gip" not in [entry.id for entry in find_terms("le GIP Maximilien c'est quoi ?")]


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("c'est quoi l'inter-réseaux ?", "L'inter-réseaux"),
        ("décret 2024-134 ça correspond à quoi ?", "Le décret n° 2024-134"),
        ("critère d'attribution : c'est quoi exactement ?", "Un critère d'attribution"),
        ("opérateur économique, ça veut dire quoi juridiquement ?", "Un opérateur économique"),
        ("qu'entendez-vous par coût global ?", "Le coût global"),
        ("spaser = quoi au juste", "Le SPASER est"),
    ],
)
def test_the_definition_leads(text: str, start: str) -> None:
    assert answer("follow_up", text).startswith(start)


def test_strict_terms_followed_by_a_colon_or_an_adverb_ask_the_term() -> None:
    entry = find_terms("critère d'attribution : c'est quoi exactement ?")[0]
    assert asks_term_itself("critère d'attribution : c'est quoi exactement ?", entry)
    assert not asks_term_itself("critère d'attribution environnemental : c'est quoi le minimum ?", entry)


@pytest.mark.parametrize(
    "text",
    [
        "que signifie BOAMP ?",
        "une offre anormalement basse, ça veut dire quoi ?",
        "l'ange bleu c'est un écolabel ? c'est quoi ?",
        "le label PEFC c'est un écolabel ?",
    ],
)
def test_terms_outside_the_sources_are_said_unknown(text: str) -> None:
    assert unknown_term(text, WORDS)
    assert answer("follow_up", text).startswith("Je n'ai pas de définition")


@pytest.mark.parametrize(
    "text",
    ["une EA c'est une entreprise ?", "Nantes c'est une métropole ?", "la commune c'est une collectivité ?"],
)
def test_known_words_asked_as_a_kind_are_no_unknown_term(text: str) -> None:
    assert unknown_term(text, WORDS) is None


def test_a_term_after_an_acknowledgement_is_asked() -> None:
    affirm = [{"name": "affirm", "confidence": 0.9}]
    assert acknowledged_term(affirm, "ok et la DAE ?")
    assert acknowledged_term(affirm, "d'accord, et le SPASER ?")
    assert not acknowledged_term(affirm, "ok merci")
    assert not acknowledged_term(affirm, "oui, on a un SPASER")
    assert is_bare_term("d'accord, et le SPASER ?", find_terms("le SPASER")[0])


def test_created_and_launched_share_a_stem() -> None:
    assert stem("cree") == stem("lance") == stem("creation")
    assert "RFAR" in answer("ask_cna", "le CNA a créé un label ?").split("\n")[0]


def test_which_ones_a_term_applies_to_is_read_in_its_sentences() -> None:
    shown = answer("follow_up", "c'est quoi la RE2020 ?")
    reply = term_follow_up_reply("ça s'applique à quels bâtiments ?", shown, [])
    assert reply is not None and "bâtiments neufs" in reply.text


def test_a_hospital_buyer_reads_what_the_guichet_vert_is_first() -> None:
    text = "Acheteuse dans un EHPAD public. C'est quoi ce guichet vert au juste ?"
    said = answer("ask_guichet_vert", text, buyer="etablissement_public")
    assert said.startswith("Le guichet vert est")
    assert "référents internes" in said


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("et l'ange bleu allemand ?", "ange bleu allemand"),
        ("et le label Lucie ?", "label lucie"),
        ("et les ordinateurs ?", None),
        ("et le bois ?", None),
        ("et pour Lyon ?", None),
        ("et les EPI ?", None),
    ],
)
def test_a_thing_named_alone_with_no_word_in_the_sources(text: str, term: object) -> None:
    assert unknown_follow_up_term(text, WORDS, after_labels=True) == term


def test_a_product_named_alone_is_no_unknown_label() -> None:
    assert unknown_follow_up_term("et les gobelets ?", WORDS) is None
    assert unknown_follow_up_term("et le label Lucie ?", WORDS) == "label lucie"


def test_a_place_or_a_product_followed_up_is_no_unknown_thing() -> None:
    ctx = Context(intent="follow_up", text="et l'ange bleu allemand ?", question="ask_ecolabels")
    assert route(KNOWLEDGE, ctx).replies[0].text.startswith("Je n'ai pas d'information sur « ange bleu")
    quimper = places.resolve_text("Quimper")
    place = Context(
        intent="inform", text="et Quimper ?", question="ask_network", place_in_message=quimper, place=quimper
    )
    assert "unknown thing followed up" not in route(KNOWLEDGE, place).notes
