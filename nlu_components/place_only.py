"""A message that is only a place ("Rennes", "et pour Caen ?", "non, plutôt en Bretagne") is `inform`.

DIET sometimes reads a city name alone as an affirmation or a greeting; the dialogue then loses the
question the place answers. This component, placed after DIET and before the FallbackClassifier, sets
the intent to ``inform`` when the gazetteer found a place and every other word of the message is a
filler word of the place resolver (``places.text.FILLERS``: "je suis", "à", "dans le", "plutôt"...) or
one of a few words of follow-ups ("et pour", "pareil", "même question", "si"), corrections ("je me suis
trompé"), thanks ("top, merci") or who the user is ("acheteuse publique à Cayenne"). Pure rules.
Referenced in config.yml as ``nlu_components.place_only.PlaceOnlyIntent``.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from actions.understanding import asks_where_to_start, asks_who_helps
from nlu_components.base import RuleComponent
from nlu_components.buyer_type import find_buyer_types
from places.scan import find_locations
from places.text import FILLERS
from textnorm import normalize

INFORM = "inform"
# Follow-up words, corrections ("ah non, je me suis trompé : c'est Besançon") and thanks before a new
# place ("top merci, et en PACA ?").
EXTRA_FILLERS = frozenset(
    """
    pour pareil meme question si cote coin region ville departement quoi me trompe trompee erreur voulais
    voulu dire finalement oups desole desolee correction top super parfait accord daccord
    acheteur acheteuse acheteurs acheteuses public publique publics publiques bosse
    """.split()
)

WORD = re.compile(r"[a-z0-9]+")
OTHERS_MAX = 0.5  # "Rouen" read as inform 1.0 and ask_network 0.95 by DIET would be "ambiguous"


def only_places(text: str, entities: List[Dict[str, Any]]) -> bool:
    """Whether the message is place mentions and filler words only."""
    spans = sorted(
        (int(e.get(ENTITY_ATTRIBUTE_START, 0)), int(e.get(ENTITY_ATTRIBUTE_END, 0)))
        for e in entities
        if e.get(ENTITY_ATTRIBUTE_TYPE) == "location"
    )
    if not spans:
        return False
    # a place set aside in a correction ("non pas Nantes, Nancy !") frames the place given, too
    spans = sorted(spans + [(match.start, match.end) for match in find_locations(text) if match.negated])
    rest, last = [], 0
    for start, end in spans:
        rest.append(text[last:start])
        last = end
    rest.append(text[last:])
    words = WORD.findall(normalize(" ".join(rest)))
    return all(word in FILLERS or word in EXTRA_FILLERS or word.isdigit() for word in words)


# Read by DIET as small talk, a request for help or a first step is a question on who supports the buyer
# ("mairie d'Alençon, vous pouvez m'aider ?", "par où commencer ?"): ``inform``, which the actions answer
# for the buyer known (actions/routing.py), or with what the assistant does when nothing is known.
SMALL_TALK = ("ask_capabilities", "greet", "ask_human", "out_of_scope")
MAX_BARE_REQUEST_WORDS = 4  # "des pistes ?" read as out of scope; not "des conseils pour mon jardin"
# Asking for a person is the handoff, not a request for advice ("un conseiller humain ?").
HUMAN_CUE = re.compile(
    r"\b(?:humaine?s?|personnes?|quelqu un|experte?s?|conseill(?:er|ere)s?|agents?|parler|rappel\w*"
    r"|telephone|joindre|passez moi|contact\w*)\b"
)


def vague_help(message: Message) -> bool:
    """A request for help or a first step read as the capabilities question, as a request for a person
    that names none ("on voudrait des conseils"), as out of scope when it is the bare request ("des
    pistes ?"), or as a greeting when the buyer also says who or where they are ("bonjour, mairie
    d'Alençon, vous pouvez m'aider ?")."""
    text = message.get(TEXT) or ""
    intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
    if intent not in SMALL_TALK or not (asks_where_to_start(text) or asks_who_helps(text)):
        return False
    if intent == "ask_capabilities":
        return True
    if intent == "ask_human":
        return not HUMAN_CUE.search(normalize(text))
    if intent == "out_of_scope":
        return len(WORD.findall(normalize(text))) <= MAX_BARE_REQUEST_WORDS
    entities = message.get(ENTITIES) or []
    located = any(e.get(ENTITY_ATTRIBUTE_TYPE) in ("location", "buyer_type") for e in entities)
    return located or any(not found["negated"] for found in find_buyer_types(text))


def capped(item: Dict[str, Any]) -> float:
    return min(float(item.get(PREDICTED_CONFIDENCE_KEY) or 0.0), OTHERS_MAX)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class PlaceOnlyIntent(RuleComponent):
    """Sets ``inform`` for a message made of a place only (see the module docstring)."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            intent = message.get(INTENT) or {}
            confidence = float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            if not text or (intent.get(INTENT_NAME_KEY) == INFORM and confidence >= 1.0):
                continue  # an unsure inform (0.48) would still fall back: it is set to 1.0 below
                continue
            if only_places(text, message.get(ENTITIES) or []) or vague_help(message):
                chosen = {INTENT_NAME_KEY: INFORM, PREDICTED_CONFIDENCE_KEY: 1.0}
                # The other guesses stay below, far enough for the FallbackClassifier's ambiguity check.
                others = [
                    {**item, PREDICTED_CONFIDENCE_KEY: capped(item)}
                    for item in message.get(INTENT_RANKING_KEY) or []
                    if item.get(INTENT_NAME_KEY) != INFORM
                ]
                message.set(INTENT, chosen, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [chosen] + others, add_to_output=True)
        return messages
