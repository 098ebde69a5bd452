"""Checks every channel applies to a user message before it reaches the assistant.

- personal data (e-mail addresses, phone numbers) is masked before anything is stored or logged;
- control characters and invalid code points are removed (PostgreSQL refuses NUL in text);
- messages longer than MAX_MESSAGE_CHARS get a polite answer and never reach the model;
- a sender who sends too many messages in a short time, or too many at once, is asked to slow down;
- request bodies too deeply nested are refused before anything walks them;
- a button payload ("/intent{...}") sets only the entities and values the domain allows;
- a delivery seen shortly before (a retry, a double click) can be recognised (RecentKeys).

Every limit comes from the environment (documented in the README, « Mise en production »).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import time
import unicodedata
from collections import OrderedDict, defaultdict, deque
from pathlib import Path
from typing import Any, Collection, Deque, Dict, Iterable, Mapping, Optional, Tuple

from privacy import EMAIL, MASKED_EMAIL, MASKED_PHONE, PHONE, mask_personal_data  # noqa: F401 - re-exported

MAX_MESSAGE_CHARS = int(os.environ.get("MAX_MESSAGE_CHARS", "2000"))
RATE_LIMIT_MESSAGES = int(os.environ.get("RATE_LIMIT_MESSAGES", "30"))
RATE_LIMIT_SECONDS = float(os.environ.get("RATE_LIMIT_SECONDS", "60"))
MAX_IN_FLIGHT_PER_SENDER = int(os.environ.get("MAX_IN_FLIGHT_PER_SENDER", "3"))
# Same variable as Sanic's own cap, so the channel answers a clear 413 even when Sanic's default applies.
MAX_REQUEST_BYTES = int(os.environ.get("SANIC_REQUEST_MAX_SIZE", "65536"))
MAX_SENDER_CHARS = 128
# Deeper JSON is refused before anything walks it (recursive code would overflow the stack).
MAX_JSON_DEPTH = 32
# Slack retries a delivery three times within about five minutes; deliveries seen within this time are
# duplicates (RecentKeys).
DEDUP_SECONDS = 600.0
# Longest value a button payload (/intent{"entity": "value"}) may give an entity.
MAX_ENTITY_CHARS = 100
SENDER_KEY_FILE = Path(__file__).resolve().parent.parent / "var" / "sender-hash.key"

# C0/C1 control characters except tab and newline, plus lone surrogates (not encodable in UTF-8).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
JSON_BRACKET = re.compile(rb"[\[\]{}]")
# A button payload: /intent, optional @confidence, optional {"entity": "value", ...}.
PAYLOAD = re.compile(r"^/([A-Za-z0-9_]+)(@[0-9.]+)?(\{.*\})?$", re.DOTALL)

TOO_LONG = (
    "Votre message est trop long pour moi (plus de {limit} caractères). "
    "Pouvez-vous résumer votre question en quelques phrases ?"
)
TOO_FAST = (
    "Vous m'envoyez beaucoup de messages à la suite. "
    "Patientez quelques secondes, puis reposez votre question."
)
STILL_ANSWERING = (
    "Je réponds encore à vos messages précédents. Patientez quelques secondes, puis reposez votre question."
)
EMPTY = "Votre message est vide. Posez-moi votre question sur vos achats durables."
# When the assistant said nothing (e.g. a typed "/restart"): the user is never left without an answer.
NO_ANSWER = (
    "C'est noté. Posez-moi votre question sur vos achats durables, par exemple : "
    "« Quel réseau pour un acheteur à Rennes ? »"
)
# When an action could not run (rasa_patches.resilience): said instead of the answer.
TECHNICAL_PROBLEM = (
    "Désolé, un problème technique m'empêche de vous répondre pour le moment. "
    "Réessayez dans quelques instants."
)


def clean_text(text: str) -> str:
    """Text without control characters or lone surrogates (tabs and newlines kept), in NFKC form:
    full-width digits and signs ("０６", "＠") become the ordinary ones, so masking sees them."""
    return unicodedata.normalize("NFKC", CONTROL.sub(" ", text))


def mask_value(value: Any) -> Any:
    """mask_personal_data + clean_text applied to every string of a JSON value (depth checked first:
    json_depth)."""
    if isinstance(value, str):
        return mask_personal_data(clean_text(value))
    if isinstance(value, list):
        return [mask_value(item) for item in value]
    if isinstance(value, dict):
        return {mask_value(str(key)): mask_value(item) for key, item in value.items()}
    return value


def json_depth(body: bytes) -> int:
    """Nesting depth of a JSON text, without parsing it (brackets outside strings)."""
    depth = deepest = 0
    for bracket in JSON_BRACKET.findall(JSON_STRING.sub(b'""', body)):
        if bracket in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def load_json(body: bytes) -> Any:
    """The JSON value of a request body; ValueError when it is not JSON, too deep, or not UTF-8."""
    if json_depth(body) > MAX_JSON_DEPTH:
        raise ValueError("too deep")
    return json.loads(body.decode("utf-8"))


def sender_key() -> bytes:
    """The secret of sender hashes: SENDER_HASH_KEY, else one generated once and kept in var/."""
    configured = os.environ.get("SENDER_HASH_KEY", "")
    if configured:
        return configured.encode("utf-8")
    if not SENDER_KEY_FILE.exists():
        SENDER_KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(SENDER_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as key_file:
            key_file.write(secrets.token_hex(32))
    return SENDER_KEY_FILE.read_text().strip().encode("utf-8")


def safe_sender(sender: str) -> str:
    """A conversation id that holds no personal data: an e-mail or phone number becomes a keyed hash
    (HMAC-SHA256: without the key, no dictionary of addresses gives it back)."""
    sender = clean_text(sender).strip()
    if mask_personal_data(sender) != sender:
        digest = hmac.new(sender_key(), sender.encode("utf-8"), hashlib.sha256).hexdigest()
        return "anon-" + digest[:32]
    return sender


def valid_entity_value(value: Any, allowed: Optional[Collection[str]]) -> bool:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_ENTITY_CHARS:
        return False
    return allowed is None or value in allowed


def screen_payload(text: str, entities: Mapping[str, Optional[Collection[str]]]) -> str:
    """A button payload ("/intent{...}") keeps only the entities the domain declares, with valid values.

    `entities` maps each entity to its allowed values (None: any text up to MAX_ENTITY_CHARS). Values
    that are not text, too long, or outside a categorical slot's values are dropped, so no payload
    puts into a slot what the assistant itself never would. Other messages are returned unchanged.
    """
    found = PAYLOAD.match(text)
    if not found or not found.group(3):
        return text
    intent, confidence, raw = found.groups()
    try:
        given = load_json(raw.encode("utf-8"))
    except ValueError:
        given = None
    kept: Dict[str, Any] = {}
    if isinstance(given, dict):
        for name, value in given.items():
            values = value if isinstance(value, list) else [value]
            good = [v for v in values if name in entities and valid_entity_value(v, entities[name])]
            if good and len(good) == len(values):
                kept[name] = mask_value(value)  # what the JSON escaped ("\\n06…", "\\u0030…") is masked too
    suffix = json.dumps(kept, ensure_ascii=False) if kept else ""
    return f"/{intent}{confidence or ''}{suffix}"


class RateLimiter:
    """Sliding-window limit of messages per sender (in memory, per server process).

    Behind a load balancer each process counts for itself: the per-IP limit of nginx
    (deploy/nginx.conf) is the global one.
    """

    def __init__(self, limit: int = RATE_LIMIT_MESSAGES, window_seconds: float = RATE_LIMIT_SECONDS) -> None:
        self.limit = limit
        self.window = window_seconds
        self._seen: Dict[str, Deque[float]] = defaultdict(deque)
        self._last_sweep = 0.0

    def allow(self, sender: str, now: Optional[float] = None) -> bool:
        now = time.monotonic() if now is None else now
        self._sweep(now)
        stamps = self._seen[sender]
        while stamps and now - stamps[0] > self.window:
            stamps.popleft()
        if len(stamps) >= self.limit:
            return False
        stamps.append(now)
        return True

    def tracked_senders(self) -> int:
        return len(self._seen)

    def _sweep(self, now: float) -> None:
        """Forget senders silent for a whole window, so memory stays bounded by the active senders."""
        if now - self._last_sweep < self.window:
            return
        self._last_sweep = now
        for sender in [s for s, stamps in self._seen.items() if not stamps or now - stamps[-1] > self.window]:
            del self._seen[sender]


def refusal(text: str, sender: str, limiter: RateLimiter) -> Optional[str]:
    """The polite answer that replaces the assistant's for a message it must not process, else None."""
    if not text.strip():
        return EMPTY
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG.format(limit=MAX_MESSAGE_CHARS)
    if not limiter.allow(sender):
        return TOO_FAST
    return None


class InFlight:
    """Messages of each sender being processed now (per server process): beyond a few, refuse at once
    rather than queue on the conversation lock."""

    def __init__(self, limit: int = MAX_IN_FLIGHT_PER_SENDER) -> None:
        self.limit = limit
        self._count: Dict[str, int] = defaultdict(int)

    def enter(self, sender: str) -> bool:
        if self._count[sender] >= self.limit:
            return False
        self._count[sender] += 1
        return True

    def leave(self, sender: str) -> None:
        self._count[sender] -= 1
        if self._count[sender] <= 0:
            del self._count[sender]


class RecentKeys:
    """Remembers keys for a while: a key seen twice within `ttl` seconds is a duplicate delivery."""

    def __init__(self, ttl: float = DEDUP_SECONDS, max_size: int = 50_000) -> None:
        self.ttl = ttl
        self.max_size = max_size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def seen_before(self, keys: Iterable[str], now: Optional[float] = None) -> bool:
        """True if any key was seen recently; records all of them either way."""
        now = time.monotonic() if now is None else now
        while self._seen and (
            len(self._seen) > self.max_size or now - next(iter(self._seen.values())) > self.ttl
        ):
            self._seen.popitem(last=False)
        keys = [key for key in keys if key]
        duplicate = any(key in self._seen for key in keys)
        for key in keys:
            self._seen[key] = now
            self._seen.move_to_end(key)
        return duplicate


_ENTITIES_CACHE: Dict[int, Dict[str, Optional[Collection[str]]]] = {}


def agent_entities(agent: Any) -> Dict[str, Optional[Collection[str]]]:
    """domain_entities of the agent's domain, computed once per loaded domain."""
    domain = getattr(agent, "domain", None)
    if domain is None:
        return {}
    if id(domain) not in _ENTITIES_CACHE:
        _ENTITIES_CACHE.clear()  # one model at a time: a new domain replaces the old one
        _ENTITIES_CACHE[id(domain)] = domain_entities(domain)
    return _ENTITIES_CACHE[id(domain)]


def domain_entities(domain: Any) -> Dict[str, Optional[Collection[str]]]:
    """Each entity of a Rasa domain with the values a categorical slot filled from it allows."""
    allowed: Dict[str, Optional[Collection[str]]] = {name: None for name in domain.entities}
    for slot in domain.slots:
        values = getattr(slot, "values", None)
        if not values:
            continue
        for mapping in slot.mappings:
            if mapping.get("type") == "from_entity" and mapping.get("entity") in allowed:
                allowed[mapping["entity"]] = frozenset(str(v) for v in values)
    return allowed


def screen_message(
    text: str, sender: str, limiter: RateLimiter, entities: Mapping[str, Optional[Collection[str]]]
) -> Tuple[Optional[str], str]:
    """Every channel's step before Rasa: (the polite refusal, or None; the text Rasa may see).

    The button payload is screened against the domain, then the text is masked (personal data): a
    value within the limit before masking is kept (the widget's comment after a 👎, up to 100
    characters, stays even when a mask makes it longer).
    """
    answer = refusal(text, sender, limiter)
    if answer is not None:
        return answer, ""
    return None, mask_personal_data(screen_payload(text, entities))
