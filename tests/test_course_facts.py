"""The course is the first source: every fact of its chapter is in the knowledge base and answered.

The facts are listed in tests/course_facts.yml. Fast tests check that each one comes from the course,
that the knowledge topic named for it still holds its key phrases and cites the course section, so a
fact removed from the knowledge fails here at once. tests/system/test_course_facts_answered.py asks
each question to the running assistant.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Dict, List, Optional

import pytest
import yaml

from actions.dates import render_dates
from actions.knowledge import KNOWLEDGE_DIR, KnowledgeBase, Topic, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
FACTS_FILE = Path(__file__).resolve().parent / "course_facts.yml"
MIN_FACTS = 40
QUOTES = {"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'}


def plain(text: str) -> str:
    """Lowercase, without accents, with straight quotes and single spaces: how facts are compared."""
    compatible = unicodedata.normalize("NFKC", text)
    for curly, straight in QUOTES.items():
        compatible = compatible.replace(curly, straight)
    decomposed = unicodedata.normalize("NFKD", compatible.lower())
    return " ".join("".join(char for char in decomposed if not unicodedata.combining(char)).split())


def load_facts() -> List[Dict]:
    facts = yaml.safe_load(FACTS_FILE.read_text(encoding="utf-8"))["facts"]
    return facts


def course_file() -> Path:
    policy = yaml.safe_load((KNOWLEDGE_DIR / "source_policy.yml").read_text(encoding="utf-8"))
    return (ROOT / policy["course"]["file"]).resolve()


def course_text() -> Optional[str]:
    path = course_file()
    return path.read_text(encoding="utf-8") if path.is_file() else None


def topic_text(topic: Topic, today: date) -> str:
    """What the topic can say: its short answer, next step and details (« En savoir plus »), and the
    examples added when the question asks for them."""
    return render_dates("\n".join([topic.text, *(example.text for example in topic.examples)]), today)


FACTS = load_facts()


@pytest.fixture(scope="module")
def knowledge() -> KnowledgeBase:
    return load_knowledge(KNOWLEDGE_DIR)


# --- fast checks -----------------------------------------------------------------------------------------


def test_the_list_covers_the_chapter() -> None:
    ids = [fact["id"] for fact in FACTS]
    assert len(ids) >= MIN_FACTS
    assert len(ids) == len(set(ids)), "duplicate fact id"
    for fact in FACTS:
        assert set(fact) <= {"id", "section", "sentence", "topic", "question", "then", "expect"}, fact["id"]
        assert fact["question"].strip() and fact["expect"], fact["id"]


def test_each_fact_is_a_sentence_of_the_course() -> None:
    text = course_text()
    if text is None:
        pytest.skip(f"local copy of the course not found: {course_file()}")
    whole = plain(text)
    lines = {plain(line) for line in text.splitlines()}
    for fact in FACTS:
        assert plain(fact["sentence"]) in whole, f"{fact['id']}: sentence not in the course"
        assert plain(fact["section"]) in lines, f"{fact['id']}: section is not a line of the course"


@pytest.mark.parametrize("fact", FACTS, ids=[fact["id"] for fact in FACTS])
def test_each_fact_is_in_its_topic_which_cites_the_course(knowledge: KnowledgeBase, fact: Dict) -> None:
    topic = knowledge.topics.get(fact["topic"])
    assert topic is not None, f"{fact['id']}: unknown topic {fact['topic']}"
    for today in (date(2026, 1, 1), date.today()):
        said = plain(topic_text(topic, today))
        for phrase in fact["expect"]:
            assert plain(phrase) in said, f"{fact['id']}: « {phrase} » missing from {topic.id}"
    sections = {plain(source.section or "") for source in topic.sources if source.is_course}
    assert plain(fact["section"]) in sections, f"{fact['id']}: {topic.id} does not cite « {fact['section']} »"
    assert topic.sources[0].is_course, f"{topic.id}: the course is not its first source"
