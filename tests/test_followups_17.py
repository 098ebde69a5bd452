"""Follow-ups of stop 29: what the closing note of stop 28 left out and the classes of the holdout-17
development halves, with the negative cases of the review of that work.

Pure functions and route() over the knowledge base, plus the actions run on a fake tracker where the order of
the checks matters: the rates of categories said in two messages of one answer, the other kind of rate
after one category, whom to call (not a phone number), an opinion asked, the topic just answered asked again
for another place or for its audience, the site of the structure just named, a restatement of the answer,
a question DIET read as a yes or a no, the sub-topic named, bare thresholds, suppliers found by a pronoun.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAcknowledge, ActionAnswer
from actions.agec import shown_rates_text
from actions.agec_route import body_asked_about
from actions.context_rules import named_narrower, supplier_search_question
from actions.focus import lead_sentence
from actions.knowledge import knowledge_base
from actions.opinion import OPINION_TEXT, asks_opinion, opinion_reply
from actions.restatement import restatement_reply
from actions.routing import glossary_outcome, route
from actions.structures import structure_site_reply
from actions.topic_choice import audience_of_previous, same_topic_elsewhere
from actions.tracker_context import last_turn_texts
from actions.understanding import WHO, aspects, unknown_detail
from actions.unknowns import asks_published, asks_threshold
from tests.test_context_first import context, joined

KNOWLEDGE = knowledge_base()
UNKNOWN_FIRST = (
    "Je n'ai pas ce chiffre : le taux de la catégorie « Véhicules et pièces détachées » ne figure pas dans "
    "mes sources ; il est fixé par l'annexe du décret n° 2024-134."
)
TWO_SHOWN = (
    "Catégorie « Mobilier urbain » : au moins 5 % en 2024 issus du réemploi ou de la réutilisation ; 20 % "
    "en 2024 intégrant des matières recyclées, en part de la dépense annuelle."
)
ONE_SHOWN = (
    "Catégorie « Mobilier et aménagement d'intérieur » : au moins 20 % en 2024 issus du réemploi ou de la "
    "réutilisation ; 15 % en 2024 intégrant des matières recyclées, en part de la dépense annuelle."
)


# --- an answer in two messages: every category of the turn --------------------------------------------


class FakeTracker:
    def __init__(self, events):
        self.events = events


def test_last_turn_texts_are_every_message_of_the_latest_answer_in_order() -> None:
    tracker = FakeTracker(
        [
            {"event": "user", "text": "le guichet vert ?"},
            {"event": "bot", "text": "ancienne réponse"},
            {"event": "user", "text": "taux mobilier urbain et véhicules ?"},
            {"event": "bot", "text": UNKNOWN_FIRST},
            {"event": "bot", "text": TWO_SHOWN},
            {"event": "user", "text": "et en recyclé ?"},
        ]
    )
    assert last_turn_texts(tracker) == (UNKNOWN_FIRST, TWO_SHOWN)


def test_a_rate_follow_up_keeps_the_category_said_unknown_in_the_first_message() -> None:
    ctx = replace(
        context(
            "follow_up", "et en recyclé, c'est combien ?", question="ask_agec", previous_question="ask_agec"
        ),
        last_answer=TWO_SHOWN + " " + ONE_SHOWN,
        last_turn_answers=(UNKNOWN_FIRST, TWO_SHOWN + " " + ONE_SHOWN),
    )
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "Véhicules et pièces détachées" in text and "Mobilier urbain » : au moins 20 %" in text


# --- the other kind of rate after one category ----------------------------------------------------------


@pytest.mark.parametrize(("text", "rate"), [("et en réemploi ?", "20 %"), ("et en recyclé ?", "15 %")])
def test_the_kind_of_rate_alone_after_one_category_gets_that_rate_only(text: str, rate: str) -> None:
    shown = shown_rates_text(KNOWLEDGE.agec, text, ONE_SHOWN)
    assert shown is not None and f"au moins {rate}" in shown and shown.count("•") == 1


def test_a_rate_question_with_more_words_after_one_category_is_not_cut_to_one_rate() -> None:
    assert shown_rates_text(KNOWLEDGE.agec, "c'est combien pour les chaises ?", ONE_SHOWN) is None


def test_the_kind_of_rate_after_an_agec_answer_is_no_glossary_definition() -> None:
    after_rate = replace(
        context("ask_definition", "et en réemploi ?", question="ask_agec", previous_question="ask_agec"),
        last_answer=ONE_SHOWN,
    )
    assert glossary_outcome(KNOWLEDGE, after_rate) is None
    no_rate_shown = replace(after_rate, last_answer="Vous déclarez ces achats chaque année sur data.gouv.fr.")
    assert glossary_outcome(KNOWLEDGE, no_rate_shown) is not None  # no category shown: the word defined
    first = context("ask_definition", "c'est quoi le réemploi ?", question=None)
    outcome = glossary_outcome(KNOWLEDGE, first)
    assert outcome is not None and "usage identique" in joined(outcome.replies)


# --- whom to call is no phone number ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "qui appeler pour les clauses sociales ?",
        "qui dois-je appeler pour une clause d'insertion ?",
        "on doit appeler qui ?",
    ],
)
def test_whom_to_call_asks_a_contact_not_a_phone_number(text: str) -> None:
    assert unknown_detail(text, []) is None


@pytest.mark.parametrize("text", ["on peut les appeler ?", "je peux appeler le facilitateur ?", "leur tel ?"])
def test_calling_them_still_asks_a_phone_number(text: str) -> None:
    assert "téléphone" in (unknown_detail(text, []) or "")


# --- an opinion asked on the answer just given ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "c'est une mauvaise idée ?",
        "Ça vaut le coup ?",
        "vous me le conseillez ?",
        "à votre avis ?",
        "ce serait une bonne idée ?",
    ],
)
def test_an_opinion_asked_after_an_answer_gets_no_opinion_and_who_advises(text: str) -> None:
    assert asks_opinion(text)
    reply = opinion_reply(text, after_answer=True)
    assert reply is not None and reply.text == OPINION_TEXT and "guichet vert" in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "vous recommandez quel label ?",
        "c'est une bonne idée d'exiger un écolabel pour le papier de toutes nos écoles ?",
        "il fait beau chez vous ?",
        "c'est obligatoire ?",
        "c'est recommandé ?",  # what the sources say (« vivement recommandé »), not an opinion
        "c'est risqué ?",
    ],
)
def test_other_questions_are_no_opinion_asked(text: str) -> None:
    assert not asks_opinion(text)


def test_an_opinion_asked_with_no_answer_before_gets_no_opinion_reply() -> None:
    assert opinion_reply("c'est une bonne idée ?", after_answer=False) is None


# --- the topic just answered, asked again for another place ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("ok et pour le Nord, vers qui me tourner ?", "departement:59", "département du Nord"),
        ("et en Gironde, à qui je m'adresse ?", "departement:33", "département de la Gironde"),
    ],
)
def test_another_place_with_whom_to_turn_to_gets_the_facilitator_there(
    text: str, key: str, expected: str
) -> None:
    ctx = context(
        "ask_private_support", text, key, question="ask_facilitator", previous_question="ask_facilitator"
    )
    assert same_topic_elsewhere(ctx) == "ask_facilitator"
    answer = joined(route(KNOWLEDGE, ctx).replies)
    assert f"facilitateur pour le {expected}" in answer and "publics comme privés" not in answer


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("je suis à Lille, qui peut m'aider ?", "ask_facilitator"),  # the buyer's context, not a turn
        ("et pour Lille, c'est quoi une clause sociale ?", "ask_facilitator"),  # a topic named
        ("et pour Lille ?", "ask_agec"),  # a topic with no local contact
        ("et pour Lille, ça coûte combien ?", "ask_guichet_vert"),  # no contact asked
        ("en tant qu'entreprise privée à Lille, à qui je m'adresse ?", "ask_guichet_vert"),  # a sector said
        ("pour une entreprise de Lille, vers qui me tourner ?", "ask_guichet_vert"),  # a body named
        ("à qui je m'adresse à Lille ?", "ask_facilitator"),  # opens on « à qui », not on the place
    ],
)
def test_other_place_turns_are_not_the_same_topic_elsewhere(text: str, previous: str) -> None:
    ctx = context("inform", text, "commune:59350", question=previous, previous_question=previous)
    assert same_topic_elsewhere(ctx) is None


# --- the site of the structure just named -----------------------------------------------------------------

MAXIMILIEN_DESK = (
    "Le guichet vert de la région Île-de-France est porté par le GIP Maximilien (maximilien.fr)."
)
NORMANDY_DESK = (
    "Je ne sais pas si la région Normandie a un guichet vert ; "
    "le réseau régional (RAN COPER) saura vous orienter."
)


@pytest.mark.parametrize(
    ("text", "last", "site"),
    [
        ("ils ont un site internet ?", MAXIMILIEN_DESK, "Le site du GIP Maximilien : maximilien.fr."),
        ("et leur site web ?", NORMANDY_DESK, "Le site de RAN COPER : ran-coper.fr."),
        ("leur site ?", NORMANDY_DESK, "Le site de RAN COPER : ran-coper.fr."),
    ],
)
def test_the_site_asked_after_a_desk_answer_is_the_site_of_the_structure_it_named(
    text: str, last: str, site: str
) -> None:
    ctx = replace(
        context("follow_up", text, question="ask_guichet_vert", previous_question="ask_guichet_vert"),
        last_answer=last,
    )
    assert structure_site_reply(KNOWLEDGE, ctx).text == site
    assert joined(route(KNOWLEDGE, ctx).replies) == site


def test_no_site_reply_for_a_structure_without_a_known_site_or_another_question() -> None:
    reseco = "Pays de la Loire — votre réseau régional d'achats durables : RESECO."
    unknown = replace(
        context("follow_up", "leur site ?", question="ask_network", previous_question="ask_network"),
        last_answer=reseco,
    )
    assert structure_site_reply(KNOWLEDGE, unknown) is None
    for text in (
        "le site du guichet vert c'est lequel ?",
        "le site achats-durables ?",
        "un site pour les offres ?",
    ):
        other = replace(unknown, text=text, last_answer=NORMANDY_DESK)
        assert structure_site_reply(KNOWLEDGE, other) is None, text


# --- a restatement of the answer just given -----------------------------------------------------------------

SPASER = (
    "Doivent adopter un SPASER (schéma de promotion des achats publics socialement et écologiquement "
    "responsables) les acheteurs dont les achats annuels dépassent 50 millions d'euros depuis le 1er janvier "
    "2023 (100 millions auparavant)."
)
PRIVATE_AGEC = (
    "Non : l'article 58 de la loi AGEC ne s'applique pas aux achats des organismes privés ; il vise l'État, "
    "les collectivités territoriales et leurs groupements.\nRien ne vous empêche de suivre la même démarche."
)


@pytest.mark.parametrize(
    "text",
    [
        "c'était pas 100 millions avant ?",
        "non, c'était pas 100 millions avant ?",
        "c'était pas 50 millions avant ?",  # wrong: 50 millions is today's threshold
        "donc c'est 200 millions ?",
    ],
)
def test_a_restated_figure_gets_the_sentence_that_holds_it_and_no_verdict(text: str) -> None:
    reply = restatement_reply(text, SPASER)
    assert reply is not None and reply.text.startswith("D'après mes sources : doivent adopter un SPASER")
    assert "Oui" not in reply.text and "Non" not in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "donc avec 60 millions on est concernés ?",  # the buyer's own sum: amounts.sum_verdict
        "du coup je dois faire quoi ?",  # a question word: routed
        "du coup le formulaire est où ?",
    ],
)
def test_own_sums_and_questions_are_no_restatement(text: str) -> None:
    assert restatement_reply(text, SPASER) is None


def test_a_restated_obligation_gets_the_sentence_that_says_whom_the_rule_binds() -> None:
    reply = restatement_reply("donc pas d'obligation pour nous ?", PRIVATE_AGEC)
    assert reply is not None
    assert reply.text.startswith("D'après mes sources : l'article 58") and "Non :" not in reply.text


@pytest.mark.parametrize(
    "text",
    [
        "et pour Lyon ?",  # no restatement
        "donc c'est gratuit ?",  # nothing of the answer
        "donc le guichet vert s'applique aussi ?",  # a topic named
        "donc",  # no question
    ],
)
def test_other_messages_are_no_restatement_of_the_answer(text: str) -> None:
    assert restatement_reply(text, PRIVATE_AGEC) is None


# --- who may use the thing just answered (« réservé aux … ») ------------------------------------------------


@pytest.mark.parametrize("text", ["c'est réservé aux acheteurs publics ?", "et c'est réservé aux membres ?"])
def test_reserved_to_an_audience_after_a_topic_asks_who_may_use_that_topic(text: str) -> None:
    ctx = replace(
        context(
            "ask_reserved_contracts", text, question="ask_reserved_contracts", previous_question="ask_rapidd"
        ),
        last_answer="RAPIDD désigne la communauté des achats durables.",
    )
    assert audience_of_previous(ctx) == "ask_rapidd"
    outcome = route(KNOWLEDGE, ctx)
    assert outcome.question == "ask_rapidd"  # the next follow-up is still on RAPIDD
    answer = joined(outcome.replies)
    assert "acheteurs publics" in answer and "ESAT" not in answer


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("un marché réservé aux ESAT, c'est possible ?", "ask_rapidd"),  # the reserved contracts named
        ("c'est réservé aux acheteurs publics ?", "ask_reserved_contracts"),  # already that topic
        ("c'est réservé aux acheteurs publics ?", None),  # nothing answered before
        ("et réserver aux associations, c'est possible ?", "ask_social_clause"),  # reserving a contract
        ("c'est réservé aux collectivités ?", "ask_agec_declaration"),  # a law: who it binds, not a service
    ],
)
def test_reserved_contracts_are_still_read_when_named_or_first(text: str, previous) -> None:
    ctx = context(
        "ask_reserved_contracts", text, question="ask_reserved_contracts", previous_question=previous
    )
    assert audience_of_previous(ctx) is None


# --- the sub-topic named ---------------------------------------------------------------------------------


def test_the_label_named_wins_over_the_materials_read() -> None:
    text = (
        "Projet de crèche en isolation paille, on vise le label bâtiment biosourcé. Quel texte s'applique ?"
    )
    assert named_narrower("ask_biosourced", ["ask_biosourced_label"]) == "ask_biosourced_label"
    assert named_narrower("ask_biosourced_label", ["ask_biosourced"]) is None  # never the broader one
    assert named_narrower("ask_agec", ["ask_biosourced_label"]) is None  # not a pair
    outcome = route(KNOWLEDGE, context("ask_biosourced", text))
    assert outcome.question == "ask_biosourced_label"
    assert joined(outcome.replies).startswith(
        "Le label « bâtiment biosourcé » est régi par l'arrêté du 2 juillet"
    )


def test_a_question_on_the_2030_duty_still_gets_its_detail() -> None:
    topic = KNOWLEDGE.topics["ask_biosourced"]
    for asked in (
        "peut-on imposer du chanvre pour la rénovation lourde d'un collège ?",
        "ça concerne quels bâtiments ?",
    ):
        lead = lead_sentence(asked, topic.answer, topic.details or "")
        assert lead and "rénovations lourdes" in lead


# --- the thresholds asked bare ---------------------------------------------------------------------------


def test_the_thresholds_of_each_level_asked_bare_are_said_unknown_with_their_subject() -> None:
    label = (
        "Le label « bâtiment biosourcé » est régi par l'arrêté du 2 juillet 2024, pour les demandes de "
        "labellisation déposées depuis le 1er septembre 2024."
    )
    ctx = replace(
        context(
            "follow_up",
            "et les seuils pour chaque niveau ?",
            question="ask_biosourced_label",
            previous_question="ask_biosourced_label",
        ),
        last_answer=label,
    )
    assert asks_threshold(ctx.text) and asks_threshold("ses seuils ?")
    for text in (
        "au-dessus du seuil européen, c'est obligatoire ?",
        "les seuils ont changé ?",
        "le seuil a baissé quand ?",
    ):
        assert not asks_threshold(text), text
    assert joined(route(KNOWLEDGE, ctx).replies).startswith(
        "Je n'ai pas ce montant : les seuils pour chaque niveau ne figurent pas dans mes sources."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("et les structures d'insertion du coin, on les trouve où ?", "ask_marche_inclusion"),
        ("des ESAT près de chez nous, on en repère comment ?", "ask_marche_inclusion"),
        ("les SIAE, on les paie comment ?", None),
        ("les SIAE, elles les trouvent où, leurs chantiers ?", None),  # the SIAE find, not the buyer
    ],
)
def test_inclusive_suppliers_named_then_found_by_a_pronoun(text: str, expected) -> None:
    assert supplier_search_question("ask_facilitator", text) == expected


def test_whether_a_decree_is_out_asked_after_a_long_subject_is_said_unknown() -> None:
    asked = "le décret qui définit la « rénovation lourde » pour les 25 % de biosourcés en 2030, paru ?"
    assert asks_published(asked)
    answer = joined(route(KNOWLEDGE, context("ask_biosourced", asked)).replies)
    assert answer.startswith("Je n'ai pas cette information : sa parution ne figure pas dans mes sources.")


@pytest.mark.parametrize(
    "text", ["on a droit au guichet vert ?", "avons-nous droit à RAPIDD ?", "ai-je droit aux webinaires ?"]
)
def test_a_right_to_a_service_asks_who_may_use_it(text: str) -> None:
    assert WHO in aspects(text)


# --- the actions, where the order of the checks matters ---------------------------------------------------

ACTION_DOMAIN = {"slots": {}}
CLIMATE = "ask_climate_law"


def after_answer(text: str, intent: str, answer: str, topic: str) -> Tracker:
    """A tracker whose previous turn answered ``topic`` with ``answer``, then the user wrote ``text``."""
    events = [
        {"event": "user", "text": "la question d'avant", "parse_data": {}},
        {"event": "slot", "name": "question", "value": topic},
        {"event": "bot", "text": answer},
        {"event": "user", "text": text, "parse_data": {}},
    ]
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": [],
        "intent_ranking": [],
    }
    return Tracker("test-17", {"question": topic}, latest, events, False, None, {}, "action_listen")


async def run(action, tracker: Tracker) -> tuple:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, ACTION_DOMAIN)
    return [message.get("text") or message.get("response") for message in dispatcher.messages], events


async def test_a_question_read_as_a_no_is_answered_on_the_answer_just_given() -> None:
    said, events = await run(
        ActionAcknowledge(),
        after_answer("c'était pas 100 millions avant ?", "deny", SPASER, "ask_climate_law"),
    )
    assert said[0].startswith("D'après mes sources : doivent adopter un SPASER")
    assert SlotSet("question", CLIMATE) in events


@pytest.mark.parametrize(
    ("text", "intent"), [("non ça ira", "deny"), ("oui", "affirm"), ("ah bon ?", "deny")]
)
async def test_a_plain_yes_or_no_is_acknowledged(text: str, intent: str) -> None:
    said, events = await run(ActionAcknowledge(), after_answer(text, intent, SPASER, CLIMATE))
    assert said == ["utter_anything_else"] and events == []


async def test_the_buyer_s_own_sum_is_still_compared_with_the_threshold() -> None:
    tracker = after_answer(
        "donc avec 60 millions on est concernés ?", "ask_climate_law", SPASER, "ask_climate_law"
    )
    said, _ = await run(ActionAnswer(), tracker)
    assert said[0].startswith("Oui : avec 60 millions d'euros, vous dépassez le seuil de 50 millions d'euros")


# --- another body asked about after article 58 ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("et la région, elle est concernée elle ?", "collectivite"),
        ("et un département, il est concerné ?", "collectivite"),
        ("et pour un hôpital ?", "hopital"),
        ("et la région Bretagne, elle a un réseau ?", None),  # a place and another question
        ("et le mobilier ?", None),  # a product
    ],
)
def test_a_body_asked_about_is_read_from_the_shared_lexicon(text: str, body) -> None:
    assert body_asked_about(text) == body


def test_another_body_after_article_58_is_answered_for_that_body_and_keeps_the_topic() -> None:
    last = (
        "Pour un établissement public, cela dépend de votre statut : l'article 58 de la loi AGEC vise l'État."
    )
    ctx = replace(
        context(
            "nlu_fallback",
            "et la région, elle est concernée elle ?",
            question="ask_agec",
            previous_question="ask_agec",
            buyer_type="etablissement_public",
        ),
        last_answer=last,
    )
    outcome = route(KNOWLEDGE, ctx)
    assert outcome.question == "ask_agec"
    assert joined(outcome.replies).startswith(
        "Oui : l'article 58 de la loi AGEC vise l'État, les collectivités"
    )
