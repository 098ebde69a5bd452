"""Follow-ups of multi-turn conversations (issue 11, class 5; dev set tests/dev/conversations_8.yml).
The example messages differ from the dev set's."""

from __future__ import annotations

from actions.context_rules import supplier_search_question
from actions.focus import asked_part
from actions.knowledge import knowledge_base
from actions.products import find_product_category
from actions.render import Reply
from actions.repeats import own_clause
from actions.route_types import Context
from actions.routing import route
from actions.unknowns import asks_outcome

KNOWLEDGE = knowledge_base()


def test_a_bare_supplies_word_is_office_supplies_but_a_supplies_contract_is_no_product() -> None:
    category = find_product_category(KNOWLEDGE.agec, None, "idem pour nos fournitures")
    assert category is not None and category.id == "fournitures_bureau"
    assert find_product_category(KNOWLEDGE.agec, None, "nos marchés de fournitures et services") is None


def test_the_context_before_a_question_is_not_the_question() -> None:
    text = "Je suis acheteuse dans une PME. RAPIDD est pour qui ?"
    assert asked_part(text) == "RAPIDD est pour qui ?"
    assert asked_part("RAPIDD, c'est pour qui ?") == "RAPIDD, c'est pour qui ?"


def test_falling_short_of_a_rate_asks_the_penalty_not_the_outcome() -> None:
    assert not asks_outcome("et si nous n'atteignons pas le taux, on risque quoi ?")
    assert asks_outcome("les objectifs ont-ils été atteints ?")


def test_finding_some_after_reserved_contracts_is_a_supplier_search() -> None:
    assert supplier_search_question("ask_reserved_contracts", "et où en trouver dans le Gers ?") == (
        "ask_marche_inclusion"
    )
    assert supplier_search_question("ask_pnad", "et où en trouver ?") is None


def test_a_sentence_read_again_is_cut_to_the_clause_that_answers() -> None:
    topic = KNOWLEDGE.topics["ask_pnad"]
    sentence = "Piloté par le CGDD, il compte 22 actions pour la loi Climat."
    clause = own_clause("mais qui le pilote exactement ?", Reply(sentence), topic)
    assert clause == f"{topic.title} : piloté par le CGDD."
    assert own_clause("et alors ?", Reply(sentence), topic) is None


def test_what_the_law_requires_is_its_content_not_whether_it_binds() -> None:
    ctx = Context(intent="ask_agec", text="cette loi AGEC oblige les mairies à quoi ?", question="ask_agec")
    text = route(KNOWLEDGE, ctx).replies[0].text
    assert "réemploi" in text


def test_a_product_in_a_continuation_after_agec_stays_on_agec() -> None:
    ctx = Context(
        intent="ask_guichet_vert",
        text="et pour les débroussailleuses des agents des espaces verts ?",
        question="ask_guichet_vert",
        previous_question="ask_agec",
        product_in_message="espaces_verts",
    )
    outcome = route(KNOWLEDGE, ctx)
    assert "espaces verts" in outcome.replies[0].text
    assert not outcome.replies[0].text.startswith("Le guichet vert")


def test_a_climate_law_answer_on_the_social_clause_keeps_the_clause_as_topic() -> None:
    ctx = Context(
        intent="ask_climate_law",
        text="avec la loi climat, les clauses d'insertion deviennent obligatoires ?",
        question="ask_climate_law",
    )
    assert route(KNOWLEDGE, ctx).question == "ask_social_clause"


def test_a_price_asked_after_the_agec_rates_is_said_unknown_not_the_rates_again() -> None:
    ctx = Context(intent="follow_up", text="c'est gratuit ?", question="ask_agec", product="mobilier")
    replies = route(KNOWLEDGE, ctx).replies
    assert replies and replies[0].text.startswith("Je n'ai pas ce chiffre : le coût")
