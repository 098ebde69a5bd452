"""One pass over the events of a conversation: its user messages and what became of each of them.

Events are the dictionaries of Rasa's ``Event.as_dict()`` (``{"event": "user", "text": ...,
"parse_data": ..., "timestamp": ...}``), as the tracker store returns them. The rules, in one place:

- **not understood**: a typed message (not a button payload) whose intent is ``nlu_fallback`` or
  ``out_of_scope``, or that the assistant answered with ``action_clarify``; except the free-text answer
  to a form (the location form reads "je travaille à Rennes" whatever its intent) when the form kept it
  (the slot it asked for is set at the end of the turn);
- **question**: a message whose intent is a question intent (``actions.fallback.QUESTION_LABELS``,
  the values of the ``question`` slot), or a not-understood message; its **topic** is that intent, or
  for a not-understood message the likeliest question intent of the NLU ranking (empty when there is
  none: out of scope or unknown);
- **latency**: seconds from the user message's event to the first bot message after it. Rasa stamps
  the user event once the message has been parsed, so this is the time of the dialogue policy, the
  custom actions (action server round trip included) and the reply, without the NLU parsing nor the
  network to the user;
- **location** of a question: the ``location`` slot (``region:53``, ``departement:35``,
  ``commune:35238``) as it stands when the conversation moves on to its next question, or at the end
  of the session: a question asked before the buyer says where they work gets the place given in the
  answer to the location form;
- **vote** (issue 13, section 1): a user message with intent ``feedback`` and an entity ``vote``
  valued ``up`` or ``down`` (the payload ``/feedback{"vote": "down", "answer": "a1b2c3"}``). The entity
  ``answer`` names the answer it rates (the ``id`` of the answer's payload, actions/reply.py, which
  also carries its ``topic``): it counts for that answer's topic, else (no or unknown id) for the topic
  of the latest question of the conversation. Only the latest vote on an answer counts (a vote can be
  changed; a retried one counts once). Votes are not messages in the other figures.
- **comment** of a 👎: the entity ``comment`` of a 👎 (``/feedback{"vote": "down", "answer": …,
  "comment": …}``, sent after the 👎 by the widget's, Slack's or Teams' field). The latest comment on an
  answer is the one kept with its latest vote (a comment can be changed; a 👎 sent again without one
  keeps it), unless a 👍 came after it. The vote also keeps what the answer was: its topic, its knowledge
  entries (``entries`` of its payload) and the typed message it answered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Collection, Dict, List, Mapping, Optional, Sequence, Tuple

NOT_UNDERSTOOD_INTENTS = ("nlu_fallback", "out_of_scope")
CLARIFY_ACTION = "action_clarify"
VOTE_INTENT = "feedback"
VOTE_ENTITY = "vote"
VOTE_VALUES = ("up", "down")
COMMENT_ENTITY = "comment"
LOCATION_SLOT = "location"
REQUESTED_SLOT = "requested_slot"


@dataclass
class Message:
    """One user message of a conversation and what became of it."""

    sender: str
    session: int  # rank of the conversation's session (a new session after a long pause)
    timestamp: float
    text: str
    intent: str
    typed: bool  # typed by the user (False: a button payload such as /ask_agec)
    reason: str = ""  # why it was not understood (an intent or action_clarify); "" when understood
    best_intent: str = ""  # likeliest real intent of the NLU ranking (not nlu_fallback)
    confidence: float = 0.0
    topic: str = ""  # question intent ("" when the message is not a question, or its topic is unknown)
    likely_topic: str = ""  # the question intent ranked highest by the NLU ("" when none is ranked)
    question: bool = False
    latency: Optional[float] = None  # seconds to the first bot message after it (None: no answer)
    answered_by: str = ""  # the action that sent the first bot message after it
    location: str = ""  # `location` slot once the question was handled (questions only)
    vote: str = ""  # "up" / "down" for a vote, "" otherwise
    answer: str = ""  # for a vote: the id of the answer it rates ("" when not given)
    comment: str = ""  # for a 👎: the user's comment ("" when none)
    entries: Tuple[str, ...] = ()  # for a vote: the knowledge entries of the answer rated ("file:id")
    asked: str = ""  # for a vote: the typed message the rated answer replied to ("" when unknown)

    @property
    def understood(self) -> bool:
        return not self.reason


def best_candidate(parse_data: Mapping[str, Any]) -> Tuple[str, float]:
    """The likeliest real intent (not nlu_fallback) and its confidence, from the NLU ranking."""
    ranking = list(parse_data.get("intent_ranking") or [])
    intent = parse_data.get("intent") or {}
    for item in ranking or [intent]:
        name = item.get("name")
        if name and name != "nlu_fallback":
            return str(name), float(item.get("confidence") or 0.0)
    return "", float(intent.get("confidence") or 0.0)


def likeliest_question(parse_data: Mapping[str, Any], questions: Collection[str]) -> str:
    """The question intent ranked highest by the NLU ("" when the ranking has none)."""
    ranking = list(parse_data.get("intent_ranking") or []) or [parse_data.get("intent") or {}]
    for item in ranking:
        if item.get("name") in questions:
            return str(item["name"])
    return ""


def vote_of(event: Mapping[str, Any]) -> str:
    """ "up" or "down" when the user event is a vote (see the module docstring), "" otherwise."""
    parse_data = event.get("parse_data") or {}
    if (parse_data.get("intent") or {}).get("name") != VOTE_INTENT:
        return ""
    for entity in parse_data.get("entities") or []:
        value = str(entity.get("value") or "")
        if entity.get("entity") == VOTE_ENTITY and value in VOTE_VALUES:
            return value
    return ""


def entity_text(event: Mapping[str, Any], name: str) -> str:
    """The text value of an entity of a user event, "" when not given."""
    for entity in (event.get("parse_data") or {}).get("entities") or []:
        if entity.get("entity") == name and isinstance(entity.get("value"), str):
            return entity["value"].strip()
    return ""


def voted_answer(event: Mapping[str, Any]) -> str:
    """The id of the answer a vote rates (entity ``answer``), "" when not given."""
    return entity_text(event, "answer")


def latest_votes(messages: List[Message]) -> List[Message]:
    """Without the votes replaced by a later vote on the same answer; the latest vote keeps the latest
    comment on that answer unless a 👍 came after it."""
    last: Dict[str, int] = {}
    comments: Dict[str, str] = {}
    for index, message in enumerate(messages):
        if message.vote and message.answer:
            last[message.answer] = index
            if message.vote == "up":
                comments.pop(message.answer, None)
            elif message.comment:
                comments[message.answer] = message.comment
    for answer, index in last.items():
        messages[index].comment = comments.get(answer, "") if messages[index].vote == "down" else ""
    return [m for i, m in enumerate(messages) if not (m.vote and m.answer) or last[m.answer] == i]


@dataclass(frozen=True)
class Answer:
    """What the dashboard knows of an answer that can be rated (from its payload)."""

    topic: str
    entries: Tuple[str, ...]
    asked: str  # the typed message it replied to


def read_messages(
    sender: str, events: Sequence[Mapping[str, Any]], questions: Collection[str]
) -> List[Message]:
    """The user messages of one conversation (every session), in order, votes included."""
    messages: List[Message] = []
    slots: Dict[str, Any] = {}
    active_loop = ""
    session = 0
    turn: Optional[Message] = None  # latest user message, until the assistant listens again
    form_slot = ""  # the slot a form was asking for when `turn` came, if `turn` may be its answer
    unanswered: Optional[Message] = None  # latest user message without a bot message yet
    placing: List[Message] = []  # questions whose location is not settled yet
    last_topic = ""
    last_action = ""
    last_typed = ""  # the latest typed message (not a vote, not a button)
    answers: Dict[str, Answer] = {}  # answer id -> what it was (from the answers' payloads)

    def settle() -> None:
        location = str(slots.get(LOCATION_SLOT) or "")
        for question in placing:
            question.location = location
        placing.clear()

    def ask(message: Message) -> None:
        """`message` turns out to be a question: the previous ones are settled."""
        nonlocal last_topic
        message.question = True
        settle()
        placing.append(message)
        last_topic = message.topic or last_topic

    def end_turn() -> None:
        """A form's free-text answer is understood when the form kept it (the slot it asked is set)."""
        nonlocal turn, form_slot
        if turn is not None and form_slot:
            if slots.get(form_slot):
                turn.reason = ""
            elif turn.reason:
                ask(turn)
        turn, form_slot = None, ""

    for event in events:
        kind = event.get("event")
        timestamp = float(event.get("timestamp") or 0.0)
        if kind == "session_started":
            end_turn()
            settle()
            if messages and messages[-1].session == session:
                session += 1
            slots.clear()  # Rasa sets the carried-over slots again right after
            active_loop = ""
            unanswered = None
        elif kind == "slot":
            slots[str(event.get("name"))] = event.get("value")
        elif kind == "active_loop":
            active_loop = str(event.get("name") or "")
        elif kind == "bot":
            note_answer(event, answers, last_topic, last_typed)
            if unanswered is not None:
                unanswered.latency = max(0.0, timestamp - unanswered.timestamp)
                unanswered.answered_by = last_action
                unanswered = None
        elif kind == "action":
            last_action = str(event.get("name") or "")
            if last_action == "action_listen":
                end_turn()
            elif (
                last_action == CLARIFY_ACTION
                and turn is not None
                and turn.typed
                and (form_slot or not turn.reason)
            ):
                turn.reason = turn.reason or CLARIFY_ACTION
                form_slot = ""
                if not turn.question:  # e.g. an "affirm" the dialogue policy could not follow
                    turn.topic = turn.topic or turn.likely_topic
                    ask(turn)
        elif kind == "user":
            end_turn()
            parse_data = event.get("parse_data") or {}
            text = str(event.get("text") or "").strip()
            vote = vote_of(event)
            if vote:
                answer = voted_answer(event)
                rated = answers.get(answer, Answer(last_topic, (), ""))
                messages.append(
                    Message(
                        sender,
                        session,
                        timestamp,
                        text,
                        VOTE_INTENT,
                        False,
                        topic=rated.topic,
                        vote=vote,
                        answer=answer,
                        comment=entity_text(event, COMMENT_ENTITY) if vote == "down" else "",
                        entries=rated.entries,
                        asked=rated.asked,
                    )
                )
                unanswered = None
                continue
            intent = str((parse_data.get("intent") or {}).get("name") or "")
            best, confidence = best_candidate(parse_data)
            typed = bool(text) and not text.startswith("/")
            message = Message(
                sender,
                session,
                timestamp,
                text,
                intent,
                typed,
                best_intent=best,
                confidence=confidence,
                likely_topic=likeliest_question(parse_data, questions),
            )
            if typed and intent in NOT_UNDERSTOOD_INTENTS:
                message.reason = intent
                message.topic = message.likely_topic if intent == "nlu_fallback" else ""
                requested = str(slots.get(REQUESTED_SLOT) or "")
                if active_loop and requested:
                    form_slot = requested  # a question or not once the form has read it (end_turn)
                else:
                    ask(message)
            elif intent in questions:
                message.topic = intent
                ask(message)
            messages.append(message)
            turn = unanswered = message
            last_typed = text if typed else last_typed
    end_turn()
    settle()
    return latest_votes(messages)


def note_answer(event: Mapping[str, Any], answers: Dict[str, Answer], last_topic: str, asked: str) -> None:
    """Remember an answer that can be rated: its payload's id, topic and entries, the message it answered."""
    custom = (event.get("data") or {}).get("custom")
    if isinstance(custom, Mapping) and isinstance(custom.get("id"), str):
        listed = custom.get("entries") if isinstance(custom.get("entries"), list) else []
        entries = tuple(entry for entry in listed if isinstance(entry, str))
        answers[custom["id"]] = Answer(str(custom.get("topic") or last_topic), entries, asked)
