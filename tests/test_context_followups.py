"""Follow-ups that stay on the topic just answered, answer what they ask about the answer just shown, and
messages that are about nothing the knowledge holds (issue 11, multi-turn conversations: dev set
tests/dev/conversations_3.yml). Pure functions of actions/context_rules.py, actions/focus.py and
actions/routing.py; the negated buyer mention of nlu_components/buyer_type.py."""

from __future__ import annotations

from typing import Any

import places
from actions.context_rules import closer_to_previous, held_best_by, unrelated, vocabulary
from actions.focus import lead_sentence
from actions.knowledge import knowledge_base
from actions.render import compose
from actions.route_types import ASK_LOCATION, Context, Outcome
from actions.routing import route
from nlu_components.buyer_type import find_buyer_types

KNOWLEDGE = knowledge_base()
VOCAB = vocabulary(KNOWLEDGE)


def follow(intent: str, text: str, previous: str, **fields: Any) -> Outcome:
    """A message after an answer on ``previous`` (the slot `question` already set by ``intent``)."""
    question = intent if intent.startswith("ask_") else previous
    return route(
        KNOWLEDGE, Context(intent=intent, text=text, question=question, previous_question=previous, **fields)
    )


def test_a_question_whose_words_the_previous_topic_holds_stays_on_it() -> None:
    # "travailleurs handicapés", "minimum": the reserved contracts say it, DIET read the Agefiph
    assert closer_to_previous(
        "ask_reserved_contracts",
        "ask_agefiph",
        "il faut un pourcentage minimum de travailleurs handicapés ?",
        VOCAB,
        False,
    )
    assert closer_to_previous(
        "ask_climate_law", "ask_reserved_contracts", "même pour la défense ?", VOCAB, False
    )
    assert closer_to_previous("ask_cna", "ask_ecolabels", "ils ont un label ?", VOCAB, False)  # a pronoun


def test_a_new_topic_in_other_words_is_not_pulled_back() -> None:
    assert not closer_to_previous(
        "ask_social_clause", "ask_reserved_contracts", "et pour les ESAT ?", VOCAB, False
    )
    # as many words in both, no pronoun: DIET's reading stands
    assert not closer_to_previous(
        "ask_facilitator", "ask_reserved_contracts", "et pour réserver un marché ?", VOCAB, False
    )
    assert not closer_to_previous("ask_cna", "ask_pnad", "c'est quoi le PNAD ?", VOCAB, False)  # named
    assert not closer_to_previous("ask_cna", "ask_ecolabels", "ils ont un label ?", VOCAB, True)  # a detail


def test_the_routed_answer_stays_on_the_topic_just_answered() -> None:
    outcome = follow(
        "ask_agefiph", "il faut un pourcentage minimum de travailleurs handicapés ?", "ask_reserved_contracts"
    )
    assert outcome.question == "ask_reserved_contracts"
    assert "50 %" in outcome.replies[0].text


def test_messages_about_nothing_the_knowledge_holds_are_out_of_scope() -> None:
    assert unrelated("il fait beau chez vous ?", VOCAB, False)
    assert unrelated("tu peux me raconter une blague ?", VOCAB, False)
    purchases = (
        "Je dois remplacer les ampoules de l'éclairage public",
        "On renouvelle le parc de véhicules de la mairie",
        "Quelles exigences pour les uniformes de la police municipale ?",
        "Nos photocopieurs arrivent en fin de bail",
    )
    for text in ("c gratos ?", "et pour les assmat ?", "bon, et en 2030 ?", "qui le pilote ?", *purchases):
        assert not unrelated(text, VOCAB, False), text
    outcome = follow("ask_network", "il fait beau chez vous ?", "ask_agec")
    assert outcome.out_of_scope and not outcome.replies


def test_an_elliptical_follow_up_asks_about_the_detail_just_shown() -> None:
    topic = KNOWLEDGE.topics["ask_biosourced"]
    shown = lead_sentence("il y a une obligation chiffrée ?", topic.answer, topic.details or "")
    assert shown and "25 %" in shown
    # the short answer has a date (the 2020 guide), but "when?" is asked about the 25 % just shown
    again = lead_sentence("à partir de quand ?", topic.answer, topic.details or "", compose([shown]))
    assert again == shown
    # after the short answer itself, "when?" is answered by it: no other sentence leads
    declaration = KNOWLEDGE.topics["ask_agec_declaration"]
    assert (
        lead_sentence("jusqu'à quand ?", declaration.answer, declaration.details or "", declaration.answer)
        is None
    )


def test_a_follow_up_of_one_word_is_answered_by_the_sentence_that_has_it() -> None:
    topic = KNOWLEDGE.topics["ask_cna"]
    lead = lead_sentence("ils ont un label ?", topic.answer, topic.details or "", topic.answer)
    assert lead and "RFAR" in lead


def test_what_happens_without_compliance_is_the_sentence_on_sanctions() -> None:
    topic = KNOWLEDGE.topics["ask_agec_declaration"]
    shown = "• Quand : dans les six mois qui suivent la fin de l'année civile concernée."
    lead = lead_sentence("et si on le fait pas on risque quoi ?", topic.answer, topic.details or "", shown)
    assert lead and "sanction" in lead


def test_who_to_contact_after_the_social_clauses_is_the_facilitator_of_the_place_known() -> None:
    caen = places.resolve_key("commune:14118")
    assert caen is not None
    outcome = follow("follow_up", "qui contacter ?", "ask_social_clause", place=caen)
    assert outcome.question == "ask_facilitator"
    assert "Maison de l'emploi" in outcome.replies[0].text


def test_the_guichet_vert_of_my_region_asks_where_when_no_place_is_known() -> None:
    outcome = route(
        KNOWLEDGE,
        Context(
            intent="ask_guichet_vert",
            text="je voudrais joindre le guichet vert de ma région",
            question="ask_guichet_vert",
        ),
    )
    assert ASK_LOCATION in outcome.replies[0].text and outcome.awaiting_location


def test_a_negated_company_word_is_found_to_remove_the_tag_on_it() -> None:
    found = find_buyer_types("pardon, je travaille pour une mairie, pas une entreprise")
    assert [(m["value"], m["negated"]) for m in found] == [("collectivite", False), ("entreprise", True)]


def test_feminine_participles_share_the_stem_of_the_masculine() -> None:
    topic = KNOWLEDGE.topics["ask_rapidd"]
    lead = lead_sentence("c'est qui qui l'a créée ?", topic.answer, topic.details or "", topic.answer)
    assert lead and "ministère" in lead
    # "aux initiatives locales" does not say who leads: the networks are led by the CGDD
    overview = KNOWLEDGE.topics["ask_networks_overview"]
    lead = lead_sentence(
        "les réseaux territoriaux, pilotés par qui ?", overview.answer, overview.details or ""
    )
    assert lead and "CGDD" in lead


def test_a_follow_up_after_a_clarification_keeps_the_topic_answered_before() -> None:
    outcome = route(
        KNOWLEDGE,
        Context(
            intent="follow_up",
            text="et il y a eu combien de postes créés avec l'appel à projets 2022 ?",
            question="ask_facilitator",
            previous_question="ask_facilitator",
            pending="ask_reserved_contracts",
            after_clarify=True,
        ),
    )
    assert "82" in outcome.replies[0].text


def test_a_question_the_nlu_could_not_read_is_a_follow_up_when_the_last_topic_holds_its_words() -> None:
    assert held_best_by("ask_entreprises_engagent", "il y a des clubs dans chaque département ?", VOCAB)
    assert not held_best_by("ask_guichet_vert", "tu peux me raconter une blague ?", VOCAB)


def test_a_pronoun_after_a_regional_network_asks_about_that_network() -> None:
    occitanie = places.resolve_key("region:76")
    assert occitanie is not None
    outcome = follow("follow_up", "il a été créé quand ?", "ask_network", place=occitanie)
    assert "PNAD 2022-2025" in outcome.replies[0].text
    # "combien" is national: the networks in general
    outcome = follow("follow_up", "et il y en a combien en France ?", "ask_network", place=occitanie)
    assert "11 réseaux" in outcome.replies[0].text


def test_how_to_join_when_no_sentence_says_it_is_said_unknown_first() -> None:
    outcome = follow("follow_up", "comment on adhère ?", "ask_entreprises_engagent")
    assert outcome.replies[0].text.startswith("Je n'ai pas cette information")


def test_a_pronoun_does_not_pull_back_a_question_whose_words_are_another_topics() -> None:
    outcome = follow("ask_reserved_contracts", "et je peux leur réserver le marché ?", "ask_marche_inclusion")
    assert outcome.question != "ask_marche_inclusion"
    assert "réserver" in outcome.replies[0].text


def test_who_helps_with_it_after_a_topic_is_that_topics_territorial_contact() -> None:
    outcome = follow(
        "ask_conseillers_entreprises", "qui peut m'aider à la mettre en place ?", "ask_social_clause"
    )
    assert outcome.question == "ask_facilitator" and outcome.awaiting_location
    outcome = follow("ask_private_support", "vers qui me tourner pour le faire ?", "ask_agec")
    assert outcome.question == "ask_guichet_vert"
    # no pronoun for the topic: who supports buyers in general
    outcome = follow("ask_private_support", "qui peut nous accompagner sur nos achats durables ?", "ask_agec")
    assert outcome.question != "ask_guichet_vert"
    # the message names what it asks help for: not the contact of the topic just answered
    outcome = follow(
        "ask_facilitator", "et pour la clause, qui peut m'aider à la calibrer ?", "ask_ecolabels"
    )
    assert outcome.question != "ask_guichet_vert"
