"""« c'est une bonne idée ? » right after an answer: the buyer asks for an opinion on what was just said.

The assistant gives no opinion of its own (its answers come from its sources); it says so in one sentence
and names who advises a buyer on a case, for free: the guichet vert. Never out of scope after an answer.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.render import Reply
from textnorm import question_form

# An opinion asked on the thing just answered, with no subject of its own (« c'est une mauvaise idée ? »,
# « ça vaut le coup ? », « vous me le conseillez ? », « à votre avis ? »); not « c'est recommandé ? » or
# « c'est risqué ? », which ask what the sources say.
ASKS_OPINION = re.compile(
    r"^(?:(?:et|mais|donc|alors|bon|du coup|franchement|honnetement) )*"
    r"(?:"
    r"(?:c est|c|ce serait|ca serait|ce n est pas|c est pas|est ce|est ce que c est) (?:vraiment )?"
    r"(?:une? )?(?:(?:tres|si) )?(?:bonne|mauvaise|excellente|fausse) idee"
    r"|(?:ca|cela) (?:vaut|vaudrait) (?:vraiment )?(?:le coup|la peine)"
    r"|(?:vous|tu) (?:me |nous )?(?:le |la |les |l )?(?:conseillez|conseilles|recommandez|recommandes)"
    r"|(?:a|selon) (?:votre|ton) avis|(?:qu en|que) (?:pensez vous|penses tu)"
    r")"
    r"(?: (?:selon vous|a votre avis|d apres vous|vraiment|quand meme|franchement|pour nous|pour moi))*$"
)
MAX_OPINION_WORDS = 9
OPINION_TEXT = (
    "Je ne donne pas d'avis sur votre cas : je m'en tiens à ce que disent mes sources. Pour un conseil "
    "adapté à votre achat, le guichet vert répond gratuitement, par écrit, aux acheteurs soumis au code de "
    "la commande publique."
)
OPINION_BUTTONS = [{"title": "Le guichet vert", "payload": "/ask_guichet_vert"}]


def asks_opinion(text: str) -> bool:
    """A short request for the assistant's opinion on what it just answered (see ``ASKS_OPINION``)."""
    plain = question_form(text).strip(" ?!.")
    return len(plain.split()) <= MAX_OPINION_WORDS and bool(ASKS_OPINION.match(plain))


def opinion_reply(text: str, after_answer: bool) -> Optional[Reply]:
    """The reply to an opinion asked right after an answer; None for any other message."""
    return Reply(OPINION_TEXT, OPINION_BUTTONS) if after_answer and asks_opinion(text) else None
