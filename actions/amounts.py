"""A sum the buyer states about themselves, compared with the threshold of the answer just given.

After « le SPASER est obligatoire au-delà de 50 millions d'euros d'achats annuels », a buyer writes « on a
120 M€ d'achats, on est concernés ? », « et 75 millions ça passe ? » or « on dépense environ 900 millions
par an »: the answer is yes or no from the comparison, then the threshold sentence. Only a threshold that
the last answer states is used (a sum of money after « dépasse », « au-delà de », « supérieur à »...), so
the verdict never rests on a figure the knowledge does not hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from actions.focus import units
from textnorm import normalize, question_form

# A sum in millions of euros: « 120 M€ », « 120 millions », « 1,2 milliard », « 900 M », « 120 MEUR ».
NUMBER = r"(\d+(?:[.,]\d+)?)"
MILLIONS = r"(?:millions?|m€|meur|m euros?|m|me)"
BILLIONS = r"(?:milliards?|mds?|md€|mrd)"
SUM = re.compile(rf"\b{NUMBER} ?(?:({BILLIONS})|{MILLIONS})(?![a-z])")
# « entre 40 et 60 millions »: a range, no single figure to compare.
RANGE = re.compile(r"\b\d+(?:[.,]\d+)? ?(?:et|a|ou|-) ?\d")
# How an answer states a threshold: what is above it is bound.
THRESHOLD = re.compile(
    rf"\b(?:depass\w*|au dela de|superieurs? (?:ou egale?s? )?a|plus de|egale? ou superieure? a)"
    rf" {NUMBER} ?(?:({BILLIONS})|{MILLIONS}) (?:d )?euros"
)
# The buyer speaks of their own spending (« on a », « nous », « notre budget »), or asks whether it counts.
OWN_SPEND = re.compile(
    r"\b(?:on|nous|notre|nos|j ai|mon|ma|mes|chez nous)\b"
    r"|\b(?:ca passe|concernee?s?|oblige\w*|soumis\w*|assujetti\w*|tenus?)\b"
)
# A question that asks something else than whether the stated sum is over the threshold.
OTHER_QUESTION = re.compile(r"\b(?:qui|quel|quels|quelle|quelles|comment|quand|pourquoi|ou)\b")
# « le seuil c'est bien 75 millions ? »: the threshold itself is what the buyer states.
STATES_THRESHOLD = re.compile(r"\bseuils?\b")


@dataclass(frozen=True)
class Threshold:
    millions: float
    sentence: str


def millions(number: str, billions: Optional[str]) -> float:
    value = float(number.replace(",", "."))
    return value * 1000 if billions else value


def stated_sum(text: str) -> Optional[float]:
    """The one sum in millions of euros a message states (None when none, or several)."""
    plain = normalize(text)
    found = SUM.findall(plain)
    if len(found) != 1 or RANGE.search(plain):
        return None
    number, billions = found[0]
    return millions(number, billions)


def threshold_of(answer: str) -> Optional[Threshold]:
    """The first threshold in millions of euros that a sentence of the answer states."""
    for sentence in units(answer):
        found = THRESHOLD.search(normalize(sentence))
        if found:
            return Threshold(millions(found.group(1), found.group(2)), sentence)
    return None


def spoken(value: float) -> str:
    """« 120 millions d'euros », « 1,2 milliard d'euros »."""
    if value >= 1000:
        amount = f"{value / 1000:g}".replace(".", ",")
        return f"{amount} milliard{'s' if value >= 2000 else ''} d'euros"
    return f"{value:g}".replace(".", ",") + " millions d'euros"


def sum_verdict(message: str, last_answer: str) -> Optional[str]:
    """« Oui : … » or « Non : … » when the message states the buyer's own sum and the last answer a
    threshold; None otherwise (a question on something else, or the threshold itself confirmed)."""
    plain = question_form(message)
    stated = stated_sum(message)
    threshold = threshold_of(last_answer) if stated is not None else None
    if stated is None or threshold is None or OTHER_QUESTION.search(plain):
        return None
    if STATES_THRESHOLD.search(plain) or not OWN_SPEND.search(plain) and stated == threshold.millions:
        return None  # « le seuil est de 75 millions ? »: a count to confirm, answered elsewhere
    sentence = threshold.sentence.strip()
    rule = f"{sentence[:1].upper()}{sentence[1:]}"
    limit = spoken(threshold.millions)
    if stated > threshold.millions:
        return f"Oui : avec {spoken(stated)}, vous dépassez le seuil de {limit}. {rule}"
    return f"Non : avec {spoken(stated)}, vous ne dépassez pas le seuil de {limit}. {rule}"
