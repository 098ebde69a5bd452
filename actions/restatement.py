"""« c'était pas 100 millions avant ? », « donc pas d'obligation pour nous ? »: the buyer checks, in their own
words, a fact of the answer just given.

The reply is the sentence of that answer that holds the fact, so the buyer reads it again as the sources
say it. « Oui : » comes first only when the figure the buyer wrote is in that sentence; otherwise the
sentence is given without a verdict (a restatement may be wrong, and the sentence settles it).
"""

from __future__ import annotations

import re
from typing import List, Optional

from actions.focus import stems, units
from actions.render import Reply
from actions.understanding import named_topics
from textnorm import question_form

# How a restatement opens (« donc … ? », « si je comprends bien … ? », « c'était pas … ? »).
RESTATES = re.compile(
    r"^(?:(?:ok|bon|ah|d accord|merci) )*(?:et )?"
    r"(?:donc|du coup|en gros|autrement dit|en clair|si je comprends bien|si j ai bien compris"
    r"|(?:ca|cela) (?:veut dire|signifie) (?:que|qu)|c etait pas|c est pas|ce n etait pas|ce n est pas"
    r"|c etait bien|c est bien|n etait ce pas)\b"
)
# Words that say a rule binds or not: a restatement may use any of them for the answer's own.
BINDING = re.compile(
    r"\b(?:oblig\w*|impos\w*|soumis\w*|concern\w*|tenu\w*|s appliqu\w*|applicable\w*|vis\w*|doi\w*)\b"
)
NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
MAX_RESTATEMENT_WORDS = 10
BINDING_STEM = "<binding>"


def restates(text: str) -> bool:
    """A short question that restates something, opening as ``RESTATES`` says and naming no topic."""
    plain = question_form(text).strip(" ?!.")
    return (
        "?" in text
        and 1 < len(plain.split()) <= MAX_RESTATEMENT_WORDS
        and bool(RESTATES.match(plain))
        and not named_topics(text)
    )


def _keys(text: str) -> frozenset:
    """The content stems of a text, with one shared key for every word of ``BINDING``."""
    plain = question_form(text)
    found = set(stems(BINDING.sub(" ", plain)))
    if BINDING.search(plain):
        found.add(BINDING_STEM)
    return frozenset(found)


def restated_sentence(text: str, last_answer: str) -> Optional[str]:
    """The sentence of the last answer sharing most content words with the restatement (a number it
    writes weighs most); None when none shares any."""
    asked = _keys(text)
    numbers = set(NUMBER.findall(question_form(text)))
    best: Optional[str] = None
    best_score = 0
    candidates: List[str] = units(last_answer)
    for sentence in candidates:
        score = len(asked & _keys(sentence)) + 2 * len(numbers & set(NUMBER.findall(sentence)))
        if score > best_score:
            best, best_score = sentence, score
    return best


def restatement_reply(text: str, last_answer: str) -> Optional[Reply]:
    """The sentence of the last answer that a restatement checks, « Oui : » first when the figure written is
    in it; None when the message is no restatement or no sentence holds what it restates."""
    if not last_answer or not restates(text):
        return None
    sentence = restated_sentence(text, last_answer)
    if sentence is None:
        return None
    numbers = set(NUMBER.findall(question_form(text)))
    said = after_colon(VERDICT.sub("", sentence))
    if numbers and numbers <= set(NUMBER.findall(sentence)):
        return Reply(f"Oui : {said}")
    return Reply(f"D'après mes sources : {said}")


VERDICT = re.compile(r"^(?:Oui|Non)\s*:\s*")
# First words written in lower case after a colon (a name, an acronym keeps its capital).
COMMON_FIRST_WORDS = frozenset(
    "le la les un une des il elle ils elles doivent depuis pour au aux en dans ce cette ces son sa ses vous "
    "votre vos leur leurs on".split()
)


def after_colon(sentence: str) -> str:
    """The sentence as it reads after « … : »: its first word in lower case when it is a common word."""
    first = re.split(r"[\s']", sentence, maxsplit=1)[0]
    if first.lower() in COMMON_FIRST_WORDS or first.lower() == "l":
        return sentence[:1].lower() + sentence[1:]
    return sentence
