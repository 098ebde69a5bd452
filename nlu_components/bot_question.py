"""A definition asked about something else is no question on the assistant ("qu'est-ce qu'un robot de
veille des marchés ?", "c'est quoi l'intelligence artificielle dans les achats ?").

DIET reads words like « robot », « IA » or « automatique » as ``bot_challenge`` (« vous êtes un robot ? »),
even when the message asks what such a thing is. This component, placed after DIET and before the
FallbackClassifier, drops ``bot_challenge`` from the top of the ranking when the message asks what
something is and does not address the assistant (« vous », « tu », « ce chatbot »…): the next guess
leads, and the FallbackClassifier decides whether it is sure enough. Pure rules.
Referenced in config.yml as ``nlu_components.bot_question.BotQuestionAddressee``.
"""

from __future__ import annotations

import re
from typing import List

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from actions.understanding import asks_what_it_is
from nlu_components.base import RuleComponent
from textnorm import question_form

BOT_CHALLENGE = "bot_challenge"
# The assistant as the subject: « vous êtes… », « t'es… », « je parle à… », « c'est quoi ce chatbot ? ».
ADDRESSES_ASSISTANT = re.compile(
    r"\b(?:vous|tu|t|toi|es tu|etes vous|je parle|qui (?:me )?repond)\b"
    r"|\b(?:ce|cet|cette) (?:bot|chatbot|robot|assistant|outil|truc|service|chat|ia|machin)\b"
)


def asks_about_something_else(text: str) -> bool:
    """The message asks what a thing is, and not what the assistant is."""
    return asks_what_it_is(text) and not ADDRESSES_ASSISTANT.search(question_form(text))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class BotQuestionAddressee(RuleComponent):
    """Moves ``bot_challenge`` below the next guess for a definition of something else."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            ranking = message.get(INTENT_RANKING_KEY) or []
            if intent.get(INTENT_NAME_KEY) != BOT_CHALLENGE or len(ranking) < 2:
                continue
            if not asks_about_something_else(message.get(TEXT) or ""):
                continue
            others = [item for item in ranking if item.get(INTENT_NAME_KEY) != BOT_CHALLENGE]
            message.set(INTENT, others[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, others, add_to_output=True)
        return messages
