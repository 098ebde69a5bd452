"""Issue 11, context first (dev set tests/dev/context_first_10.yml): the buyer's body read right (« la
PMI » is a département's service, a régie municipale is public), a topic the buyer rules out, several
AGEC categories named, a long introduction that asks nothing, a self-introduction not read as « who may
use it », a closed question on the guichet vert answered « Non » with a place.

Pure rules and the routing run without Rasa. The sentences differ from the dev set's.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import places
from actions.actions import gives_detail
from actions.agec_route import AGEC_DENIED
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.understanding import WHO, aspects
from nlu_components.buyer_type import BuyerTypeRules, find_buyer_types, plausible_span
from textnorm import question_form

KNOWLEDGE = knowledge_base()


def run(intent: str, text: str, place: Optional[str] = None, **fields: Any) -> str:
    found = places.resolve_text(place) if place else None
    ctx = Context(intent=intent, text=text, question=intent, place_in_message=found, place=found, **fields)
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


def test_the_pmi_of_a_departement_is_no_company() -> None:
    text = "Département du Gers, on équipe un centre de PMI en tables à langer. Taux AGEC ?"
    start = text.index("PMI")
    assert not plausible_span(text, start, start + 3)
    tagged = {"entity": "buyer_type", "value": "tpe_pme", "start": start, "end": start + 3}
    values = [e["value"] for e in BuyerTypeRules().reconcile(text, [tagged])]
    assert "tpe_pme" not in values and "collectivite" in values
    # a PMI that buys (a small industry) is still a company
    assert [m["value"] for m in find_buyer_types("je dirige une PMI de mécanique")] == ["tpe_pme"]


def test_a_regie_municipale_is_a_public_body() -> None:
    assert [m["value"] for m in find_buyer_types("nous sommes une régie communale des eaux")] == [
        "collectivite"
    ]


def test_a_topic_ruled_out_is_not_answered() -> None:
    for text in (
        "ça ne concerne pas la loi AGEC : quels labels pour nos lessives ?",
        "rien à voir avec l'AGEC, je cherche un écolabel pour le papier toilette",
    ):
        assert AGEC_DENIED.search(question_form(text))
    assert not AGEC_DENIED.search(question_form("la loi AGEC concerne nos chaises ?"))


def test_two_categories_named_are_both_answered() -> None:
    text = "Mairie : on achète des cartouches d'encre et du papier, ces catégories sont dans l'AGEC ?"
    answer = run("ask_agec", text, buyer_in_message="collectivite", buyer_type="collectivite")
    assert "Consommables d'impression" in answer and "« Papier »" in answer
    # "mobilier urbain" is not also "mobilier"
    urban = run(
        "ask_agec", "Commune : des bancs, du mobilier urbain, quel taux AGEC ?", buyer_type="collectivite"
    )
    assert "Mobilier et aménagement" not in urban


def test_a_long_introduction_that_asks_nothing_is_acknowledged() -> None:
    here = places.resolve_text("Mende")
    ctx = Context(intent="nlu_fallback", text="", place_in_message=here, place=here)
    ranking: List[Dict[str, Any]] = [{"name": "ask_agec", "confidence": 0.3}]
    statement = (
        "Petite commune de 2 500 habitants en Lozère, nous renouvelons cette année la flotte de véhicules."
    )
    assert gives_detail(ctx, statement, ranking)
    request = (
        "Petite commune de 2 500 habitants en Lozère, nous cherchons de l'aide sur la flotte de véhicules."
    )
    assert not gives_detail(ctx, request, ranking)


def test_a_self_introduction_is_not_asking_who_may_use_it() -> None:
    assert WHO not in aspects("Commune d'Albi : le guichet vert peut-il rédiger notre CCTP ?")
    assert WHO in aspects("les communes peuvent-elles saisir le guichet vert ?")


def test_a_closed_question_on_the_guichet_vert_with_a_place_is_answered_no() -> None:
    answer = run("ask_guichet_vert", "Ville de Dole : le guichet vert peut-il corriger notre DCE ?", "Dole")
    assert "Non : il ne fournit ni relecture" in answer


def test_the_clause_on_the_other_topic_does_not_ask_the_first_one() -> None:
    text = "Agglo de Nevers : quel réseau régional pour nous, et le guichet vert c'est payant ?"
    answer = run("ask_network", text, "Nevers", buyer_in_message="collectivite", buyer_type="collectivite")
    assert "gratuit" in answer
    assert "ne figure pas dans mes sources" not in answer
