"""Conversations and buyer-type statements (wt-conv14, tests/dev/conversations_14.yml).

Pure functions, no server: the buyer-type lexicon (nlu_components/buyer_type.py), who may use a service
(actions/understanding.aspects), the State buyers' sentence, an obligation asked of no topic and the
subject of an unknown date (actions/routing.py, actions/unknown_subject.py). Sentences differ from the
dev set.
"""

from __future__ import annotations

from typing import List

import pytest

from actions.audience import state_sentence_for
from actions.followup import MAYBE_STATE_BUYERS, STATE_BUYERS
from actions.knowledge import knowledge_base
from actions.no_topic import which_obligation
from actions.render import Reply
from actions.route_types import Context
from actions.routing import route
from actions.understanding import WHO, aspects
from actions.unknown_subject import subject_of
from nlu_components.buyer_type import BuyerTypeRules, find_buyer_types

KNOWLEDGE = knowledge_base()


def types_in(text: str) -> List[str]:
    return [found["value"] for found in find_buyer_types(text) if not found["negated"]]


# --- the buyer's own body ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the longer body wins over « une société » inside it
        ("nous sommes une société d'économie mixte d'aménagement", ["entreprise_publique_locale"]),
        ("on est une société publique locale", ["entreprise_publique_locale"]),
        ("notre société vend du mobilier", ["entreprise"]),
        # who buys from private companies is not one
        ("on est une commune et on commande chez des PME locales", ["collectivite"]),
        ("notre mairie achète auprès d'entreprises privées", ["collectivite"]),
        # the one who takes care of the purchases names their body
        ("je m'occupe des achats d'une association sportive", ["organisme_prive"]),
        ("gestionnaire d'une fondation, on veut acheter mieux", ["organisme_prive"]),
    ],
)
def test_the_buyers_own_body(text: str, expected: List[str]) -> None:
    assert types_in(text) == expected


def test_a_body_tagged_as_a_product_is_dropped() -> None:
    text = "en fait je suis à la communauté de communes"
    start = text.index("communauté")
    product = {"entity": "product", "start": start, "end": len(text), "value": "communauté de communes"}
    kept = BuyerTypeRules.reconcile(object.__new__(BuyerTypeRules), text, [product])
    assert [entity["entity"] for entity in kept] == ["buyer_type"]


# --- who may use it, asked after the buyer type ------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "on est une SEM, ça fonctionne pour nous ?",
        "nous c'est une asso, on peut quand même l'utiliser ?",
        "on y a droit ?",
    ],
)
def test_who_may_use_it(text: str) -> None:
    assert WHO in aspects(text)


@pytest.mark.parametrize("text", ["comment ça marche ?", "on peut le saisir comment ?"])
def test_how_it_works_is_no_audience_question(text: str) -> None:
    assert WHO not in aspects(text)


def answer(intent: str, text: str, **fields) -> str:
    ctx = Context(intent=intent, text=text, question=intent, **fields)
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


def test_a_private_buyer_asking_what_the_guichet_is_gets_what_it_is_then_whom_it_serves() -> None:
    text = answer("ask_guichet_vert", "et ce guichet vert c'est quoi exactement ?", buyer_type="entreprise")
    assert "conseil environnemental" in text
    assert "Conseillers-Entreprises" in text


# --- the State buyers' sentence ----------------------------------------------------------------------------

GUICHET = Reply(f"Le guichet vert est un service gratuit.\n{STATE_BUYERS}\nVérifiez qu'il est ouvert.")


@pytest.mark.parametrize("buyer", ["collectivite", "hopital", "entreprise_publique_locale", "entreprise"])
def test_the_state_sentence_is_not_for_other_buyers(buyer: str) -> None:
    text = state_sentence_for(GUICHET, buyer).text
    assert STATE_BUYERS not in text
    assert text.splitlines() == ["Le guichet vert est un service gratuit.", "Vérifiez qu'il est ouvert."]


def test_a_public_body_of_unclear_side_gets_the_conditional_sentence() -> None:
    text = state_sentence_for(GUICHET, "etablissement_public").text
    assert STATE_BUYERS not in text and MAYBE_STATE_BUYERS in text


def test_a_state_buyer_sent_to_the_guichet_vert_is_told_its_referents_first() -> None:
    reply = Reply("Sollicitez le guichet vert de votre région.\nTout achat peut intégrer l'environnement.")
    lines = state_sentence_for(reply, "etat").text.splitlines()
    assert lines[1] == STATE_BUYERS
    assert state_sentence_for(GUICHET, "etat") == GUICHET  # said once
    assert state_sentence_for(Reply("Le facilitateur calibre la clause."), "etat").text.count("\n") == 0


def test_a_ministry_buyer_asking_for_advice_is_told_its_referents() -> None:
    text = answer(
        "ask_environmental_considerations",
        "au ministère, qui peut nous conseiller sur un critère environnemental ?",
        buyer_in_message="etat",
    )
    assert "référents internes" in text


# --- an obligation asked of no topic; the subject of an unknown date ----------------------------------


@pytest.mark.parametrize("text", ["et l'obligation, c'est depuis quand ?", "obligatoire depuis quand ?"])
def test_an_obligation_of_no_topic_is_asked_which(text: str) -> None:
    reply = which_obligation(text)
    assert reply is not None and reply.text.startswith("De quelle obligation")
    assert {button["payload"] for button in reply.buttons} >= {"/ask_agec", "/ask_climate_law"}


@pytest.mark.parametrize(
    "text", ["l'obligation agec c'est depuis quand ?", "comment ça marche ?", "quelle date ?"]
)
def test_no_obligation_menu(text: str) -> None:
    assert which_obligation(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "c'est en vigueur depuis quand pour l'acheteur public ?",
        "ça s'applique quand pour une mairie ?",
        "c'est quand pour les collectivités ?",
    ],
)
def test_the_buyer_is_never_the_subject_of_a_date(text: str) -> None:
    subject = subject_of(text) or ""
    assert not any(word in subject for word in ("acheteur", "mairie", "collectivit"))


def test_the_thing_dated_stays_the_subject() -> None:
    assert (
        subject_of("c'est quand la prochaine rencontre de 3AR ?")
        == "la date de la prochaine rencontre de 3AR"
    )


# --- follow-ups: an obligation that is none; who reviews a document; a typo in a topic's name -----------

ADVICE = (
    "Le facilitateur suit l'exécution de la clause. Y recourir n'est pas obligatoire mais vivement "
    "conseillé."
)


def test_since_when_of_an_advice_says_there_is_no_obligation() -> None:
    from actions.followup import no_obligation_reply

    reply = no_obligation_reply("et l'obligation elle date de quand ? depuis quand ?", ADVICE)
    assert reply is not None and reply.text.startswith("Ce n'est pas une obligation")
    assert "n'est pas obligatoire" in reply.text
    assert no_obligation_reply("depuis quand l'obligation ?", "Les CCAG de 2021 s'appliquent.") is None
    assert no_obligation_reply("c'est gratuit ?", ADVICE) is None


def test_who_reviews_a_document_is_who_advises() -> None:
    from actions.topic_choice import WHO_ADVISES

    assert WHO_ADVISES.search("qui peut relire nos pieces de marche ?")
    assert WHO_ADVISES.search("qui pourrait nous verifier le ccTP ?".lower())
    assert not WHO_ADVISES.search("on doit relire le cahier des charges ?")


def test_a_social_clause_without_its_e_is_named() -> None:
    from actions.understanding import named_topics

    assert named_topics("clause social dans un marche de voirie ?") == ["ask_social_clause"]
