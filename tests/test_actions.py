"""Every custom action, run as the action server runs it: a CollectingDispatcher and a Tracker."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswer, ActionCapabilities, ActionClarify, ActionDetails
from actions.reply import MAX_ANSWER_WORDS, word_count

DOMAIN: Dict[str, Any] = {
    "slots": {
        "location": {},
        "buyer_type": {},
        "product": {},
        "question": {},
        "pending_question": {},
        "awaiting_location": {},
    }
}


def make_tracker(
    text: str,
    intent: str,
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    ranking: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities or [],
        "intent_ranking": ranking or [{"name": intent, "confidence": 0.9}],
    }
    all_slots = {
        "location": None,
        "buyer_type": None,
        "product": None,
        "question": None,
        "pending_question": None,
        "awaiting_location": None,
    }
    all_slots.update(slots or {})
    return Tracker("test-user", all_slots, latest, [], False, None, {}, "action_listen")


def location(value: str) -> Dict[str, Any]:
    return {"entity": "location", "value": value, "start": 0, "end": 1, "extractor": "LocationExtractor"}


async def run_answer(tracker: Tracker) -> tuple:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, tracker, DOMAIN)
    return dispatcher.messages, events


def texts(messages: List[Dict[str, Any]]) -> str:
    """Everything the user can read: the short answers and, behind « En savoir plus », their details."""
    parts = []
    for message in messages:
        parts.append(message.get("text") or "")
        parts.append((message.get("custom") or {}).get("details") or "")
    return "\n".join(parts)


def first_text(messages: List[Dict[str, Any]]) -> str:
    """What the user reads first: the text of the first message."""
    return messages[0].get("text") or ""


def short_answer(messages: List[Dict[str, Any]]) -> str:
    """The answer itself, without the sources line that text-only clients get."""
    return (messages[0].get("custom") or {}).get("answer") or first_text(messages)


def sources(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    return [source for message in messages for source in (message.get("custom") or {}).get("sources", [])]


def links(messages: List[Dict[str, Any]]) -> List[str]:
    found = []
    for message in messages:
        custom = message.get("custom") or {}
        found += [item["url"] for item in custom.get("links", []) + custom.get("detail_links", [])]
    return found


async def test_agec_office_supplies_names_the_category_and_links_the_annex() -> None:
    tracker = make_tracker(
        "La loi AGEC s'applique-t-elle à mon marché de fournitures de bureau ?",
        "ask_agec",
        entities=[{"entity": "product", "value": "fournitures_bureau"}],
        slots={"question": "ask_agec"},
    )
    messages, _ = await run_answer(tracker)
    text = texts(messages)
    assert "« Fournitures de bureau »" in text
    assert "annexe" in text and sources(messages)
    # Who buys changes the answer: it is asked back, with the product kept in the payload.
    assert "Pour qui achetez-vous ?" in first_text(messages)
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert '/inform{"buyer_type": "entreprise", "product": "fournitures_bureau"}' in payloads
    assert payloads[0] == "/more_details"


async def test_agec_for_a_local_authority_says_yes_with_the_category_first() -> None:
    tracker = make_tracker(
        "La loi AGEC s'applique-t-elle à mon achat de mobilier de bureau ?",
        "ask_agec",
        entities=[{"entity": "product", "value": "mobilier"}],
        slots={"question": "ask_agec", "buyer_type": "collectivite"},
    )
    messages, _ = await run_answer(tracker)
    first = first_text(messages)
    assert first.startswith("Oui : l'article 58 de la loi AGEC vise")
    assert (
        "20 % en 2024 issus du réemploi" in first and word_count(short_answer(messages)) <= MAX_ANSWER_WORDS
    )
    assert {b["payload"] for b in messages[0]["buttons"]} >= {"/ask_agec_declaration", "/ask_guichet_vert"}


async def test_agec_finds_the_category_from_keywords_without_entity() -> None:
    tracker = make_tracker(
        "loi agec pour l'achat de ramettes de papier", "ask_agec", slots={"question": "ask_agec"}
    )
    text = texts((await run_answer(tracker))[0])
    assert "« Papier »" in text


async def test_agec_for_a_private_company_says_it_does_not_apply() -> None:
    tracker = make_tracker(
        "la loi agec s'applique à mon entreprise pour des chaises ?",
        "ask_agec",
        slots={"question": "ask_agec", "buyer_type": "entreprise"},
    )
    messages, _ = await run_answer(tracker)
    first = first_text(messages)
    assert first.startswith("Non : l'article 58 de la loi AGEC ne s'applique pas aux achats des entreprises")
    assert "Oui" not in first
    assert [b["payload"] for b in messages[0]["buttons"]] == ["/more_details", "/ask_private_support"]


async def test_agec_without_product_asks_for_it_with_buttons() -> None:
    tracker = make_tracker("la loi agec me concerne ?", "ask_agec", slots={"question": "ask_agec"})
    messages, _ = await run_answer(tracker)
    assert "Quel type de produit" in texts(messages)
    assert any(b["payload"].startswith("/ask_agec{") for b in messages[0]["buttons"])


async def test_network_for_rennes_is_reseco_and_the_place_is_remembered() -> None:
    tracker = make_tracker(
        "Quel réseau pour un acheteur à Rennes ?",
        "ask_network",
        entities=[location("commune:35238")],
        slots={"question": "ask_network"},
    )
    messages, events = await run_answer(tracker)
    text = texts(messages)
    assert "Rennes" in text and "Bretagne" in text and "RESECO" in text
    assert "votre réseau régional d'achats durables : RESECO" in text
    assert SlotSet("location", "commune:35238") in events


async def test_the_most_precise_known_place_of_the_message_is_remembered() -> None:
    entities = [
        location("region:53"),
        location("commune:00000"),
        location("departement:29"),
        location("departement:35"),
    ]
    tracker = make_tracker(
        "Quel réseau dans le Finistère ou l'Ille-et-Vilaine, en Bretagne ?",
        "ask_network",
        entities=entities,
        slots={"question": "ask_network", "location": "commune:59350"},
    )
    messages, events = await run_answer(tracker)
    assert "Finistère" in texts(messages)
    assert SlotSet("location", "departement:29") in events


async def test_region_without_known_network_gets_national_contacts() -> None:
    tracker = make_tracker(
        "réseau en Corse ?",
        "ask_network",
        entities=[location("region:94")],
        slots={"question": "ask_network"},
    )
    messages, _ = await run_answer(tracker)
    text = texts(messages)
    assert "je ne connais pas de réseau régional" in first_text(messages)
    assert "achats-durables.gouv.fr" in text
    assert (
        "https://achats-durables.gouv.fr/reseaux-nationaux-locaux-accompagner-acheteurs-publics-11"
        in links(messages)
    )


@pytest.mark.parametrize(
    ("region", "carrier"),
    [("27", "ARNia"), ("04", "Maison de l'emploi du Nord"), ("93", "ARBE")],
)
async def test_guichet_vert_carriers_are_not_called_the_regional_network(region: str, carrier: str) -> None:
    place = [location(f"region:{region}")]
    tracker = make_tracker("quel réseau ?", "ask_network", entities=place, slots={"question": "ask_network"})
    messages, _ = await run_answer(tracker)
    text = texts(messages)
    assert "je ne connais pas de réseau régional" in first_text(messages)
    assert "votre réseau régional d'achats durables" not in text
    assert carrier in text and "guichet vert" in text
    assert "Certaines informations sur cette structure restent à confirmer" in text
    assert "achats-durables.gouv.fr" in text


async def test_network_caveat_shows_for_partially_verified_networks() -> None:
    tracker = make_tracker(
        "réseau Lille", "ask_network", entities=[location("region:32")], slots={"question": "ask_network"}
    )
    text = texts((await run_answer(tracker))[0])
    assert "APuRe" in text and "Certaines informations sur ce réseau restent à confirmer" in text


async def test_guichet_vert_gives_the_course_examples_when_asked() -> None:
    tracker = make_tracker(
        "quels types de demandes peut-on faire au guichet vert ?",
        "ask_guichet_vert",
        slots={"question": "ask_guichet_vert"},
    )
    messages, _ = await run_answer(tracker)
    text = texts(messages)
    assert "fournitures de bureau" in text and "matériaux biosourcés" in text
    assert "formation des assistants maternels" in text
    assert sources(messages)[0]["title"] == "Cours : Appuyez-vous sur des réseaux nationaux et locaux"


async def test_guichet_vert_with_a_place_adds_the_details_asked() -> None:
    tracker = make_tracker(
        "comment fonctionne le guichet vert à Dijon ?",
        "ask_guichet_vert",
        entities=[location("region:27")],
        slots={"question": "ask_guichet_vert"},
    )
    text = texts((await run_answer(tracker))[0])
    assert "porté par l'ARNia" in text and "charte du guichet vert" in text and "réponse écrite" in text


async def test_correction_reanswers_the_pending_question_for_the_new_place() -> None:
    tracker = make_tracker(
        "non, plutôt en Bretagne",
        "inform",
        entities=[location("region:53")],
        slots={"question": "ask_network", "location": "commune:59350"},
    )
    messages, events = await run_answer(tracker)
    assert "RESECO" in texts(messages)
    assert SlotSet("location", "region:53") in events


async def test_guichet_vert_uses_the_remembered_region() -> None:
    tracker = make_tracker(
        "et le guichet vert ?",
        "ask_guichet_vert",
        slots={"question": "ask_guichet_vert", "location": "commune:75056"},
    )
    text = texts((await run_answer(tracker))[0])
    assert "Île-de-France" in text and "Maximilien" in text


async def test_guichet_vert_without_place_invites_to_give_it() -> None:
    # what it is does not depend on the place (holdout 15): the place is asked only for the buyer's own desk
    tracker = make_tracker(
        "c'est quoi le guichet vert", "ask_guichet_vert", slots={"question": "ask_guichet_vert"}
    )
    text = texts((await run_answer(tracker))[0])
    assert "Dites-moi où vous travaillez" not in text
    tracker = make_tracker(
        "un guichet vert près de chez moi ?", "ask_guichet_vert", slots={"question": "ask_guichet_vert"}
    )
    text = texts((await run_answer(tracker))[0])
    assert "Dites-moi où vous travaillez" in text


async def test_facilitator_without_local_entry_routes_to_regional_and_national_contacts() -> None:
    tracker = make_tracker(
        "facilitateur clause sociale à Quimper",
        "ask_facilitator",
        entities=[location("commune:29232")],
        slots={"question": "ask_facilitator"},
    )
    text = texts((await run_answer(tracker))[0])
    assert "Quimper" in text
    assert "Alliance Villes Emploi" in text
    assert "plus de 500 facilitateurs" in text and "185 nouveaux facilitateurs" in text  # the course's facts


async def test_inform_before_any_question_acknowledges_and_offers_a_menu() -> None:
    tracker = make_tracker("je suis à Quimper", "inform", entities=[location("commune:29232")])
    messages, _ = await run_answer(tracker)
    assert "C'est noté" in texts(messages) and "Quimper" in texts(messages)
    assert messages[0]["buttons"]


@pytest.mark.parametrize(
    "question",
    [
        "ask_biosourced",
        "ask_environmental_considerations",
        "ask_social_clause",
        "ask_rapidd",
        "ask_pnad",
        "ask_climate_law",
        "ask_cna",
        "ask_reserved_contracts",
        "ask_marche_inclusion",
        "ask_private_support",
    ],
)
async def test_every_topic_answer_is_sourced_french_text(question: str) -> None:
    tracker = make_tracker("question", question, slots={"question": question})
    messages, _ = await run_answer(tracker)
    text = texts(messages)
    assert sources(messages) and all(source["url"].startswith("http") for source in sources(messages))
    assert "https://" not in text and "http://" not in text
    assert "{" not in text and "None" not in text
    assert word_count(first_text(messages)) <= MAX_ANSWER_WORDS
    assert first_text(messages) == short_answer(messages)  # sources are never in the text


@pytest.mark.parametrize(
    ("message", "expected", "absent"),
    [
        (
            "Je lance un marché de formation des assistants maternels, que faire pour l'environnement ?",
            "Pour une formation",
            "Pour des repas",
        ),
        ("comment verdir notre marche de restauration collective", "Pour des repas", "Pour une formation"),
        ("considérations environnementales pour un SEMINAIRE", "Pour un événement", "Pour des repas"),
        ("comment verdir un achat de prestations juridiques", "Tout achat", "idées à adapter"),
    ],
)
async def test_environmental_answer_gives_ideas_for_the_purchase_named(
    message: str, expected: str, absent: str
) -> None:
    question = "ask_environmental_considerations"
    tracker = make_tracker(message, question, slots={"question": question})
    text = texts((await run_answer(tracker))[0])
    assert expected in text and absent not in text
    assert "guichet vert" in text


async def test_clarify_offers_the_likely_topics() -> None:
    tracker = make_tracker(
        "le truc dont parlaient mes collègues ?",
        "nlu_fallback",
        ranking=[{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_rapidd", "confidence": 0.35}],
    )
    dispatcher = CollectingDispatcher()
    events = await ActionClarify().run(dispatcher, tracker, DOMAIN)
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/ask_rapidd"
    assert SlotSet("pending_question", "ask_rapidd") in events


async def test_clarify_answers_a_message_that_names_a_service() -> None:
    tracker = make_tracker(
        "rapid ?",
        "nlu_fallback",
        ranking=[{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_cna", "confidence": 0.35}],
    )
    dispatcher = CollectingDispatcher()
    events = await ActionClarify().run(dispatcher, tracker, DOMAIN)
    assert "RAPIDD" in dispatcher.messages[0]["text"]
    assert SlotSet("question", "ask_rapidd") in events


async def test_an_unknown_place_after_the_place_question_is_said_unknown() -> None:
    tracker = make_tracker("zzzz", "inform", slots={"question": "ask_facilitator", "awaiting_location": True})
    messages, events = await run_answer(tracker)
    assert "pas reconnu ce lieu" in texts(messages)
    assert SlotSet("awaiting_location", True) not in events  # still awaited: unchanged


def test_a_new_session_carries_over_only_the_final_slot_values() -> None:
    from actions.session import carried_slots

    slots = {"location": "region:53", "buyer_type": None, "question": "ask_network"}
    slots["requested_slot"] = "location"
    carried = carried_slots(slots, {"session_config": {"carry_over_slots_to_new_session": True}})
    expected = [("location", "region:53"), ("question", "ask_network")]
    assert [(e["name"], e["value"]) for e in carried] == expected
    assert carried_slots(slots, {"session_config": {"carry_over_slots_to_new_session": False}}) == []


async def test_more_details_shows_the_details_of_the_latest_answer_without_nlu() -> None:
    question = make_tracker("c'est quoi le PNAD ?", "ask_pnad", slots={"question": "ask_pnad"})
    answered, _ = await run_answer(question)
    bot_event = {"event": "bot", "text": answered[0]["text"], "data": {"custom": answered[0]["custom"]}}
    tracker = Tracker(
        "test-user",
        {},
        {"text": "/more_details", "intent": {"name": "more_details"}},
        [bot_event],
        False,
        None,
        {},
        "action_listen",
    )
    dispatcher = CollectingDispatcher()
    await ActionDetails().run(dispatcher, tracker, DOMAIN)
    details = dispatcher.messages[0]
    assert details["text"] == answered[0]["custom"]["details"]
    assert "15 mars 2022" in details["text"] and "dimension environnementale" in details["text"]
    assert details["custom"]["kind"] == "details" and details["custom"]["sources"]
    assert "/more_details" not in [b["payload"] for b in details["buttons"]]


async def test_more_details_without_an_answer_says_so() -> None:
    tracker = make_tracker("/more_details", "more_details")
    dispatcher = CollectingDispatcher()
    await ActionDetails().run(dispatcher, tracker, DOMAIN)
    assert "pas d'autres détails" in dispatcher.messages[0]["text"]


async def test_who_can_help_read_as_capabilities_names_the_public_support_of_a_public_buyer() -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("qui peut m'aider ?", "ask_capabilities", slots={"buyer_type": "collectivite"})
    events = await ActionCapabilities().run(dispatcher, tracker, DOMAIN)
    text = dispatcher.messages[0]["text"]
    assert "réseau régional" in text and "guichet vert" in text
    assert "Conseillers-Entreprises" not in text  # no private support for a public buyer
    assert SlotSet("question", "ask_private_support") in events


async def test_what_can_you_do_gets_the_capabilities() -> None:
    dispatcher = CollectingDispatcher()
    await ActionCapabilities().run(
        dispatcher, make_tracker("tu sais faire quoi ?", "ask_capabilities"), DOMAIN
    )
    assert [message["response"] for message in dispatcher.messages] == ["utter_capabilities"]


async def test_a_public_buyer_said_earlier_gets_the_public_support_only() -> None:
    tracker = make_tracker("qui peut m'aider ?", "ask_capabilities")
    tracker.events = [
        {"event": "user", "text": "je suis acheteur public"},
        {"event": "bot", "text": "Que souhaitez-vous savoir ?"},
        {"event": "user", "text": "qui peut m'aider ?"},
    ]
    dispatcher = CollectingDispatcher()
    await ActionCapabilities().run(dispatcher, tracker, DOMAIN)
    assert len(dispatcher.messages) == 1 and "guichet vert" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["text"].startswith("Comme acheteur public")
