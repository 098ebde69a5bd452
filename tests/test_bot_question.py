"""nlu_components/bot_question.py: a definition of something else is no question on the assistant."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from nlu_components.bot_question import BotQuestionAddressee, asks_about_something_else


@pytest.mark.parametrize(
    "text",
    [
        "qu'est-ce qu'un robot de veille des marchés ?",
        "un achat automatisé c'est quoi ?",
        "c'est quoi l'intelligence artificielle dans les achats ?",
    ],
)
def test_a_definition_of_another_thing_is_no_bot_question(text: str) -> None:
    assert asks_about_something_else(text)


@pytest.mark.parametrize(
    "text",
    ["vous êtes une IA ?", "t'es un robot ?", "c'est quoi ce chatbot ?", "tu es quoi au juste ?"],
)
def test_a_question_on_the_assistant_stays_one(text: str) -> None:
    assert not asks_about_something_else(text)


def message(text: str) -> Message:
    ranking = [{"name": "bot_challenge", "confidence": 0.87}, {"name": "ask_ecolabels", "confidence": 0.12}]
    return Message(data={"text": text, "intent": ranking[0], "intent_ranking": ranking})


def test_the_next_guess_leads_and_the_fallback_decides() -> None:
    moved, kept = message("qu'est-ce qu'un robot de veille ?"), message("vous êtes un robot ?")
    BotQuestionAddressee().process([moved, kept])
    assert moved.get("intent") == {"name": "ask_ecolabels", "confidence": 0.12}
    assert [item["name"] for item in moved.get("intent_ranking")] == ["ask_ecolabels"]
    assert kept.get("intent")["name"] == "bot_challenge"
