"""A message read from the Rasa tracker into a routing ``Context``, and the replies sent back (shared by
the answering actions and the feedback and handoff actions)."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Dict, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

import places
from actions.glossary_route import defined_topic
from actions.knowledge import knowledge_base
from actions.render import Reply
from actions.reply import message_buttons, to_payload
from actions.route_types import Context
from actions.routing import route
from actions.understanding import says_private, says_public
from textnorm import normalize, question_form


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


def last_turn_texts(tracker: Tracker) -> Tuple[str, ...]:
    """Every text the assistant sent between the previous user message and the latest one, in order: an
    answer in several messages (a category said unknown first, then the others)."""
    found: List[str] = []
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                break
            seen_user = True
        elif seen_user and event.get("event") == "bot" and event.get("text"):
            found.append(str(event.get("text")))
    return tuple(reversed(found))


def last_answer_text(tracker: Tracker) -> str:
    """The text of the assistant's latest message before the latest user message."""
    texts = last_turn_texts(tracker)
    return texts[-1] if texts else ""


MAX_EARLIER_ANSWERS = 8


def earlier_answer_texts(tracker: Tracker) -> Tuple[str, ...]:
    """The texts of the assistant's latest messages before the latest user message (at most
    MAX_EARLIER_ANSWERS), which a follow-up must not get again word for word."""
    found: List[str] = []
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "bot" and event.get("text"):
            found.append(str(event.get("text")))
            if len(found) >= MAX_EARLIER_ANSWERS:
                break
    return tuple(found)


def asked_before(tracker: Tracker) -> bool:
    """The latest user message repeats one of the user's earlier messages word for word: the user wants
    the same answer again."""
    texts = [normalize(str(e.get("text") or "")) for e in tracker.events if e.get("event") == "user"]
    return len(texts) > 1 and bool(texts[-1]) and texts[-1] in texts[:-1]


def said_sector(tracker: Tracker) -> Optional[str]:
    """ "public" or "private" as an earlier user message said it without naming a buyer type ("je suis
    acheteur public", then "qui peut m'aider ?"); the latest such message wins."""
    texts = [str(e.get("text") or "") for e in tracker.events if e.get("event") == "user"][:-1]
    for text in reversed(texts):
        public, private = says_public(text), says_private(text)
        if public != private:
            return "public" if public else "private"
    return None


def latest_entity(tracker: Tracker, entity: str) -> Optional[str]:
    values = list(tracker.get_latest_entity_values(entity))
    return str(values[-1]) if values else None


# "des cartouches de toner pour les copieurs": the product after "pour les" says what the bought one is
# for; the bought one is the product asked about.
PURPOSE_BEFORE = re.compile(
    r"\b(?:pour|destinee?s? (?:a|aux)|compatibles? avec) (?:les|le|la|l|nos|notre|des|nos|vos)\s*$"
)


def product_asked(tracker: Tracker) -> Optional[str]:
    """The product of the latest message: the last one named, unless it only says what another is for."""
    text = tracker.latest_message.get("text") or ""
    found = [
        entity
        for entity in tracker.latest_message.get("entities") or []
        if entity.get("entity") == "product" and entity.get("value")
    ]
    if not found:
        return None
    kept = [
        entity
        for entity in found
        if not PURPOSE_BEFORE.search(question_form(text[: int(entity.get("start") or 0)]).rstrip())
    ]
    return str((kept or found)[-1]["value"])


def turn_before(tracker: Tracker) -> List[Dict[str, Any]]:
    """The events between the user's previous message and the latest one, latest first."""
    found: List[Dict[str, Any]] = []
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                break
            seen_user = True
        elif seen_user:
            found.append(event)
    return found


def previous_action(tracker: Tracker) -> Optional[str]:
    """The last action the assistant ran before the latest user message (action_listen aside)."""
    return next(
        (
            event.get("name")
            for event in turn_before(tracker)
            if event.get("event") == "action" and event.get("name") != "action_listen"
        ),
        None,
    )


def after_capabilities(tracker: Tracker) -> bool:
    """The assistant's latest message, before the user's, said what it does (a request for help from a
    buyer not known yet)."""
    bot = next((event for event in turn_before(tracker) if event.get("event") == "bot"), None)
    return bot is not None and (bot.get("metadata") or {}).get("utter_action") == "utter_capabilities"


def slot_before_latest_message(tracker: Tracker, slot: str) -> Optional[str]:
    """The value a slot had before the latest user message (whose intent may have set it since)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user = True
        elif seen_user and event.get("event") == "slot" and event.get("name") == slot:
            value = event.get("value")
            return str(value) if value else None
    return None


def previous_question(tracker: Tracker) -> Optional[str]:
    """The slot `question` as it was before the latest user message (its mapping may have changed it)."""
    return slot_before_latest_message(tracker, "question")


MIN_ALTERNATIVE = 0.25


def alternative_question(ranking: List[Dict[str, Any]]) -> Optional[str]:
    """DIET's best question intent after its first guess, when it is likely enough: a long message read
    as a detail ("je suis à Lyon et je cherche un conseil gratuit...") may still ask it."""
    for item in ranking[1:3]:
        name = str(item.get("name") or "")
        topical = name.startswith("ask_") and name not in ("ask_capabilities", "ask_human")  # no topic
        if topical and float(item.get("confidence") or 0.0) >= MIN_ALTERNATIVE:
            return name
    return None


def context(tracker: Tracker) -> Context:
    place_in_message = latest_place(tracker)
    return Context(
        intent=tracker.get_intent_of_latest_message() or "",
        text=tracker.latest_message.get("text") or "",
        question=tracker.get_slot("question"),
        previous_question=previous_question(tracker),
        confidence=float((tracker.latest_message.get("intent") or {}).get("confidence") or 0.0),
        alternative=alternative_question(tracker.latest_message.get("intent_ranking") or []),
        place_in_message=place_in_message,
        place=place_in_message or current_place(tracker),
        buyer_type=tracker.get_slot("buyer_type"),
        buyer_in_message=latest_entity(tracker, "buyer_type"),
        product_in_message=product_asked(tracker),
        product=tracker.get_slot("product"),
        pending=tracker.get_slot("pending_question"),
        after_clarify=previous_action(tracker) == "action_clarify",
        awaiting_location=bool(tracker.get_slot("awaiting_location")),
        last_answer=last_answer_text(tracker),
        earlier_answers=earlier_answer_texts(tracker),
        last_turn_answers=last_turn_texts(tracker),
        asked_again=asked_before(tracker),
        said_sector=said_sector(tracker),
    )


WHO_HELPS_QUESTION = "Qui peut nous aider ?"


def both_kinds(ctx: Context) -> Context:
    """The context of a buyer whose type is not one: public support first, then the private one."""
    return replace(ctx, text=WHO_HELPS_QUESTION, buyer_type=None, buyer_in_message=None)


def helpers_answer(dispatcher: CollectingDispatcher, ctx: Context) -> List[Dict[str, Any]]:
    """Who supports buyers (public support for a public buyer): "vers qui me tourner ?"."""
    outcome = route(
        knowledge_base(), replace(ctx, intent="ask_private_support", question="ask_private_support")
    )
    for answer in outcome.replies:
        send(dispatcher, answer)
    return [SlotSet("question", outcome.question or "ask_private_support")]


def send_glossary(dispatcher: CollectingDispatcher, replies: List[Reply], text: str) -> List[EventType]:
    """Sends what the glossary says of a term; the topic it belongs to becomes the conversation's."""
    for answer in replies:
        send(dispatcher, answer)
    topic = defined_topic(text)
    return [SlotSet("question", topic)] if topic else []
