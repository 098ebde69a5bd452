"""One source of truth for the questions the assistant answers: the `ask_*` intents of domain.yml.

Adding a question touches several files that Rasa does not cross-check; each test below names the
file and the intent to fix when a copy drifts from domain.yml.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Dict, List, Set

import yaml

from actions.fallback import QUESTION_LABELS

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
# ask_* intents that are not questions on a topic: the menu, the request for a person (handoff).
NOT_TOPICS = {"ask_capabilities", "ask_human"}
QUESTIONS: Set[str] = {intent for intent in DOMAIN["intents"] if str(intent).startswith("ask_")} - NOT_TOPICS
# Answered from their own knowledge file rather than from a topics.yml entry.
ANSWERED_WITHOUT_TOPIC = {"ask_agec": "knowledge/agec.yml"}


def difference_message(where: str, found: Set[str]) -> str:
    missing, extra = sorted(QUESTIONS - found), sorted(found - QUESTIONS)
    return (
        f"{where} drifted from the ask_* intents of domain.yml: missing {missing}, not in domain.yml {extra}"
    )


def rule_intents(rule: Dict[str, Any]) -> List[str]:
    """The intents a rule reacts to (its `intent` steps, `or` alternatives included)."""
    found: List[str] = []
    for step in rule.get("steps", []):
        if "intent" in step:
            found.append(step["intent"])
        for alternative in step.get("or", []):
            if "intent" in alternative:
                found.append(alternative["intent"])
    return found


def test_question_intents_exist() -> None:
    assert len(QUESTIONS) >= 10


def test_the_question_slot_remembers_every_question() -> None:
    mappings = DOMAIN["slots"]["question"]["mappings"]
    remembered = {m["intent"] for m in mappings if m.get("type") == "from_intent"}
    assert remembered == QUESTIONS, difference_message(
        "domain.yml, slot `question` (from_intent mappings)", remembered
    )
    wrong = [m for m in mappings if m.get("type") == "from_intent" and m.get("value") != m["intent"]]
    assert not wrong, f"domain.yml, slot `question`: the value must be the intent's name: {wrong}"


def test_every_question_is_answered_by_a_rule() -> None:
    rules = yaml.safe_load((ROOT / "data" / "rules.yml").read_text(encoding="utf-8"))["rules"]
    answered = {intent for rule in rules for intent in rule_intents(rule)} & QUESTIONS
    assert answered == QUESTIONS, difference_message("data/rules.yml (no rule reacts to them)", answered)


def test_every_question_has_a_suggestion_label() -> None:
    labels = set(QUESTION_LABELS)
    assert labels == QUESTIONS, difference_message("actions/fallback.py QUESTION_LABELS", labels)


def test_every_question_has_its_knowledge() -> None:
    topics = yaml.safe_load((ROOT / "knowledge" / "topics.yml").read_text(encoding="utf-8"))["topics"]
    ids = {topic["id"] for topic in topics}
    covered = (ids & QUESTIONS) | set(ANSWERED_WITHOUT_TOPIC)
    assert covered == QUESTIONS, difference_message("knowledge/topics.yml (entry ids)", covered)


def test_every_question_is_documented() -> None:
    table = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (ask_[a-z_]+) \|", table, flags=re.M)) - NOT_TOPICS
    assert documented == QUESTIONS, difference_message("docs/architecture.md (intents table)", documented)
