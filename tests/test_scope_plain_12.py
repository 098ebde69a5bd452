"""Issue 11, dev set tests/dev/scope_plain_12.yml: out-of-scope messages, who helps with a term named,
a buyer's correction that names a subcontractor, and articles of a covered law the knowledge lacks.

The sentences differ from the dev set's."""

from __future__ import annotations

from dataclasses import replace

from actions.knowledge import knowledge_base
from actions.legal_refs import unknown_law_article_reply
from actions.limits import asks_breakdown_help
from actions.routing import route
from nlu_components.buyer_type import find_buyer_types
from nlu_components.retrieval import english_beyond_greeting
from tests.test_context_first import UNSURE, clarify, context, entity, joined, make_tracker

KNOWLEDGE = knowledge_base()
GREET = [{"name": "greet", "confidence": 0.9}, {"name": "out_of_scope", "confidence": 0.05}]


def test_an_english_question_behind_a_greeting_is_not_read_as_hello() -> None:
    assert english_beyond_greeting(GREET, "hi, what is the best restaurant near the office?")
    assert not english_beyond_greeting(GREET, "hello")
    assert not english_beyond_greeting(GREET, "bonjour, c'est quoi le guichet vert ?")


def test_a_device_that_will_not_work_is_a_breakdown() -> None:
    assert asks_breakdown_help("le copieur ne veut pas imprimer, vous pouvez m'aider ?")
    assert not asks_breakdown_help("le fournisseur ne veut pas de clause sociale, vous pouvez m'aider ?")


async def test_who_advises_on_a_term_gets_the_helpers_not_the_definition() -> None:
    tracker = make_tracker(
        "à la cité universitaire on renouvelle les plateaux, qui peut nous conseiller pour du réemploi ?",
        UNSURE,
        [entity("buyer_type", "etablissement_public")],
    )
    text, _ = await clarify(tracker)
    assert "guichet vert" in text and "Au sens du code" not in text


def test_a_correction_naming_a_subcontractor_is_who_the_buyer_is() -> None:
    ctx = context(
        "inform", "non en fait je travaille pour une PME sous-traitante du département", "departement:35"
    )
    ctx = replace(ctx, buyer_in_message="tpe_pme", buyer_type="tpe_pme", question="ask_network")
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "Conseillers-Entreprises" in text and "règles générales" not in text


def test_an_article_of_a_covered_law_the_knowledge_lacks_is_said_unknown() -> None:
    reply = unknown_law_article_reply(KNOWLEDGE, "et son article 60, ça dit quoi ?", "ask_agec", [])
    assert reply and reply.text.startswith("Je n'ai pas le contenu de l'article 60 de la loi AGEC")
    assert reply.links and "legifrance.gouv.fr" in reply.links[0].url
    climate = unknown_law_article_reply(KNOWLEDGE, "l'article 40 de la loi climat ?", None, [])
    assert climate and "loi Climat et résilience" in climate.text
    for known, topic in (
        ("l'article 58 de la loi AGEC ?", None),
        ("et l'article 55 ?", "ask_agec"),
        ("l'article 35 ?", "ask_climate_law"),
        ("l'article L. 2113-13 ?", "ask_agec"),  # a code's article: unknown_article_reply decides
        ("l'article 60 ?", "ask_guichet_vert"),  # no law asked about
    ):
        assert unknown_law_article_reply(KNOWLEDGE, known, topic, []) is None, known


def test_the_body_a_supplier_works_for_is_not_the_buyers_own() -> None:
    found = find_buyer_types("on est une PME, prestataire de la communauté de communes")
    assert [(m["value"], m["negated"]) for m in found if not m["negated"]] == [("tpe_pme", False)]
    assert not find_buyer_types("je suis acheteuse à la mairie de Laval")[0]["negated"]
