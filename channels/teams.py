"""Microsoft Teams channel (Bot Framework), written for this project instead of Rasa's BotFrameworkInput.

Rasa's connector downloads Microsoft's OpenID configuration in its constructor (the server cannot
start offline), only knows the multi-tenant token endpoint and blocks the event loop with
``requests``. This one:
- does no network call at start-up: OpenID metadata and signing keys are fetched on the first
  request and cached (TEAMS_KEYS_TTL_SECONDS, default one day; refreshed early, at most every five
  minutes, when a token names an unknown key);
- verifies every request like the Bot Framework SDKs: RS256 signature against the published keys,
  issuer, audience (the bot's app id), expiry and not-before with five minutes of clock skew, the
  key's endorsement of the activity's channel and the token's ``serviceurl`` claim;
- only replies to service URLs matching TEAMS_SERVICE_URL_PATTERN (Microsoft's domains by default),
  with a bearer token obtained by client credentials and cached until shortly before it expires;
- supports single-tenant bots (TEAMS_TENANT_ID: the tenant's token endpoint) and multi-tenant ones;
- uses aiohttp (non-blocking) and reads every endpoint from the environment, so a local fake
  identity provider can stand in for Microsoft in tests;
- sends a structured answer (actions/reply.py) as one activity: the short answer as text, and an
  Adaptive Card with its links, its sources (named links, date consulted), « En savoir plus » as a
  ShowCard that opens the details in place, and the buttons; 👍 / 👎 under an answer that can be rated,
  and on the thanks for a 👎 a text input (« Qu'est-ce qui manquait ? ») with its submit action: the
  comment reaches the assistant as a 👎 with a ``comment`` (actions/reply.py ``comment_payload``), masked;
  sending another one changes it;
- handles an activity delivered twice (same conversation and activity id) once.

Register it in credentials.yml as ``channels.teams.TeamsChannel:``; webhook:
/webhooks/teams/webhook. Without TEAMS_APP_ID and TEAMS_APP_PASSWORD it stays disabled (503).
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Tuple
from urllib.parse import quote, urlsplit

import aiohttp
import jwt
from jwt.algorithms import RSAAlgorithm
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from actions.reply import (
    COMMENT_LABEL,
    COMMENT_PLACEHOLDER,
    COMMENT_SEND,
    DETAILS_TITLE,
    MAX_COMMENT_CHARS,
    Reply,
    comment_payload,
    consulted_note,
    parse_payload,
    sources_label,
    vote_buttons,
)
from channels import guard
from channels.guard import RateLimiter, RecentKeys
from channels.tasks import BackgroundTasks
from observability import metrics

logger = logging.getLogger(__name__)

DEFAULT_OPENID_METADATA_URL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
DEFAULT_ISSUER = "https://api.botframework.com"
DEFAULT_LOGIN_URL = "https://login.microsoftonline.com"
MULTI_TENANT = "botframework.com"
DEFAULT_SCOPE = "https://api.botframework.com/.default"
# Service URLs Microsoft's channels use (Teams: smba.trafficmanager.net; Web Chat, Direct Line:
# *.botframework.com; US government cloud: *.botframework.azure.us).
DEFAULT_SERVICE_URL_PATTERN = (
    r"https://(?:[a-z0-9-]+\.)*(?:botframework\.com|trafficmanager\.net|botframework\.azure\.us)"
    r"(?::443)?(?:/[^\s@?#]*)?"
)
ALGORITHMS = ["RS256"]
CLOCK_SKEW_SECONDS = 300
MIN_KEY_REFRESH_SECONDS = 300
TOKEN_MARGIN_SECONDS = 300
HTTP_TIMEOUT_SECONDS = 10
HERO_CARD = "application/vnd.microsoft.card.hero"
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"
ADAPTIVE_CARD_VERSION = "1.4"  # Teams desktop, web and mobile
CARD_ACTIONS = 6  # Teams shows at most six actions on a card
BUTTONS_PER_CARD = 6  # Teams shows at most six buttons on a hero card
# The comment after a 👎: the id of its Input.Text, and the key of its submit action's data (the answer).
COMMENT_INPUT_ID = "comment"
COMMENT_FOR = "comment_for"

DISABLED = (
    "Le canal Microsoft Teams n'est pas configuré sur ce serveur : définissez TEAMS_APP_ID et "
    "TEAMS_APP_PASSWORD, puis redémarrez l'assistant."
)
UNAUTHORIZED = "Requête refusée : jeton Bot Framework absent ou invalide."
FORBIDDEN_SERVICE_URL = "Requête refusée : serviceUrl non autorisée."
BAD_REQUEST = "Activité Bot Framework invalide."
UNAVAILABLE = "Vérification du jeton impossible pour le moment (clés de signature indisponibles)."


class AuthenticationError(Exception):
    """The request does not carry a valid Bot Framework token (answered with 401)."""


class KeysUnavailable(Exception):
    """The signing keys could not be fetched (answered with 503: the sender may retry)."""


def _split(value: str) -> Tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


@dataclass(frozen=True)
class TeamsSettings:
    """Everything the connector needs; `from_env` documents the environment variables."""

    app_id: str = ""
    app_password: str = ""
    tenant_id: str = ""
    openid_metadata_url: str = DEFAULT_OPENID_METADATA_URL
    token_url: str = f"{DEFAULT_LOGIN_URL}/{MULTI_TENANT}/oauth2/v2.0/token"
    issuers: Tuple[str, ...] = (DEFAULT_ISSUER,)
    scope: str = DEFAULT_SCOPE
    service_url_pattern: str = DEFAULT_SERVICE_URL_PATTERN
    keys_ttl_seconds: float = 86400.0
    service_url_regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "service_url_regex", re.compile(self.service_url_pattern, re.IGNORECASE))

    @property
    def enabled(self) -> bool:
        return bool(self.app_id and self.app_password)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> TeamsSettings:
        """TEAMS_APP_ID, TEAMS_APP_PASSWORD (required); TEAMS_TENANT_ID (single-tenant bot);
        TEAMS_OPENID_METADATA_URL, TEAMS_LOGIN_URL, TEAMS_TOKEN_URL, TEAMS_ISSUER (comma-separated),
        TEAMS_OAUTH_SCOPE, TEAMS_SERVICE_URL_PATTERN, TEAMS_KEYS_TTL_SECONDS (optional)."""

        def get(name: str) -> str:
            return env.get(name, "").strip()

        tenant = get("TEAMS_TENANT_ID")
        login = (get("TEAMS_LOGIN_URL") or DEFAULT_LOGIN_URL).rstrip("/")
        return cls(
            app_id=get("TEAMS_APP_ID"),
            app_password=get("TEAMS_APP_PASSWORD"),
            tenant_id=tenant,
            openid_metadata_url=get("TEAMS_OPENID_METADATA_URL") or DEFAULT_OPENID_METADATA_URL,
            token_url=get("TEAMS_TOKEN_URL") or f"{login}/{tenant or MULTI_TENANT}/oauth2/v2.0/token",
            issuers=_split(get("TEAMS_ISSUER")) or (DEFAULT_ISSUER,),
            scope=get("TEAMS_OAUTH_SCOPE") or DEFAULT_SCOPE,
            service_url_pattern=get("TEAMS_SERVICE_URL_PATTERN") or DEFAULT_SERVICE_URL_PATTERN,
            keys_ttl_seconds=float(get("TEAMS_KEYS_TTL_SECONDS") or 86400),
        )

    def service_url_allowed(self, url: object) -> bool:
        """Replies carry the bot's token: only send them to the configured Microsoft hosts."""
        if not isinstance(url, str):
            return False
        parts = urlsplit(url)
        if parts.username or parts.password or parts.query or parts.fragment:
            return False
        return self.service_url_regex.fullmatch(url) is not None


class MicrosoftClient:
    """Non-blocking HTTP to Microsoft: signing keys (cached) and the bot's access token (cached)."""

    def __init__(self, settings: TeamsSettings) -> None:
        self.settings = settings
        self._session: Optional[aiohttp.ClientSession] = None
        self._keys: Dict[str, Dict[str, Any]] = {}
        self._keys_fetched_at = float("-inf")
        self._keys_lock: Optional[asyncio.Lock] = None
        self._token = ""
        self._token_expires_at = 0.0
        self._token_lock: Optional[asyncio.Lock] = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_SECONDS))
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def _get_json(self, url: str) -> Any:
        async with self._http().get(url) as reply:
            reply.raise_for_status()
            return await reply.json(content_type=None)

    async def _refresh_keys(self) -> None:
        metadata = await self._get_json(self.settings.openid_metadata_url)
        keys = await self._get_json(metadata["jwks_uri"])
        listed = keys.get("keys", [])
        self._keys = {key["kid"]: key for key in listed if isinstance(key, dict) and "kid" in key}
        self._keys_fetched_at = time.monotonic()
        logger.debug("Bot Framework signing keys refreshed: %d keys.", len(self._keys))

    async def signing_key(self, kid: str) -> Optional[Dict[str, Any]]:
        """The JWK with this id; the cache is refreshed when stale or (rate-limited) for an unknown id."""
        self._keys_lock = self._keys_lock or asyncio.Lock()
        async with self._keys_lock:
            age = time.monotonic() - self._keys_fetched_at
            unknown = kid not in self._keys and age > MIN_KEY_REFRESH_SECONDS
            if age > self.settings.keys_ttl_seconds or unknown:
                try:
                    await self._refresh_keys()
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, KeyError, TypeError) as error:
                    if not self._keys:
                        raise KeysUnavailable(str(error)) from error
                    logger.warning("Could not refresh the Bot Framework signing keys: %s", error)
            return self._keys.get(kid)

    async def access_token(self) -> str:
        """Client-credentials token for the Bot Connector, reused until shortly before it expires."""
        self._token_lock = self._token_lock or asyncio.Lock()
        async with self._token_lock:
            if self._token and time.monotonic() < self._token_expires_at:
                return self._token
            form = {
                "grant_type": "client_credentials",
                "client_id": self.settings.app_id,
                "client_secret": self.settings.app_password,
                "scope": self.settings.scope,
            }
            async with self._http().post(self.settings.token_url, data=form) as reply:
                reply.raise_for_status()
                data = await reply.json(content_type=None)
            self._token = str(data["access_token"])
            lifetime = float(data.get("expires_in", 3600))
            self._token_expires_at = time.monotonic() + max(lifetime - TOKEN_MARGIN_SECONDS, lifetime / 2)
            return self._token

    async def post_activity(self, url: str, activity: Dict[str, Any]) -> None:
        token = await self.access_token()
        headers = {"Authorization": f"Bearer {token}"}
        async with self._http().post(url, json=activity, headers=headers) as reply:
            if reply.status >= 300:
                detail = (await reply.text())[:500]
                logger.error("Bot Connector refused a reply (%s): %s", reply.status, detail)


class TokenValidator:
    """Checks an incoming request's Authorization header the way the Bot Framework SDKs do."""

    def __init__(self, settings: TeamsSettings, client: MicrosoftClient) -> None:
        self.settings = settings
        self.client = client

    async def validate(self, authorization: Optional[str], activity: Dict[str, Any]) -> Dict[str, Any]:
        match = re.fullmatch(r"Bearer\s+(\S+)", (authorization or "").strip())
        if not match:
            raise AuthenticationError("no bearer token")
        token = match.group(1)
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise AuthenticationError(f"unreadable token: {error}") from error
        if header.get("alg") not in ALGORITHMS:
            raise AuthenticationError(f"algorithm {header.get('alg')!r} not allowed")
        key = await self.client.signing_key(str(header.get("kid", "")))
        if key is None:
            raise AuthenticationError("unknown signing key")
        endorsements = key.get("endorsements")
        if isinstance(endorsements, list) and activity.get("channelId") not in endorsements:
            raise AuthenticationError(f"key does not endorse channel {activity.get('channelId')!r}")
        try:
            claims = jwt.decode(
                token,
                key=RSAAlgorithm.from_jwk(json.dumps(key)),
                algorithms=ALGORITHMS,
                audience=self.settings.app_id,
                issuer=list(self.settings.issuers),
                leeway=CLOCK_SKEW_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except (jwt.PyJWTError, ValueError, TypeError) as error:
            raise AuthenticationError(f"invalid token: {error}") from error
        if claims.get("serviceurl") != activity.get("serviceUrl"):
            raise AuthenticationError("serviceurl claim does not match the activity")
        return claims


def hero_cards(buttons: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Rasa buttons as hero cards; a click sends the payload back (messageBack) and shows the title."""
    actions = [
        {
            "type": "messageBack",
            "title": str(button.get("title", "")),
            "displayText": str(button.get("title", "")),
            "text": str(button.get("payload", button.get("title", ""))),
            "value": {"payload": str(button.get("payload", button.get("title", "")))},
        }
        for button in buttons
    ]
    return [
        {"contentType": HERO_CARD, "content": {"buttons": actions[i : i + BUTTONS_PER_CARD]}}
        for i in range(0, len(actions), BUTTONS_PER_CARD)
    ]


def markdown_link(title: str, url: str) -> str:
    """A named link in an Adaptive Card TextBlock (Markdown subset): [title](url)."""
    label = title.replace("[", "(").replace("]", ")")
    return f"[{label}]({url.replace(' ', '%20').replace(')', '%29')})"


def text_block(text: str, **style: Any) -> Dict[str, Any]:
    return {"type": "TextBlock", "text": text, "wrap": True, **style}


def submit_action(button: Dict[str, str]) -> Dict[str, Any]:
    """A reply button: the chat shows its title, the bot receives its payload (as for the hero cards)."""
    title, payload = str(button.get("title", "")), str(button.get("payload", button.get("title", "")))
    return {
        "type": "Action.Submit",
        "title": title,
        "data": {
            "payload": payload,
            "msteams": {"type": "messageBack", "displayText": title, "text": payload},
        },
    }


def comment_input(reply: Reply) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """After a 👎 (issue 13): a labelled one-line Input.Text and the action that submits it. Teams sends
    the action's data with the input's value (``{"comment_for": id, "comment": text}``) as the
    activity's ``value``; activity_text reads it back."""
    if not reply.comment_for:
        return [], []
    field = {
        "type": "Input.Text",
        "id": COMMENT_INPUT_ID,
        "label": COMMENT_LABEL,
        "placeholder": COMMENT_PLACEHOLDER,
        "maxLength": MAX_COMMENT_CHARS,
        "isRequired": True,
        "errorMessage": "Écrivez votre remarque avant de l'envoyer.",
    }
    submit = {"type": "Action.Submit", "title": COMMENT_SEND, "data": {COMMENT_FOR: reply.comment_for}}
    return [field], [submit]


def adaptive_card(reply: Reply) -> Dict[str, Any]:
    """The parts of a structured reply that the activity's text does not carry: its links, the sources
    (small and subtle, named links and the date consulted), « En savoir plus » as a ShowCard that opens the
    details in place (no second message), and the buttons."""
    body: List[Dict[str, Any]] = []
    if reply.links:
        body.append(text_block(" · ".join(markdown_link(link.title, link.url) for link in reply.links)))
    if reply.sources:
        links = " · ".join(markdown_link(source.title, source.url) for source in reply.sources)
        line = f"{sources_label(reply.sources)} : {links} — {consulted_note(reply.sources)}"
        body.append(text_block(line, size="Small", isSubtle=True, spacing="Medium"))
    fields, actions = comment_input(reply)
    body += fields
    if reply.details:
        details = [text_block(reply.details)]
        if reply.detail_links:
            details.append(
                text_block(" · ".join(markdown_link(link.title, link.url) for link in reply.detail_links))
            )
        actions.append(
            {
                "type": "Action.ShowCard",
                "title": DETAILS_TITLE,
                "card": {"type": "AdaptiveCard", "version": ADAPTIVE_CARD_VERSION, "body": details},
            }
        )
    votes = [
        {**submit_action({"title": b["title"], "payload": b["payload"]}), "tooltip": b["label"]}
        for b in vote_buttons(reply)
    ]
    actions += [submit_action(button) for button in reply.buttons[: CARD_ACTIONS - len(actions) - len(votes)]]
    actions += votes  # 👍 / 👎 (issue 13), the tooltip names them for screen readers
    return {
        "contentType": ADAPTIVE_CARD,
        "content": {
            "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "type": "AdaptiveCard",
            "version": ADAPTIVE_CARD_VERSION,
            "body": body,
            "actions": actions,
        },
    }


class TeamsOutput(OutputChannel):
    """Replies to one incoming activity, in its conversation."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    def __init__(self, client: MicrosoftClient, activity: Dict[str, Any]) -> None:
        self.client = client
        self.activity = activity
        service_url = str(activity["serviceUrl"]).rstrip("/")
        conversation = quote(str(activity["conversation"]["id"]), safe="")
        reply_to = quote(str(activity.get("id", "")), safe="")
        self.url = f"{service_url}/v3/conversations/{conversation}/activities"
        if reply_to:
            self.url = f"{self.url}/{reply_to}"

    def _reply(self, **fields: Any) -> Dict[str, Any]:
        reply = {
            "type": "message",
            "from": self.activity.get("recipient"),
            "recipient": self.activity.get("from"),
            "conversation": self.activity.get("conversation"),
            "locale": "fr-FR",
        }
        if self.activity.get("id"):
            reply["replyToId"] = self.activity["id"]
        reply.update(fields)
        return reply

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self.client.post_activity(self.url, self._reply(text=text, textFormat="markdown"))

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        """A structured answer (actions/reply.py) is one activity: the short answer as text (what
        notifications and every Teams client show) and an Adaptive Card with the rest."""
        reply = parse_payload(message.get("custom"))
        if reply is None:
            await super().send_response(recipient_id, message)
            return
        text = reply.text
        if reply.copy:  # the handoff text (issue 13): a code block, easy to copy
            text += "\n\n```\n" + reply.copy.replace("```", "'''") + "\n```"
        await self.client.post_activity(
            self.url,
            self._reply(text=text, textFormat="markdown", attachments=[adaptive_card(reply)]),
        )

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any
    ) -> None:
        await self.client.post_activity(
            self.url,
            self._reply(
                text=text, textFormat="markdown", attachmentLayout="list", attachments=hero_cards(buttons)
            ),
        )

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        card = {"contentType": HERO_CARD, "content": {"images": [{"url": image}]}}
        await self.client.post_activity(self.url, self._reply(attachments=[card]))

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        await self.client.post_activity(self.url, self._reply(**json_message))


def activity_text(activity: Dict[str, Any]) -> str:
    """What the user said: a button's payload, or the text without the mention of the bot."""
    value = activity.get("value")
    if isinstance(value, dict) and isinstance(value.get("payload"), str):
        return value["payload"]
    if isinstance(value, dict) and isinstance(value.get(COMMENT_FOR), str):
        comment = value.get(COMMENT_INPUT_ID)
        return comment_payload(value[COMMENT_FOR], comment if isinstance(comment, str) else "")
    text = activity.get("text") if isinstance(activity.get("text"), str) else ""
    bot_id = (activity.get("recipient") or {}).get("id")
    for entity in activity.get("entities") or []:
        if (
            isinstance(entity, dict)
            and entity.get("type") == "mention"
            and (entity.get("mentioned") or {}).get("id") == bot_id
            and isinstance(entity.get("text"), str)
        ):
            text = text.replace(entity["text"], " ")
    return html.unescape(text).strip()


class TeamsChannel(InputChannel):
    """Bot Framework webhook for Microsoft Teams, configured from TEAMS_* environment variables."""

    @classmethod
    def name(cls) -> str:
        return "teams"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls(TeamsSettings.from_env(os.environ))

    def __init__(self, settings: TeamsSettings) -> None:
        self.settings = settings
        self.client = MicrosoftClient(settings)
        self.validator = TokenValidator(settings, self.client)
        self.limiter = RateLimiter()
        self.recent = RecentKeys()
        self._tasks = BackgroundTasks("Teams reply")
        if not settings.enabled:
            logger.info("Teams channel disabled: TEAMS_APP_ID or TEAMS_APP_PASSWORD is not set.")

    async def _handle(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        authorization = request.headers.get("Authorization")
        if not authorization:
            return response.text(UNAUTHORIZED, status=HTTPStatus.UNAUTHORIZED)
        try:
            activity = guard.load_json(request.body or b"null")
        except ValueError:
            return response.text(BAD_REQUEST, status=HTTPStatus.BAD_REQUEST)
        if not isinstance(activity, dict):
            return response.text(BAD_REQUEST, status=HTTPStatus.BAD_REQUEST)
        try:
            await self.validator.validate(authorization, activity)
        except AuthenticationError as error:
            logger.warning("Teams request rejected: %s", error)
            return response.text(UNAUTHORIZED, status=HTTPStatus.UNAUTHORIZED)
        except KeysUnavailable as error:
            logger.error("Bot Framework signing keys unavailable: %s", error)
            return response.text(UNAVAILABLE, status=HTTPStatus.SERVICE_UNAVAILABLE)
        if not self.settings.service_url_allowed(activity.get("serviceUrl")):
            logger.warning("Teams request rejected: serviceUrl %r not allowed", activity.get("serviceUrl"))
            return response.text(FORBIDDEN_SERVICE_URL, status=HTTPStatus.FORBIDDEN)
        if activity.get("type") != "message":
            return response.text("")
        sender = (activity.get("from") or {}).get("id")
        conversation = activity.get("conversation") or {}
        if not sender or not conversation.get("id"):
            return response.text(BAD_REQUEST, status=HTTPStatus.BAD_REQUEST)
        if activity.get("id") and self.recent.seen_before([f"{conversation['id']}:{activity['id']}"]):
            logger.info("Teams activity already handled: ignored.")
            return response.text("")
        output = TeamsOutput(self.client, activity)
        text = activity_text(activity)
        entities = guard.agent_entities(getattr(request.app.ctx, "agent", None))
        answer, screened = guard.screen_message(text, str(sender), self.limiter, entities)
        if answer is not None:
            if answer == guard.TOO_FAST:
                metrics.RATE_LIMITED.labels("teams", "too_fast").inc()
            self._tasks.spawn(output.send_text_message(str(sender), answer))
            return response.text("")
        metadata = {
            "conversation_type": conversation.get("conversationType"),
            "tenant_id": conversation.get("tenantId"),
        }
        message = UserMessage(screened, output, str(sender), input_channel=self.name(), metadata=metadata)
        self._tasks.spawn(metrics.timed(on_new_message, "teams")(message))
        return response.text("")

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        teams_webhook = Blueprint("teams_webhook", __name__)

        @teams_webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok" if self.settings.enabled else "disabled"})

        @teams_webhook.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            if not self.settings.enabled:
                return response.text(DISABLED, status=HTTPStatus.SERVICE_UNAVAILABLE)
            return await self._handle(request, on_new_message)

        @teams_webhook.listener("after_server_stop")
        async def close_http(*_: Any) -> None:
            await self.client.close()

        return teams_webhook
