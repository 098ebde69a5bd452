"""Each fact of the course (tests/course_facts.yml) asked end to end to the running assistant.

The first message is the short answer; the rest of what the assistant knows is behind « En savoir
plus ». So the answer read here is the conversation's answers plus what « En savoir plus » shows after
the last one: the button's payload (/more_details, no NLU guess) sent like a click.
"""

from __future__ import annotations

import uuid
from typing import Dict

import pytest

from actions.reply import DETAILS_PAYLOAD
from tests.conftest import Assistant
from tests.test_course_facts import FACTS, plain


@pytest.mark.parametrize("fact", FACTS, ids=[fact["id"] for fact in FACTS])
def test_the_assistant_answers_each_course_fact(assistant: Assistant, fact: Dict) -> None:
    sender = f"course-{fact['id']}-{uuid.uuid4().hex[:8]}"
    replies = [assistant.text(fact["question"], sender)]
    if fact.get("then"):
        replies.append(assistant.text(fact["then"], sender))
    replies.append(assistant.text(DETAILS_PAYLOAD, sender))
    answer = "\n".join(replies)
    missing = [phrase for phrase in fact["expect"] if plain(phrase) not in plain(answer)]
    assert not missing, f"{fact['id']}: {missing} not in the answer to « {fact['question']} »:\n{answer}"
