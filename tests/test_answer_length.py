"""scripts/answer_length.py (make evaluate): how the stories are replayed and the first message measured."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import answer_length  # noqa: E402


def test_user_text_loses_its_entity_markup() -> None:
    text = 'je travaille à [Nantes]{"entity": "location", "value": "commune:44109"} ou [Brest](location)'
    assert answer_length.plain_text(text) == "je travaille à Nantes ou Brest"


def test_an_intent_only_turn_is_sent_as_its_button_payload() -> None:
    step = {"intent": "inform", "entities": [{"location": "commune:29232"}]}
    assert answer_length.payload(step) == '/inform{"location": "commune:29232"}'
    assert answer_length.payload({"intent": "ask_network"}) == "/ask_network"


def test_every_story_turn_is_replayed_and_answers_are_marked() -> None:
    turns = [
        turn for path in answer_length.STORIES for story in answer_length.story_turns(path) for turn in story
    ]
    assert len([turn for turn in turns if turn.text]) >= 50
    assert any(turn.answered for turn in turns) and any(not turn.answered for turn in turns)


def test_measure_counts_the_first_message_and_finds_raw_urls() -> None:
    def send(text: str, sender: str) -> list:
        return [{"text": "Oui : voir https://example.org tout de suite."}, {"text": "Autre message."}]

    result = answer_length.measure(send, answer_length.STORIES[:1])
    assert result["raw_url_messages"] > 0
    assert {turn["words"] for turn in result["turns"]} == {6}
    assert not answer_length.passed(result)
