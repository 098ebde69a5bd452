"""A definition asked is answered by the term asked, not by a neighbour topic (dev set definitions_13): the
full name of a term, a term heard of from a topic (« le guichet vert nous parle de coût du cycle de vie »),
a term asked by a beginner who does not know it, « c'est pas pareil ? », « = ? » and the setting of a
term (« … = quoi dans un marché »); terms the sources lack (« l'achat local », « un MAPA » after some
context, « clause de non-concurrence dans un marché public », « facilitateur IRVEC ») said unknown; a
definition read by DIET as a request for a person still answered."""

from __future__ import annotations

import pytest

from actions.glossary import DEFINING, asks_term_itself, defines, find_terms, heard_part
from actions.glossary_route import term_asked_reply
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.understanding import asks_what_it_is
from actions.unknown_terms import (
    domain_term_reply,
    named_by_unknown_acronym,
    names_a_kind_of_purchase,
    says_an_action,
    unknown_follow_up_term,
    unknown_term,
    vocabulary_of,
)
from textnorm import question_form
from topic_names import NAMED_TOPIC_PATTERNS

KNOWLEDGE = knowledge_base()
WORDS = vocabulary_of(KNOWLEDGE)


def entry(text: str, entry_id: str):
    return next(e for e in find_terms(text) if e.id == entry_id)


def answer(intent: str, text: str, question: str = "") -> str:
    ctx = Context(intent=intent, text=text, question=question or None)
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("iae = insertion par l'activité eco ? ça recouvre quoi exactement", "siae"),
        ("le schema de promotion des achats socialement et ecologiquement responsables c'est quoi", "spaser"),
    ],
)
def test_a_full_name_is_the_term(text: str, entry_id: str) -> None:
    assert defines(text, entry(text, entry_id))


def test_pas_pareil_asks_what_the_terms_are() -> None:
    assert DEFINING.search(question_form("réemploi et réutilisation c'est pas pareil ?"))
    assert DEFINING.search(question_form("ce n'est pas la même chose ?"))


def test_the_setting_of_a_strict_term_is_no_other_question() -> None:
    text = "specifications techniques = quoi dans un marché"
    assert asks_term_itself(text, entry(text, "specifications"))


def test_equals_question_mark_asks_what_it_is() -> None:
    assert asks_what_it_is("marche reserve = ?")
    assert asks_what_it_is("SIAE = quoi")


def test_a_lot_reserved_names_the_reserved_contracts() -> None:
    plain = question_form("qu'est ce qu'un lot reserve")
    assert any(p.search(plain) and topic == "ask_reserved_contracts" for p, topic in NAMED_TOPIC_PATTERNS)


def test_who_spoke_of_the_term_is_not_asked() -> None:
    text = "Pour nos véhicules, le guichet vert nous parle de coût du cycle de vie. Ça veut dire quoi ?"
    part = heard_part(text, entry(text, "life_cycle_cost"))
    assert "guichet" not in part and part.startswith("parle de")
    plain = "c'est quoi le coût du cycle de vie ?"
    assert heard_part(plain, entry(plain, "life_cycle_cost")) == plain


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        (
            "ask_guichet_vert",
            "Pour l'achat de nos véhicules, le guichet vert nous parle de coût du cycle de vie. "
            "Ça veut dire quoi ?",
            "Le coût du cycle de vie",
        ),
        (
            "ask_private_support",
            "je debute en tant qu'acheteuse dans une mairie, on me dit de consulter des SIAE mais "
            "je ne sais pas ce que c'est",
            "Les SIAE",
        ),
        ("ask_social_clause", "iae = insertion par l'activité eco ? ça recouvre quoi exactement", "Les SIAE"),
        ("ask_network", "marche reserve = ? ", "réserver un marché"),
        ("follow_up", "réemploi et réutilisation c'est pas pareil ?", "usage identique"),
    ],
)
def test_the_term_asked_answers(intent: str, text: str, expected: str) -> None:
    assert expected in answer(intent, text, "ask_agec" if intent == "follow_up" else "")[:250]


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("c'est quoi l'achat local ?", "achat local"),
        ("achat local, définition ?", "achat local"),
        ("au niveau national, ça veut dire quoi « achat local » ?", "achat local"),
        ("on est en procedure adaptee pour le nettoyage, un MAPA c'est quoi exactement ?", "mapa"),
        ("clause de non concurrence dans un marché public, ça désigne quoi ?", "clause de non concurrence"),
        ("c'est quoi un facilitateur IRVEC ?", "facilitateur irvec"),
        ("label TRIMAT c'est quoi ?", "label trimat"),
    ],
)
def test_terms_the_sources_lack(text: str, term: str) -> None:
    assert unknown_term(text, WORDS) == term


@pytest.mark.parametrize(
    "text",
    [
        "c'est quoi un achat durable ?",
        "c'est quoi un facilitateur ?",
        "c'est quoi le facilitateur de la clause sociale ?",
        "c'est quoi un marché réservé ?",
    ],
)
def test_known_terms_are_not_said_unknown(text: str) -> None:
    assert unknown_term(text, WORDS) is None


def test_an_action_asked_is_no_unknown_term() -> None:
    assert unknown_term("ça veut dire quoi « réserver un lot » dans un marché public ?", WORDS) is None
    assert says_an_action("ça veut dire quoi « réserver un lot » ?", "reserver un lot", WORDS)
    assert not says_an_action("c'est quoi le calendrier scolaire ?", "calendrier scolaire", WORDS)


def test_kinds_of_purchase() -> None:
    assert names_a_kind_of_purchase("achat local", WORDS)
    assert not names_a_kind_of_purchase("achat durable", WORDS)
    assert not names_a_kind_of_purchase("achats de", WORDS)
    assert not names_a_kind_of_purchase("achat public", WORDS)
    assert not names_a_kind_of_purchase("achats concernes", WORDS)
    assert not names_a_kind_of_purchase("achat concerne", WORDS)


def test_an_acronym_after_a_topic_word() -> None:
    assert named_by_unknown_acronym("c'est quoi un facilitateur IRVEC ?", "facilitateur irvec", WORDS)
    assert not named_by_unknown_acronym("c'est quoi un facilitateur PLIE ?", "facilitateur plie", WORDS)
    assert not named_by_unknown_acronym("c'est quoi le facilitateur local ?", "facilitateur local", WORDS)


def test_a_definition_read_as_a_request_for_a_person() -> None:
    reply = term_asked_reply(KNOWLEDGE, Context(intent="ask_human", text="ESS ca veut dire quoi"))
    assert reply is not None and "économie sociale et solidaire" in reply.text
    unknown = term_asked_reply(KNOWLEDGE, Context(intent="ask_human", text="c'est quoi l'achat local ?"))
    assert unknown is not None and unknown.text.startswith("Je n'ai pas de définition")
    assert term_asked_reply(KNOWLEDGE, Context(intent="ask_human", text="je veux parler à un humain")) is None


@pytest.mark.parametrize(
    ("text", "entry_id"),
    [
        ("un ACI c'est quoi pour une commune de Dordogne ?", "aci"),
        ("Mairie de Tours : l'IAE, qu'est-ce que c'est ?", "siae"),
    ],
)
def test_a_term_asked_with_the_buyer_around_it(text: str, entry_id: str) -> None:
    assert asks_term_itself(text, entry(text, entry_id))


def test_a_term_of_the_trade_read_as_out_of_scope() -> None:
    reply = domain_term_reply(KNOWLEDGE, "c'est quoi la procédure adaptée ?")
    assert reply is not None and "procédure adaptée" in reply.text
    assert domain_term_reply(KNOWLEDGE, "c'est quoi le PSG ?") is None
    assert domain_term_reply(KNOWLEDGE, "c'est quoi la recette de la tarte tatin ?") is None


def test_a_clause_named_alone_with_a_word_the_sources_lack() -> None:
    assert unknown_follow_up_term("et la clause molière ?", WORDS) == "clause moliere"
    assert unknown_follow_up_term("et la clause sociale ?", WORDS) is None
    assert unknown_follow_up_term("et Marseille ?", WORDS) is None
    assert "clause molière" in answer("ask_social_clause", "et la clause molière ?")[:80]
