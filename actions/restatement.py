"""« c'était pas 100 millions avant ? », « donc pas d'obligation pour nous ? »: the buyer checks, in their own
words, a fact of the answer just given.

The reply is the sentence of that answer that holds the fact, so that the buyer reads it again as the
sources say it, with no verdict of its own: a restatement may be wrong in a way no word match can tell
(« c'était pas 50 millions avant ? » when 50 millions is today's threshold), and the sentence settles it.
A message that states the buyer's own sum (« donc avec 60 millions on est concernés ? ») is no restatement:
``amounts.sum_verdict`` compares it with the threshold.
"""

from __future__ import annotations

import re
from typing import Optional

from actions.amounts import OWN_SPEND, stated_sum
from actions.focus import WH_WORD, stems, units
from actions.render import Reply
from actions.understanding import named_topics
from textnorm import question_form

# How a restatement opens (« donc … ? », « si je comprends bien … ? », « non, c'était pas … ? »).
RESTATES = re.compile(
    r"^(?:(?:ok|bon|ah|oui|non|d accord|merci) )*(?:et )?"
    r"(?:donc|du coup|en gros|autrement dit|en clair|si je comprends bien|si j ai bien compris"
    r"|(?:ca|cela) (?:veut dire|signifie) (?:que|qu)|c etait pas|c est pas|ce n etait pas|ce n est pas"
    r"|c etait bien|c est bien|n etait ce pas)\b"
)
# Words that say a rule binds or not: a restatement may use any of them for the answer's own.
BINDING = re.compile(r"\b(?:oblig\w*|impos\w*|soumis\w*|concern\w*|tenue?s?|s appliqu\w*|applicables?)\b")
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
MAX_RESTATEMENT_WORDS = 10
BINDING_KEY = "<binding>"
SAID_AS = "D'après mes sources :"


def restates(text: str) -> bool:
    """A short question that restates something: it opens as ``RESTATES`` says, asks nothing with a
    question word, names no topic and states no sum of the buyer's own."""
    plain = " ".join(re.sub(r"[^\w ]", " ", question_form(text)).split())
    return (
        "?" in text
        and 1 < len(plain.split()) <= MAX_RESTATEMENT_WORDS
        and bool(RESTATES.match(plain))
        and not WH_WORD.search(plain)
        and not named_topics(text)
        and not (stated_sum(text) is not None and OWN_SPEND.search(plain))
    )


def _keys(text: str) -> frozenset:
    """The content stems of a text, with one shared key for every word of ``BINDING``."""
    plain = question_form(text)
    found = set(stems(BINDING.sub(" ", plain)))
    if BINDING.search(plain):
        found.add(BINDING_KEY)
    return frozenset(found)


def restated_sentence(text: str, last_answer: str) -> Optional[str]:
    """The sentence of the last answer sharing most content words with the restatement (a number it
    writes weighs most); None when none shares any."""
    asked = _keys(text)
    numbers = set(NUMBER.findall(question_form(text)))
    best: Optional[str] = None
    best_score = 0
    for sentence in units(last_answer):
        score = len(asked & _keys(sentence)) + 2 * len(numbers & set(NUMBER.findall(sentence)))
        if score > best_score:
            best, best_score = sentence, score
    return best


def restatement_reply(text: str, last_answer: str) -> Optional[Reply]:
    """The sentence of the last answer that a restatement checks, as the sources say it; None when the
    message is no restatement or no sentence holds what it restates."""
    if not last_answer or not restates(text):
        return None
    sentence = restated_sentence(text, last_answer)
    if sentence is None:
        return None
    return Reply(f"{SAID_AS} {after_colon(VERDICT.sub('', sentence))}")


VERDICT = re.compile(r"^(?:Oui|Non)\s*:\s*")
# First words written in lower case after a colon (a name, an acronym keeps its capital).
COMMON_FIRST_WORDS = frozenset(
    "le la les un une des il elle ils elles doivent depuis pour au aux en dans ce cette ces son sa ses vous "
    "votre vos leur leurs on si l".split()
)


def after_colon(sentence: str) -> str:
    """The sentence as it reads after « … : »: its first word in lower case when it is a common word."""
    first = re.split(r"[\s']", sentence, maxsplit=1)[0]
    return sentence[:1].lower() + sentence[1:] if first.lower() in COMMON_FIRST_WORDS else sentence
