"""Hardened REST channel: Rasa's REST protocol on the same URL, with input checks and idempotent retries.

Registered in credentials.yml as ``channels.rest.GuardedRestInput`` (instead of ``rest:``); its name
stays ``rest``, so clients keep posting to ``/webhooks/rest/webhook`` with
``{"sender": "...", "message": "..."}`` and get the usual list of bot messages.

What it adds (see channels/guard.py):

- malformed requests get a clear 4xx with a French explanation, never a 5xx: a body that is not
  declared JSON (415: no web page can post here without a CORS preflight), over
  SANIC_REQUEST_MAX_SIZE (413), invalid UTF-8 or JSON, nested too deep, wrong or missing fields (400);
- empty, too long or too frequent messages get a polite answer without reaching the model
  (too frequent, or more than MAX_IN_FLIGHT_PER_SENDER of one conversation at once: 429 with the
  same JSON list, so a widget can show it);
- e-mail addresses and phone numbers are masked before the message enters Rasa (tracker store,
  logs, event brokers only ever see the masked text);
- optional ``message_id`` (client-generated, 1-64 of ``[A-Za-z0-9_-]``): a retried message whose
  first attempt was already stored (e.g. the server died before answering) is not processed twice;
  the stored answer is sent back instead, only for the same text (409 otherwise). The check runs
  under the conversation lock;
- a failure inside the assistant gives a 503 (retry later), never a 200 with nothing stored; an
  action that could not run (rasa_patches.resilience) gives a 503 with its French message;
- a turn where the assistant says nothing (e.g. a typed ``/restart``) gets a short polite answer;
- an answer is one message: its short ``text``, its ``buttons`` and the structured reply in ``custom``
  (actions/reply.py: details, links, sources), which the widget and the terminal render.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import guard, rasa_private
from observability import metrics

logger = logging.getLogger(__name__)

MESSAGE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
INPUT_CHANNEL = re.compile(r"^[a-z0-9_]{1,32}$")
MAX_METADATA_BYTES = 4096

ERRORS = {
    "too_large": "La requête est trop volumineuse.",
    "encoding": "Le corps de la requête doit être du JSON encodé en UTF-8.",
    "json": "Le corps de la requête doit être un objet JSON valide, par exemple "
    '{"sender": "identifiant", "message": "votre question"}.',
    "sender": "Le champ « sender » (identifiant de conversation, texte de 1 à 128 caractères) est requis.",
    "message": "Le champ « message » (texte) est requis.",
    "message_id": "Le champ « message_id » doit compter de 1 à 64 caractères parmi A-Z, a-z, 0-9, _ et -.",
    "metadata": "Le champ « metadata » doit être un objet JSON de moins de 4 Ko.",
    "content_type": "Le corps de la requête doit être du JSON (en-tête Content-Type: application/json).",
    "message_id_reused": "Ce « message_id » a déjà servi pour un autre message de cette conversation : "
    "donnez à chaque nouveau message un identifiant nouveau.",
    "unavailable": "L'assistant est momentanément indisponible. Réessayez dans quelques instants.",
}
RETRY_AFTER_SECONDS = "5"

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class BadRequest(Exception):
    """A request the channel refuses, with its HTTP status and the key of its French explanation."""

    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status = status
        self.key = key


def error_response(status: int, key: str) -> HTTPResponse:
    return response.json({"error": key, "message": ERRORS[key]}, status=status)


def bot_messages(sender: str, *texts: str) -> List[Dict[str, Any]]:
    """Bot messages in the REST channel's format."""
    return [{"recipient_id": sender, "text": text} for text in texts]


class MessageIdReused(Exception):
    """A client message_id already stored for another text of the conversation."""


def parse_body(request: Request) -> Dict[str, Any]:
    """The JSON object of the request, or BadRequest."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json":
        raise BadRequest(415, "content_type")
    body = request.body or b""
    if len(body) > guard.MAX_REQUEST_BYTES:
        raise BadRequest(413, "too_large")
    try:
        payload = guard.load_json(body)
    except UnicodeDecodeError as error:
        raise BadRequest(400, "encoding") from error
    except ValueError as error:
        raise BadRequest(400, "json") from error
    if not isinstance(payload, dict):
        raise BadRequest(400, "json")
    return payload


def read_sender(payload: Dict[str, Any]) -> str:
    sender = payload.get("sender")
    if not isinstance(sender, str):
        raise BadRequest(400, "sender")
    sender = guard.safe_sender(sender)
    if not sender or len(sender) > guard.MAX_SENDER_CHARS:
        raise BadRequest(400, "sender")
    return sender


def read_message(payload: Dict[str, Any]) -> str:
    message = payload.get("message")
    if not isinstance(message, str):
        raise BadRequest(400, "message")
    return guard.clean_text(message)


def read_message_id(payload: Dict[str, Any]) -> Optional[str]:
    message_id = payload.get("message_id")
    if message_id is None:
        return None
    if not isinstance(message_id, str) or not MESSAGE_ID.match(message_id):
        raise BadRequest(400, "message_id")
    return message_id


def read_metadata(payload: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    metadata = payload.get("metadata")
    if metadata is None:
        return None
    if not isinstance(metadata, dict) or len(json.dumps(metadata)) > MAX_METADATA_BYTES:
        raise BadRequest(400, "metadata")
    return guard.mask_value(metadata)


class AnswerCollector(CollectingOutputChannel):
    """Rasa's collector, but one bot utterance stays one message: its text, buttons and custom payload
    together (Rasa's splits a message with a custom payload in two, the payload alone in the second).

    The structured answer (actions/reply.py) travels in ``custom``; a client that reads only ``text``
    and ``buttons`` still gets the short answer and « En savoir plus »."""

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        if not message.get("custom"):
            await super().send_response(recipient_id, message)
            return
        await rasa_private.collect(
            self,
            rasa_private.bot_message(
                recipient_id,
                text=message.get("text"),
                image=message.get("image"),
                buttons=message.get("buttons") or message.get("quick_replies"),
                attachment=message.get("attachment"),
                custom=message.get("custom"),
            ),
        )


def bot_event_to_message(sender: str, event: BotUttered) -> Dict[str, Any]:
    data = event.data or {}
    return rasa_private.bot_message(
        sender,
        text=event.text,
        image=data.get("image"),
        buttons=data.get("buttons"),
        attachment=data.get("attachment"),
        custom=data.get("custom"),
    )


async def stored_answer(agent: Any, message: UserMessage) -> Optional[List[Dict[str, Any]]]:
    """The bot messages that followed the stored user message of the same id, or None if it is not
    stored or got the technical-problem message (then it is processed again). MessageIdReused when
    that id was stored with another text."""
    tracker = await agent.tracker_store.retrieve(message.sender_id)
    if tracker is None:
        return None
    found = False
    answers: List[Dict[str, Any]] = []
    for event in tracker.events:
        if isinstance(event, UserUttered):
            if found:
                break
            found = event.message_id == message.message_id
            if found and event.text != message.text:
                raise MessageIdReused()
        elif found and isinstance(event, BotUttered):
            answers.append(bot_event_to_message(message.sender_id, event))
    if not found or failed(answers):
        return None
    return answers


def failed(answers: List[Dict[str, Any]]) -> bool:
    """True when the assistant could not answer (an action failed: rasa_patches.resilience)."""
    return any(answer.get("text") == guard.TECHNICAL_PROBLEM for answer in answers)


def refused(sender: str, text: str, status: int, reason: str) -> HTTPResponse:
    """A polite refusal in the channel's format; 429 ones say when to come back and are counted."""
    headers = None
    if status == 429:
        metrics.RATE_LIMITED.labels("rest", reason).inc()
        headers = {"Retry-After": str(int(guard.RATE_LIMIT_SECONDS)) if reason == "too_fast" else "1"}
    return response.json(bot_messages(sender, text), status=status, headers=headers)


class GuardedRestInput(RestInput):
    """Rasa's REST channel behind the checks of channels/guard.py."""

    def __init__(self) -> None:
        self.limiter = guard.RateLimiter()
        self.in_flight = guard.InFlight()

    @classmethod
    def name(cls) -> str:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> GuardedRestInput:
        return cls()

    async def handle(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        try:
            payload = parse_body(request)
            sender = read_sender(payload)
            text = read_message(payload)
            message_id = read_message_id(payload)
            metadata = read_metadata(payload)
        except BadRequest as error:
            logger.info("REST request refused: %s (%d)", error.key, error.status)
            return error_response(error.status, error.key)

        if not self.in_flight.enter(sender):
            return refused(sender, guard.STILL_ANSWERING, 429, "in_flight")
        try:
            return await self.answer(request, on_new_message, payload, sender, text, message_id, metadata)
        finally:
            self.in_flight.leave(sender)

    async def answer(
        self,
        request: Request,
        on_new_message: OnNewMessage,
        payload: Dict[str, Any],
        sender: str,
        text: str,
        message_id: Optional[str],
        metadata: Optional[Dict[str, Any]],
    ) -> HTTPResponse:
        entities = guard.agent_entities(getattr(request.app.ctx, "agent", None))
        answer, screened = guard.screen_message(text, sender, self.limiter, entities)
        if answer is not None:
            return refused(sender, answer, 429 if answer == guard.TOO_FAST else 200, "too_fast")

        input_channel = payload.get("input_channel")
        if not isinstance(input_channel, str) or not INPUT_CHANNEL.match(input_channel):
            input_channel = self.name()
        collector = AnswerCollector()
        message = UserMessage(
            screened, collector, sender, input_channel=input_channel, metadata=metadata, message_id=message_id
        )
        try:
            with metrics.Timer("rest"):
                replay = await self.process(
                    request, message, on_new_message, retry_safe=message_id is not None
                )
        except MessageIdReused:
            return error_response(409, "message_id_reused")
        except Exception as error:  # the reason is logged, the user gets a clear "retry later"
            logger.error(
                "REST message of a conversation could not be processed: %s",
                type(error).__name__,
                exc_info=True,
            )
            return error_response(503, "unavailable")
        answers = replay if replay is not None else collector.messages
        if failed(answers):
            return response.json(answers, status=503, headers={"Retry-After": RETRY_AFTER_SECONDS})
        return response.json(answers or bot_messages(sender, guard.NO_ANSWER))

    async def process(
        self, request: Request, message: UserMessage, on_new_message: OnNewMessage, retry_safe: bool
    ) -> Optional[List[Dict[str, Any]]]:
        """Runs the message through the assistant; for a message_id already stored, returns its answer.

        Only a message_id chosen by the client (`retry_safe`) is looked up: Rasa gives every other
        message a fresh one, which can never be stored yet, and the lookup reads the whole conversation.
        """
        agent = getattr(request.app.ctx, "agent", None)
        if agent is None or not agent.is_ready():
            raise RuntimeError("no agent loaded")
        if not retry_safe:
            await on_new_message(message)
            return None
        async with agent.lock_store.lock(message.sender_id):
            replay = await stored_answer(agent, message)
            if replay is None:
                await agent.processor.handle_message(message)
            return replay

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        rest_webhook = Blueprint("custom_webhook_GuardedRestInput", __name__)

        @rest_webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @rest_webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await self.handle(request, on_new_message)

        return rest_webhook
