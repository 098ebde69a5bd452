"""Rasa custom actions: read the conversation, call the pure answer functions, send the reply."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import places
from actions.agec import agec_reply, find_category
from actions.fallback import clarify_reply
from actions.feedback import (  # noqa: F401 - issue 13: votes, handoff
    ActionFeedback,
    ActionHandoff,
    offer_handoff_if_repeated,
    stamp,
)
from actions.knowledge import knowledge_base
from actions.render import BUYER_TYPE_LABELS, Reply
from actions.reply import details_reply, message_buttons, to_payload
from actions.session import ActionSessionStart  # noqa: F401 - the action server serves every Action imported
from actions.territory import facilitator_reply, guichet_vert_reply, network_reply
from actions.topics import topic_reply

logger = logging.getLogger(__name__)

LOCATION_QUESTIONS = frozenset({"ask_network", "ask_facilitator"})
WELCOME_MENU = [
    {"title": "Loi AGEC et mes achats", "payload": "/ask_agec"},
    {"title": "Le guichet vert", "payload": "/ask_guichet_vert"},
    {"title": "Mon réseau régional", "payload": "/ask_network"},
    {"title": "Clauses sociales", "payload": "/ask_social_clause"},
]

ASK_LOCATION = "Où travaillez-vous ? Indiquez une ville, un département (nom ou numéro) ou une région."
NO_DETAILS = "Je n'ai pas d'autres détails sur ce point. Quelle est votre question ?"
LOCATION_NOT_FOUND = (
    "Je n'ai pas reconnu ce lieu. Essayez avec une ville, un numéro de département (par exemple 35) "
    "ou une région."
)

# Loaded when the action server imports this module, not at each message.
KNOWLEDGE = knowledge_base()


def send(dispatcher: CollectingDispatcher, reply: Reply) -> None:
    """One message: the short answer as text (every client shows it), its buttons (plus « En savoir
    plus » when there are details) and, when there is more to show, the whole reply as a custom payload
    that each channel renders in its own idiom (actions/reply.py): sources are never in the text."""
    dispatcher.utter_message(
        text=reply.text,
        buttons=message_buttons(reply) or None,
        json_message=to_payload(reply) if reply.structured else None,
    )


def last_answer_payload(tracker: Tracker) -> Optional[Dict[str, Any]]:
    """The custom payload of the latest answer the assistant sent in this conversation, if any."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            custom = (event.get("data") or {}).get("custom")
            if isinstance(custom, dict) and custom.get("kind") == "answer":
                return custom
    return None


def latest_place(tracker: Tracker) -> Optional[places.Place]:
    """The most precise place named in the latest user message (the first of them on a tie)."""
    entities = tracker.latest_message.get("entities", [])
    key = places.most_precise_key(str(e.get("value")) for e in entities if e.get("entity") == "location")
    return places.resolve_key(key) if key else None


def current_place(tracker: Tracker) -> Optional[places.Place]:
    """The place of the latest message if any, else the one remembered in the `location` slot."""
    remembered = tracker.get_slot("location")
    return latest_place(tracker) or (places.resolve_key(remembered) if remembered else None)


def latest_entity(tracker: Tracker, entity: str) -> Optional[str]:
    values = list(tracker.get_latest_entity_values(entity))
    return str(values[-1]) if values else None


def answer_agec(tracker: Tracker) -> Reply:
    """Product from this message (entity, then keywords); the remembered one only for a follow-up."""
    text = tracker.latest_message.get("text") or ""
    product = latest_entity(tracker, "product")
    category = find_category(KNOWLEDGE.agec, product, text)
    if category is None and tracker.get_intent_of_latest_message() != "ask_agec":
        category = find_category(KNOWLEDGE.agec, tracker.get_slot("product"), "")
    return agec_reply(KNOWLEDGE.agec, category, tracker.get_slot("buyer_type"), message=text)


def answer(question: str, tracker: Tracker) -> Optional[Reply]:
    """The reply to a question intent, or None when the question is not one the assistant answers."""
    place = current_place(tracker)
    topic = KNOWLEDGE.topics.get(question)
    if question == "ask_agec":
        return answer_agec(tracker)
    if question == "ask_guichet_vert" and topic:
        return guichet_vert_reply(KNOWLEDGE, topic, place, message=tracker.latest_message.get("text") or "")
    if question in LOCATION_QUESTIONS and place is None:
        return Reply(ASK_LOCATION)
    if question == "ask_network":
        return network_reply(KNOWLEDGE, place)
    if question == "ask_facilitator" and topic:
        return facilitator_reply(KNOWLEDGE, topic, place)
    return topic_reply(KNOWLEDGE, topic, tracker.latest_message.get("text") or "") if topic else None


def acknowledgement(tracker: Tracker) -> Reply:
    """Reply to an 'inform' that comes before any question."""
    place = current_place(tracker)
    buyer_type = tracker.get_slot("buyer_type")
    noted = []
    if place:
        noted.append(place.label)
    if buyer_type in BUYER_TYPE_LABELS:
        noted.append(f"vous achetez pour {BUYER_TYPE_LABELS[buyer_type]}")
    if not noted:
        return Reply("Que souhaitez-vous savoir ?", WELCOME_MENU)
    return Reply(f"C'est noté : {', '.join(noted)}. Quelle est votre question ?", WELCOME_MENU)


class ActionAnswer(Action):
    """Answers the current question from the knowledge base (also re-answers after a correction)."""

    def name(self) -> str:
        return "action_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        question = tracker.get_slot("question") or ""
        reply = answer(question, tracker) if question else acknowledgement(tracker)
        if reply is None:
            reply = clarify_reply(tracker.latest_message.get("text") or "", [])
        send(dispatcher, stamp(reply, tracker, KNOWLEDGE))
        place = latest_place(tracker)
        return [SlotSet("location", place.key)] if place else []


class ValidateLocationForm(FormValidationAction):
    def name(self) -> str:
        return "validate_location_form"

    def validate_location(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Accept an extracted place key, or find a place in free text; otherwise ask again."""
        place = (
            latest_place(tracker) or places.resolve_key(str(value)) or places.resolve_text(str(value or ""))
        )
        if place:
            return {"location": place.key}
        dispatcher.utter_message(text=LOCATION_NOT_FOUND)
        return {"location": None}


class ActionAskLocation(Action):
    """The location form's question (an action rather than a response, so it can be reworded freely)."""

    def name(self) -> str:
        return "action_ask_location"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        dispatcher.utter_message(text=ASK_LOCATION)
        return []


class ActionClarify(Action):
    """Low NLU confidence: never guess; ask, with the likeliest topics as buttons."""

    def name(self) -> str:
        return "action_clarify"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        message = tracker.latest_message
        reply = clarify_reply(message.get("text") or "", message.get("intent_ranking", []))
        send(dispatcher, offer_handoff_if_repeated(reply, tracker))
        return []


class ActionDetails(Action):
    """« En savoir plus » (the NLU-free payload /more_details): the details of the latest answer."""

    def name(self) -> str:
        return "action_details"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        payload = last_answer_payload(tracker)
        reply = details_reply(payload) if payload else None
        send(dispatcher, reply or Reply(NO_DETAILS, WELCOME_MENU))
        return []
