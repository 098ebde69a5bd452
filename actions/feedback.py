"""Votes on answers and the handoff to the guichet vert (issue 13, sections 1 and 3).

- ``stamp`` gives an answer from the knowledge base an id, its topic (question intent) and the knowledge
  entries it comes from; they travel in the answer's payload (actions/reply.py), so the channels show
  👍 / 👎 under it and a vote names the answer it rates.
- ``action_feedback`` answers the NLU-free payload ``/feedback{"vote": "up"|"down", "answer": id}``
  (plus ``"comment"`` after a 👎): it thanks briefly, offers the handoff after a 👎 (with the channels'
  field for the optional comment: ``comment_for``, actions/reply.py), and records the vote
  with what it rates in the ``feedback`` slot (an event of the conversation, in the tracker store). The
  vote itself is the user event (intent ``feedback``, entities ``vote`` and ``answer``) the dashboard
  reads (reporting/events.py): the latest vote on an answer counts, so a vote can be changed and a
  retried one counts once.
- after a clarification that follows another one, ``offer_handoff_if_repeated`` adds the handoff button.
- ``action_handoff`` (intent ``ask_human``, also the button « Préparer ma question pour le guichet
  vert ») builds the ready-to-send text of actions/handoff.py from the conversation.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import places
from actions.agec import find_category
from actions.fallback import QUESTION_LABELS
from actions.glossary_route import term_asked_reply
from actions.handoff import HandoffContext, handoff_reply
from actions.knowledge import KnowledgeBase, knowledge_base
from actions.limits import asks_service_review, off_domain
from actions.reply import ANSWER_ID, HANDOFF_PAYLOAD, HANDOFF_TITLE, VOTES, Reply
from actions.routing import route
from actions.smalltalk import complaint_answer
from actions.tracker_context import both_kinds, context, helpers_answer, send, send_glossary
from actions.understanding import named_topics
from textnorm import question_form

FEEDBACK_SLOT = "feedback"
HANDOFF_BUTTON = {"title": HANDOFF_TITLE, "payload": HANDOFF_PAYLOAD}
THANKS_UP = "Merci pour votre retour !"
THANKS_DOWN = (
    "Merci pour votre retour. Qu'est-ce qui manquait ? Si ma réponse ne suffit pas, je peux préparer "
    "votre question pour le guichet vert, qui vous répondra par écrit."
)
THANKS_COMMENT = "Merci, votre remarque est notée : elle servira à améliorer mes réponses."
THANKS_UNKNOWN = "Merci pour votre retour."
PLACE_QUESTIONS = frozenset({"ask_network", "ask_guichet_vert", "ask_facilitator"})
# Messages that are not a question to restate in the handoff text.
NOT_QUESTIONS = frozenset(
    {"feedback", "ask_human", "greet", "goodbye", "thank", "affirm", "deny", "bot_challenge", "more_details"}
)


def remembered_place(tracker: Tracker) -> Optional[places.Place]:
    """The place of the latest message, else the one of the `location` slot."""
    named = tracker.latest_message.get("entities") or []
    key = places.most_precise_key(str(e.get("value")) for e in named if e.get("entity") == "location")
    key = key or tracker.get_slot("location")
    return places.resolve_key(str(key)) if key else None


def entries_of(knowledge: KnowledgeBase, topic: str, tracker: Tracker) -> List[str]:
    """The knowledge entries an answer to `topic` comes from ("file:id"), as far as they are known."""
    entries: List[str] = []
    if topic == "ask_agec":
        product = next(iter(tracker.get_latest_entity_values("product")), None) or tracker.get_slot("product")
        category = find_category(knowledge.agec, product, tracker.latest_message.get("text") or "")
        entries.append(f"agec.yml:{category.id}" if category else "agec.yml:agec")
    elif topic in knowledge.topics:
        entries.append(f"topics.yml:{topic}")
    place = remembered_place(tracker)
    if topic in PLACE_QUESTIONS and place is not None:
        entries += [f"networks.yml:{n.id}" for n in knowledge.networks_for_region(place.region_code)]
    return entries


def stamp(
    reply: Reply, tracker: Tracker, knowledge: Optional[KnowledgeBase] = None, topic: Optional[str] = None
) -> Reply:
    """An answer from the knowledge base (it has sources) gets an id, its topic (the question answered,
    else the `question` slot) and its entries."""
    if reply.kind != "answer" or not reply.sources or reply.id:
        return reply
    topic = topic or str(tracker.get_slot("question") or "")
    reply.id = uuid.uuid4().hex[:12]
    reply.topic = topic
    reply.entries = entries_of(knowledge or knowledge_base(), topic, tracker)
    return reply


def offer_handoff_if_repeated(reply: Reply, tracker: Tracker) -> Reply:
    """A clarification that follows another one (the retry failed too) also offers the handoff."""
    clarified = 0
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") not in ("action_listen", None):
            if event.get("name") != "action_clarify":
                break
            clarified += 1
    if clarified and HANDOFF_BUTTON not in reply.buttons:
        reply.buttons = [*reply.buttons, HANDOFF_BUTTON]
    return reply


def rated_answers(tracker: Tracker) -> List[Dict[str, Any]]:
    """The payloads of the answers that can be rated, oldest first."""
    found = []
    for event in tracker.events:
        custom = (event.get("data") or {}).get("custom") if event.get("event") == "bot" else None
        if isinstance(custom, dict) and custom.get("kind") == "answer" and custom.get("id"):
            found.append(custom)
    return found


def latest_entity(tracker: Tracker, name: str) -> str:
    values = list(tracker.get_latest_entity_values(name))
    return str(values[-1]).strip() if values else ""


def thanks_down(answer_id: str) -> Reply:
    """The thanks for a 👎: the handoff offered and, when the rated answer is known, the channels' field
    for the optional comment (``comment_for``)."""
    if not ANSWER_ID.match(answer_id):
        return Reply(THANKS_DOWN, [HANDOFF_BUTTON])
    return Reply(THANKS_DOWN, [HANDOFF_BUTTON], kind="feedback", comment_for=answer_id)


class ActionFeedback(Action):
    """A vote: brief thanks, the handoff offered after a 👎, the vote recorded with what it rates."""

    def name(self) -> str:
        return "action_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        vote = latest_entity(tracker, "vote")
        if vote not in VOTES:
            send(dispatcher, Reply(THANKS_UNKNOWN))
            return []
        answers = rated_answers(tracker)
        typed = tracker.latest_message.get("text") or ""
        complaint = None if answers else complaint_answer(typed)  # "vos réponses c'est n'importe quoi" first
        if complaint is not None:
            send(dispatcher, complaint)
            return []
        answer_id = latest_entity(tracker, "answer")
        if not ANSWER_ID.match(answer_id):
            answer_id = ""
        # A vote typed in words rates the latest answer.
        rated = next((a for a in reversed(answers) if not answer_id or a.get("id") == answer_id), None)
        comment = latest_entity(tracker, "comment")
        rated_id = answer_id or str((rated or {}).get("id") or "")
        if vote == "up":
            send(dispatcher, Reply(THANKS_UP))
        elif comment:
            send(dispatcher, Reply(THANKS_COMMENT))
        else:
            send(dispatcher, thanks_down(rated_id))
        record = {
            "answer": rated_id or None,
            "vote": vote,
            "topic": (rated or {}).get("topic") or None,
            "entries": list((rated or {}).get("entries") or []),
            "comment": comment or None,
        }
        return [SlotSet(FEEDBACK_SLOT, record)]


def handoff_context(tracker: Tracker) -> HandoffContext:
    """The buyer's latest question and what the conversation knows, for the handoff text."""
    question, question_topic = "", ""
    for event in reversed(tracker.events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name") or ""
        text = str(event.get("text") or "").strip()
        if intent in NOT_QUESTIONS or not text:
            continue
        if text.startswith("/"):
            if intent in QUESTION_LABELS:
                question_topic = QUESTION_LABELS[intent]
                break
            continue
        if intent == "inform":
            continue  # "je suis à Rennes": context, not the question
        question = text
        break
    answered = [QUESTION_LABELS.get(str(a.get("topic")), "") for a in rated_answers(tracker)]
    return HandoffContext(
        question=question,
        question_topic=question_topic,
        buyer_type=tracker.get_slot("buyer_type"),
        place=remembered_place(tracker),
        product=tracker.get_slot("product"),
        answered=answered,
    )


class ActionHandoff(Action):
    """« Préparer ma question pour le guichet vert »: the text to copy and where to send it."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        text = tracker.latest_message.get("text") or ""
        if not text.startswith("/") and tracker.get_slot("question") and asks_service_review(text):
            # "ils peuvent rédiger mon CCTP à ma place ?" after a service: what that service does
            asked = replace(context(tracker), intent="follow_up")
            outcome = route(knowledge_base(), asked)
            if outcome.replies and not outcome.out_of_scope:
                for reply in outcome.replies:
                    send(dispatcher, reply)
                return []
        if wants_contacts_only(text):  # "je voudrais des contacts pour mes achats durables": who to ask
            ctx = context(tracker)
            return helpers_answer(dispatcher, ctx if ctx.buyer_type else both_kinds(ctx))
        if not text.startswith("/") and not HUMAN_WANTED.search(question_form(text)):
            # "ESS ca veut dire quoi" read as a request for a person: a definition asked, answered
            if off_domain(text) and not named_topics(text):
                # "vous pouvez me conseiller un bon resto à Lille ?": no question for the guichet vert
                dispatcher.utter_message(response="utter_out_of_scope")
                return []

            defined = term_asked_reply(knowledge_base(), context(tracker))
            if defined:
                return send_glossary(dispatcher, [defined], text)
        send(dispatcher, handoff_reply(knowledge_base(), handoff_context(tracker)))
        return []


# Contacts asked for, not a person to talk to nor a message to pass on ("des contacts pour mes achats").
CONTACTS_WANTED = re.compile(r"\b(?:des|quelques|les bons|de bons) (?:contacts|interlocuteurs)\b")
HUMAN_WANTED = re.compile(
    r"\b(?:humain|personne|quelqu un|transmet\w*|envoy\w*|parler|appeler|rappel\w*|joindre|rediger"
    r"|preparer)\b"
)


def wants_contacts_only(text: str) -> bool:
    plain = question_form(text)
    return bool(CONTACTS_WANTED.search(plain)) and not HUMAN_WANTED.search(plain)
