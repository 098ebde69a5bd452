"""Checks every channel applies to a user message before it reaches the assistant.

- personal data (e-mail addresses, phone numbers) is masked before anything is stored or logged;
- control characters and invalid code points are removed (PostgreSQL refuses NUL in text);
- messages longer than MAX_MESSAGE_CHARS get a polite answer and never reach the model;
- a sender who sends too many messages in a short time is asked to slow down.

Every limit comes from the environment (documented in the README, « Mise en production »).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import unicodedata
from collections import defaultdict, deque
from typing import Any, Deque, Dict, Optional

MAX_MESSAGE_CHARS = int(os.environ.get("MAX_MESSAGE_CHARS", "2000"))
RATE_LIMIT_MESSAGES = int(os.environ.get("RATE_LIMIT_MESSAGES", "30"))
RATE_LIMIT_SECONDS = float(os.environ.get("RATE_LIMIT_SECONDS", "60"))
# Same variable as Sanic's own cap, so the channel answers a clear 413 even when Sanic's default applies.
MAX_REQUEST_BYTES = int(os.environ.get("SANIC_REQUEST_MAX_SIZE", "65536"))
MAX_SENDER_CHARS = 128

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# French numbers (0X XX XX XX XX, +33 X ..., 0033 ...) and other international numbers (+CC ...).
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\d{2,3}[\s.-]?(?:\(0\))?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\d)")
# C0/C1 control characters except tab and newline, plus lone surrogates (not encodable in UTF-8).
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

MASKED_EMAIL = "[adresse e-mail masquée]"
MASKED_PHONE = "[numéro de téléphone masqué]"
TOO_LONG = (
    "Votre message est trop long pour moi (plus de {limit} caractères). "
    "Pouvez-vous résumer votre question en quelques phrases ?"
)
TOO_FAST = (
    "Vous m'envoyez beaucoup de messages à la suite. "
    "Patientez quelques secondes, puis reposez votre question."
)
EMPTY = "Votre message est vide. Posez-moi votre question sur vos achats durables."
# When the assistant said nothing (e.g. a typed "/restart"): the user is never left without an answer.
NO_ANSWER = (
    "C'est noté. Posez-moi votre question sur vos achats durables, par exemple : "
    "« Quel réseau pour un acheteur à Rennes ? »"
)


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses and phone numbers with neutral placeholders."""
    return PHONE.sub(MASKED_PHONE, EMAIL.sub(MASKED_EMAIL, text))


def clean_text(text: str) -> str:
    """Unicode-normalised text without control characters or lone surrogates (tabs and newlines kept)."""
    return unicodedata.normalize("NFC", CONTROL.sub(" ", text))


def mask_value(value: Any) -> Any:
    """mask_personal_data + clean_text applied to every string of a JSON value (metadata)."""
    if isinstance(value, str):
        return mask_personal_data(clean_text(value))
    if isinstance(value, list):
        return [mask_value(item) for item in value]
    if isinstance(value, dict):
        return {mask_value(str(key)): mask_value(item) for key, item in value.items()}
    return value


def safe_sender(sender: str) -> str:
    """A conversation id that holds no personal data: an e-mail or phone number becomes a stable hash."""
    sender = clean_text(sender).strip()
    if mask_personal_data(sender) != sender:
        return "anon-" + hashlib.sha256(sender.encode("utf-8")).hexdigest()[:24]
    return sender


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
