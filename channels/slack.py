"""Slack channel: Rasa's Slack connector, configured from the environment and hardened.

Register it in credentials.yml as ``channels.slack.SlackChannel:`` (no secret in the file). It reads
SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, SLACK_API_BASE_URL (default https://slack.com/api/) and the
optional SLACK_CHANNEL. Without token or signing secret the channel stays disabled: the server starts
and /webhooks/slack/webhook answers 503.

What it changes in Rasa 3.6's SlackInput / SlackBot (everything else is Rasa's own code):
- bad or missing signatures get 401 (Rasa: 400); Rasa's check (HMAC-SHA256 of ``v0:ts:body``, five
  minutes replay window) is kept as is;
- Slack retries (X-Slack-Retry-Num) and the duplicate events Slack sends for one message (``message``
  plus ``app_mention``) are answered once: deliveries are de-duplicated by event id and by message
  (channel, ts). Rasa only drops retries whose reason is ``http_timeout``, so a retry for
  ``http_error`` was answered twice, and a retry whose first delivery never arrived was dropped;
- user text goes through channels.guard (personal data masked, length and rate limits);
- messages are posted to a configurable Web API base URL, without the legacy ``as_user`` argument
  (rejected or ignored for modern Slack apps); an answer and its source line stay in one message
  (Rasa posts one message per paragraph);
- buttons become Slack ``actions`` blocks, 25 per block (Rasa drops every button beyond five);
- a structured answer (actions/reply.py) is one Block Kit message: the answer in sections, its links
  as named mrkdwn links, a context block for the sources (title, link, date consulted) and the buttons,
  « En savoir plus » first: its click sends /more_details and the details come as a second message;
- 👍 / 👎 under an answer that can be rated; the thanks for a 👎 holds a one-line text input (« Qu'est-ce
  qui manquait ? », an ``input`` block with ``dispatch_action``): Enter sends the comment, which reaches
  the assistant as a 👎 with a ``comment`` (actions/reply.py ``comment_payload``), masked; typing another
  one changes it. A click or an Enter delivered twice (same user, same ``action_ts``) is handled once;
- replies go in the thread of the question in channels; in direct messages they stay in the
  conversation unless the question itself was in a thread;
- malformed bodies get a 4xx instead of a 500.
"""

from __future__ import annotations

import logging
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from actions.reply import (
    COMMENT_LABEL,
    COMMENT_PLACEHOLDER,
    MAX_COMMENT_CHARS,
    Reply,
    comment_payload,
    consulted_note,
    message_buttons,
    parse_payload,
    sources_label,
    vote_buttons,
)
from channels import guard, rasa_private
from channels.guard import RateLimiter, RecentKeys
from channels.tasks import BackgroundTasks
from observability import metrics

logger = logging.getLogger(__name__)

DEFAULT_API_BASE_URL = "https://slack.com/api/"
# Slack limits: section text 3,000 characters, actions block 25 elements, button text 75, value 2,000.
SECTION_TEXT_LIMIT = 3000
MESSAGE_TEXT_LIMIT = 3900
BUTTONS_PER_BLOCK = 25
BUTTON_TITLE_LIMIT = 75
BUTTON_VALUE_LIMIT = 2000
# The text input of the comment after a 👎: its action, and its block named after the answer rated.
COMMENT_ACTION_ID = "rasa_comment"
COMMENT_BLOCK_PREFIX = "comment_"

DISABLED = (
    "Le canal Slack n'est pas configuré sur ce serveur : définissez SLACK_BOT_TOKEN et "
    "SLACK_SIGNING_SECRET, puis redémarrez l'assistant."
)
NOT_SIGNED = "Requête refusée : signature Slack absente, invalide ou expirée."
BAD_REQUEST = "Requête Slack invalide."
UNSUPPORTED_TYPE = "Type de contenu non pris en charge."

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"


def escape_mrkdwn(text: str) -> str:
    """Slack requires &, < and > to be escaped in message text; Markdown bold becomes Slack bold."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("**", "*")


def split_text(text: str, limit: int) -> List[str]:
    """Cut a long text into parts of at most `limit` characters, at paragraph or line breaks if possible."""
    parts: List[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind("\n\n", 0, limit), rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit))
        if cut <= 0:
            cut = limit
        parts.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        parts.append(rest)
    return parts


def button_blocks(buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rasa buttons as Slack ``actions`` blocks; a click posts the button's payload back."""
    elements = [
        {
            "type": "button",
            "action_id": f"rasa_button_{index}",
            "text": {"type": "plain_text", "text": str(button.get("title", ""))[:BUTTON_TITLE_LIMIT] or "…"},
            "value": str(button.get("payload", button.get("title", "")))[:BUTTON_VALUE_LIMIT],
        }
        for index, button in enumerate(buttons)
    ]
    return [
        {"type": "actions", "elements": elements[start : start + BUTTONS_PER_BLOCK]}
        for start in range(0, len(elements), BUTTONS_PER_BLOCK)
    ]


def mrkdwn_link(title: str, url: str) -> str:
    """A named link in Slack mrkdwn: <url|title>, with what Slack reads as syntax escaped."""
    address = url.replace("&", "&amp;").replace("<", "%3C").replace(">", "%3E").replace("|", "%7C")
    return f"<{address}|{escape_mrkdwn(title).replace('|', '–')}>"


def sources_context(reply: Reply) -> Optional[Dict[str, Any]]:
    """The sources as a context block: small, named links, and the date they were consulted."""
    if not reply.sources:
        return None
    links = " · ".join(mrkdwn_link(source.title, source.url) for source in reply.sources)
    line = f"{sources_label(reply.sources)} : {links} — {consulted_note(reply.sources)}"
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": line}]}


def reply_blocks(reply: Reply) -> List[Dict[str, Any]]:
    """One structured reply in Block Kit: the answer (sections), its links, a context block for the
    sources, then the buttons, « En savoir plus » first (its click posts the details as a second message)."""
    blocks: List[Dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": part}}
        for part in split_text(escape_mrkdwn(reply.text), SECTION_TEXT_LIMIT)
    ]
    if reply.links:
        links = "\n".join(mrkdwn_link(link.title, link.url) for link in reply.links)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": links[:SECTION_TEXT_LIMIT]}})
    if reply.copy:  # the handoff text (issue 13): a code block, easy to copy
        code = escape_mrkdwn(reply.copy).replace("```", "'''")[: SECTION_TEXT_LIMIT - 8]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"```{code}```"}})
    context = sources_context(reply)
    if context:
        blocks.append(context)
    return blocks + comment_block(reply) + button_blocks(message_buttons(reply)) + vote_block(reply)


def comment_block(reply: Reply) -> List[Dict[str, Any]]:
    """After a 👎 (issue 13): a one-line text input; Enter sends its text (``dispatch_action``)."""
    if not reply.comment_for:
        return []
    element = {
        "type": "plain_text_input",
        "action_id": COMMENT_ACTION_ID,
        "max_length": MAX_COMMENT_CHARS,
        "placeholder": {"type": "plain_text", "text": COMMENT_PLACEHOLDER},
        "dispatch_action_config": {"trigger_actions_on": ["on_enter_pressed"]},
    }
    return [
        {
            "type": "input",
            "block_id": f"{COMMENT_BLOCK_PREFIX}{reply.comment_for}",
            "dispatch_action": True,
            "label": {"type": "plain_text", "text": COMMENT_LABEL},
            "element": element,
        }
    ]


def comment_message(action: Dict[str, Any]) -> Optional[str]:
    """The message of a comment sent from the input of comment_block, None when there is nothing to send
    (empty text, or not that input)."""
    block_id = str(action.get("block_id") or "")
    if action.get("action_id") != COMMENT_ACTION_ID or not block_id.startswith(COMMENT_BLOCK_PREFIX):
        return None
    value = action.get("value") if isinstance(action.get("value"), str) else ""
    return comment_payload(block_id[len(COMMENT_BLOCK_PREFIX) :], value) or None


def vote_block(reply: Reply) -> List[Dict[str, Any]]:
    """👍 / 👎 under an answer that can be rated (issue 13), labelled for screen readers."""
    elements = [
        {
            "type": "button",
            "action_id": f"rasa_vote_{button['vote']}",
            "text": {"type": "plain_text", "text": button["title"], "emoji": True},
            "accessibility_label": button["label"],
            "value": button["payload"][:BUTTON_VALUE_LIMIT],
        }
        for button in vote_buttons(reply)
    ]
    return [{"type": "actions", "block_id": f"vote_{reply.id}", "elements": elements}] if elements else []


class SlackOutput(SlackBot):
    """Rasa's SlackBot, posting to a configurable Web API base URL."""

    def __init__(
        self,
        token: str,
        slack_channel: Optional[str] = None,
        thread_id: Optional[str] = None,
        proxy: Optional[str] = None,
        api_base_url: str = DEFAULT_API_BASE_URL,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token=token, base_url=api_base_url, proxy=proxy)

    async def _post_message(self, channel: str, **kwargs: Any) -> None:
        kwargs.pop("as_user", None)
        kwargs.pop("type", None)
        await super()._post_message(channel, **kwargs)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        recipient = self.slack_channel or recipient_id
        for part in split_text(escape_mrkdwn(text), MESSAGE_TEXT_LIMIT):
            await self._post_message(channel=recipient, text=part)

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        """A structured answer (actions/reply.py) is one Block Kit message; anything else as Rasa sends it."""
        reply = parse_payload(message.get("custom"))
        if reply is None:
            await super().send_response(recipient_id, message)
            return
        # `text` is only Slack's fallback (notifications, clients without blocks): the message's own text.
        fallback = message.get("text") if isinstance(message.get("text"), str) else reply.text
        await self._post_message(
            channel=self.slack_channel or recipient_id,
            text=escape_mrkdwn(fallback)[:MESSAGE_TEXT_LIMIT],
            blocks=reply_blocks(reply),
        )

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        recipient = self.slack_channel or recipient_id
        escaped = escape_mrkdwn(text)
        sections = [
            {"type": "section", "text": {"type": "mrkdwn", "text": part}}
            for part in split_text(escaped, SECTION_TEXT_LIMIT)
        ]
        await self._post_message(
            channel=recipient,
            text=escaped[:MESSAGE_TEXT_LIMIT] or "…",
            blocks=sections + button_blocks(buttons),
        )


class SlackChannel(SlackInput):
    """Rasa's SlackInput configured from environment variables, disabled (503) when unconfigured."""

    @classmethod
    def name(cls) -> str:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """Secrets come from the environment; credentials.yml may only tune non-secret options."""
        credentials = credentials or {}
        return cls(
            slack_token=os.environ.get("SLACK_BOT_TOKEN", "").strip(),
            slack_channel=os.environ.get("SLACK_CHANNEL", "").strip() or credentials.get("slack_channel"),
            proxy=credentials.get("proxy"),
            slack_retry_reason_header=credentials.get("slack_retry_reason_header", "x-slack-retry-reason"),
            slack_retry_number_header=credentials.get("slack_retry_number_header", "x-slack-retry-num"),
            use_threads=credentials.get("use_threads", True),
            slack_signing_secret=os.environ.get("SLACK_SIGNING_SECRET", "").strip(),
            conversation_granularity=credentials.get("conversation_granularity", "sender"),
            api_base_url=os.environ.get("SLACK_API_BASE_URL", "").strip() or DEFAULT_API_BASE_URL,
        )

    def __init__(
        self,
        slack_token: str,
        slack_channel: Optional[str] = None,
        proxy: Optional[str] = None,
        slack_retry_reason_header: Optional[str] = None,
        slack_retry_number_header: Optional[str] = None,
        errors_ignore_retry: Optional[List[str]] = None,
        use_threads: Optional[bool] = True,
        slack_signing_secret: str = "",
        conversation_granularity: Optional[str] = "sender",
        api_base_url: str = DEFAULT_API_BASE_URL,
    ) -> None:
        self.enabled = bool(slack_token and slack_signing_secret)
        super().__init__(
            slack_token,
            slack_channel,
            proxy,
            slack_retry_reason_header,
            slack_retry_number_header,
            errors_ignore_retry,
            use_threads,
            slack_signing_secret,
            conversation_granularity,
        )
        # Retries are de-duplicated by event instead: a retry whose first delivery never arrived is
        # the only copy of the message and must be answered.
        self.errors_ignore_retry = ()
        self.api_base_url = api_base_url
        self.limiter = RateLimiter()
        self.recent = RecentKeys()
        self._tasks = BackgroundTasks("Slack reply")
        if not self.enabled:
            logger.info("Slack channel disabled: SLACK_BOT_TOKEN or SLACK_SIGNING_SECRET is not set.")

    def _validate_credentials(self) -> None:
        if self.enabled:
            super()._validate_credentials()

    def get_output_channel(
        self, channel: Optional[str] = None, thread_id: Optional[str] = None
    ) -> OutputChannel:
        return SlackOutput(
            self.slack_token, channel or self.slack_channel, thread_id, self.proxy, self.api_base_url
        )

    @staticmethod
    def _reply_thread(metadata: Dict[str, Any], threaded_question: bool, direct: bool) -> Dict[str, Any]:
        """In a direct message a reply stays in the conversation unless the question was in a thread."""
        if direct and not threaded_question:
            return {**metadata, "thread_id": None}
        return metadata

    async def _dispatch(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: str,
        sender_id: str,
        metadata: Dict[str, Any],
    ) -> HTTPResponse:
        """Guard the text, then hand it to Rasa (which answers in the background) or answer the refusal."""
        entities = guard.agent_entities(getattr(request.app.ctx, "agent", None))
        answer, screened = guard.screen_message(text, sender_id, self.limiter, entities)
        if answer is None:
            return await self.process_message(
                request, metrics.timed(on_new_message, "slack"), screened, sender_id, metadata
            )
        if answer == guard.TOO_FAST:
            metrics.RATE_LIMITED.labels("slack", "too_fast").inc()
        thread = metadata.get("thread_id") if self.use_threads else None
        output = self.get_output_channel(metadata.get("out_channel"), thread)
        self._tasks.spawn(output.send_text_message(metadata.get("out_channel") or sender_id, answer))
        return response.text("")

    async def _handle_event(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        payload = guard.load_json(request.body or b"null")
        if not isinstance(payload, dict):
            return response.text(BAD_REQUEST, status=HTTPStatus.BAD_REQUEST)
        if payload.get("type") == "url_verification":
            return response.json({"challenge": str(payload.get("challenge", ""))})
        event = payload.get("event")
        if (
            not isinstance(event, dict)
            or not rasa_private.slack_is_user_message(self, payload)
            or not event.get("user")
        ):
            return response.text("Événement ignoré.")
        metadata = self.get_metadata(request)
        if not rasa_private.slack_is_supported_channel(self, payload, metadata):
            return response.text("Canal non pris en charge.")
        event_keys = [f"event:{payload.get('event_id', '')}" if payload.get("event_id") else ""]
        if event.get("channel") and event.get("ts"):
            event_keys.append(f"message:{event['channel']}:{event['ts']}")
        if self.recent.seen_before(event_keys):
            logger.info(
                "Slack delivery already handled (retry #%s): ignored.",
                request.headers.get(self.retry_num_header, "0"),
            )
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        direct = rasa_private.slack_is_direct_message(self, payload)
        metadata = self._reply_thread(metadata, bool(event.get("thread_ts")), direct)
        sender_id = str(event["user"])
        conversation_id = (
            rasa_private.slack_conversation_id(
                self, sender_id, metadata.get("out_channel"), metadata.get("thread_id")
            )
            or sender_id
        )
        text = rasa_private.slack_user_text(self, str(event.get("text", "")), metadata.get("users"))
        return await self._dispatch(request, on_new_message, text, conversation_id, metadata)

    async def _handle_interaction(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        payload = guard.load_json((request.form.get("payload") or "null").encode("utf-8"))
        if not isinstance(payload, dict):
            return response.text(BAD_REQUEST, status=HTTPStatus.BAD_REQUEST)
        actions = payload.get("actions")
        action = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}
        if action.get("action_id") == COMMENT_ACTION_ID:
            text = comment_message(action)
        elif rasa_private.slack_is_interactive_message(self, payload):
            text = rasa_private.slack_interactive_response(self, action)
        else:
            return response.text("Action ignorée.")
        sender_id = (payload.get("user") or {}).get("id")
        if text is None or not sender_id:
            return response.text("Action ignorée.")  # e.g. a link button: nothing to send to the bot
        if action.get("action_ts") and self.recent.seen_before([f"action:{sender_id}:{action['action_ts']}"]):
            logger.info("Slack interaction already handled: ignored.")
            return response.text("")
        metadata = self.get_metadata(request)
        message = payload.get("message") or {}
        channel_id = str(metadata.get("out_channel") or "")
        metadata = self._reply_thread(metadata, bool(message.get("thread_ts")), channel_id.startswith("D"))
        conversation_id = rasa_private.slack_conversation_id(
            self, str(sender_id), metadata.get("out_channel"), metadata.get("thread_id")
        ) or str(sender_id)
        return await self._dispatch(request, on_new_message, str(text), conversation_id, metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        slack_webhook = Blueprint("slack_webhook", __name__)

        @slack_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.enabled else "disabled"})

        @slack_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.enabled:
                return response.text(DISABLED, status=HTTPStatus.SERVICE_UNAVAILABLE)
            if not self.is_request_from_slack_authentic(request):
                return response.text(NOT_SIGNED, status=HTTPStatus.UNAUTHORIZED)
            content_type = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
            try:
                if content_type == JSON:
                    return await self._handle_event(request, on_new_message)
                if content_type == FORM:
                    return await self._handle_interaction(request, on_new_message)
            except (ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
                logger.warning("Malformed Slack request: %s", error)
                return response.text(BAD_REQUEST, status=HTTPStatus.BAD_REQUEST)
            return response.text(UNSUPPORTED_TYPE, status=HTTPStatus.UNSUPPORTED_MEDIA_TYPE)

        return slack_webhook
