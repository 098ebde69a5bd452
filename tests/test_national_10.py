"""National questions with a place or a buyer type, and national follow-ups after a local answer (issue 11,
failure class 3, dev set national_10): no answer asks for a place already known, a place does not turn a
question on a national plan into the local network, « et au niveau national ? » gets the national facts,
a count asked « sur le territoire » is known, a plan's targets lead. Sentences written for these tests, not
taken from the dev sets."""

from __future__ import annotations

from dataclasses import replace

import places
from actions.focus import lead_sentence
from actions.knowledge import knowledge_base
from actions.national import national_scope, only_scope, with_national_facts, without_place_request
from actions.reply import Reply
from actions.route_types import Context, Outcome
from actions.topic_choice import place_pulled_topic
from actions.understanding import counted_noun
from actions.unknowns import asks_threshold, threshold_part

KNOWLEDGE = knowledge_base()
RENNES = places.resolve_key("region:53")


def test_a_known_place_is_not_asked_again() -> None:
    reply = Reply("Il y a 11 réseaux. Pour le vôtre, passez par RAPIDD ou indiquez-moi votre région.")
    ctx = Context(intent="ask_networks_overview", text="combien de réseaux en France ?", place=RENNES)
    text = without_place_request(Outcome([reply]), ctx).replies[0].text
    assert "indiquez-moi" not in text and "RAPIDD" in text
    asked = Reply("Les réseaux aident. Pour connaître le vôtre, dites-moi où vous travaillez (ville).")
    assert "dites-moi" not in without_place_request(Outcome([asked]), ctx).replies[0].text
    # no place known: the offer stays
    unknown = Context(intent="ask_networks_overview", text="combien de réseaux en France ?")
    assert without_place_request(Outcome([reply]), unknown).replies[0].text == reply.text


def test_a_place_does_not_pull_a_national_plan_to_the_local_network() -> None:
    ctx = Context(intent="ask_network", text="CHU de Rennes : qui a écrit le PNAD ?", place_in_message=RENNES)
    assert place_pulled_topic(ctx, ["ask_pnad"]) == "ask_pnad"
    # a request for local help stays local
    helped = Context(
        intent="ask_guichet_vert",
        text="Rennes, labels écologiques : qui peut nous conseiller ?",
        place_in_message=RENNES,
    )
    assert place_pulled_topic(helped, ["ask_ecolabels"]) is None
    # an action topic (verdir un achat) is not a national thing: the territorial reading stays
    assert place_pulled_topic(ctx, ["ask_environmental_considerations"]) is None


def test_national_scope_follow_up() -> None:
    assert only_scope("et à l'échelle nationale alors ?")
    assert only_scope("ok et dans toute la France ?")
    assert not only_scope("et au niveau national, qui finance ?")
    assert national_scope("La mairie de Laval n'y est pour rien : animés par qui au niveau de l'État ?")
    assert national_scope("Commune de Vitré ; de manière générale, qui les emploie ?")


def test_national_facts_lead_a_bare_national_follow_up() -> None:
    topic = KNOWLEDGE.topics["ask_facilitator"]
    reply = with_national_facts(Reply(topic.answer), topic)
    assert "500" in reply.text and "Alliance Villes Emploi" in reply.text
    assert topic.answer in reply.details


def test_scope_after_combien_is_no_counted_noun() -> None:
    assert counted_noun("les facilitateurs, on en compte combien sur tout le territoire ?") is None
    assert counted_noun("ils sont combien dans le pays au total ?") is None


def test_targets_of_a_plan_lead() -> None:
    topic = KNOWLEDGE.topics["ask_pnad"]
    lead = lead_sentence("le plan national, il cible quoi comme part sociale ?", topic.answer, topic.details)
    assert lead and "30 %" in lead
    assert lead_sentence("Le PNAD, quel organisme le pilote ?", topic.answer, topic.details) is None


def test_threshold_asked_in_a_formal_clause() -> None:
    question = (
        "Bonjour, pour notre budget, pourriez-vous m'indiquer le montant au-delà duquel le schéma "
        "devient obligatoire ? Merci."
    )
    assert asks_threshold(question)
    assert threshold_part(question).startswith("pourriez-vous")


def test_a_place_with_does_it_apply_to_us_keeps_the_national_topic() -> None:
    ctx = Context(
        intent="inform",
        text="Mairie de Rennes ici : cela nous concerne ?",
        place_in_message=RENNES,
        previous_question="ask_climate_law",
    )
    assert place_pulled_topic(ctx, []) == "ask_climate_law"
    # after a territorial topic, the place answers it (no national topic to keep)
    assert place_pulled_topic(replace(ctx, previous_question="ask_network"), []) is None


def test_who_runs_a_part_of_the_plan() -> None:
    topic = KNOWLEDGE.topics["ask_pnad"]
    lead = lead_sentence("et le volet social du plan, c'est qui qui le porte ?", topic.answer, topic.details)
    assert lead and "ministère du Travail" in lead
