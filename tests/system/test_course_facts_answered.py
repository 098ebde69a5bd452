"""Each fact of the course (tests/course_facts.yml) asked end to end to the running assistant."""

from __future__ import annotations

import uuid
from typing import Dict

import pytest

from tests.conftest import Assistant
from tests.test_course_facts import FACTS, plain


@pytest.mark.parametrize("fact", FACTS, ids=[fact["id"] for fact in FACTS])
def test_the_assistant_answers_each_course_fact(assistant: Assistant, fact: Dict) -> None:
    sender = f"course-{fact['id']}-{uuid.uuid4().hex[:8]}"
    replies = [assistant.text(fact["question"], sender)]
    if fact.get("then"):
        replies.append(assistant.text(fact["then"], sender))
    answer = "\n".join(replies)
    missing = [phrase for phrase in fact["expect"] if plain(phrase) not in plain(answer)]
    assert not missing, f"{fact['id']}: {missing} not in the answer to « {fact['question']} »:\n{answer}"
