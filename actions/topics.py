"""Answers that only depend on the question: one knowledge topic each."""

from __future__ import annotations

from datetime import date
from typing import Optional

from actions.knowledge import KnowledgeBase, Topic
from actions.render import Reply, button_dicts, compose
from textnorm import normalize


def guides_paragraph(knowledge: KnowledgeBase, topic: Topic) -> Optional[str]:
    """'Pour aller plus loin' lines for the guides the topic points to (with their link when known)."""
    lines = []
    for guide in (knowledge.guides[guide_id] for guide_id in topic.see_also):
        where = f" : {guide.url}" if guide.url else ""
        lines.append(f"• {guide.title} ({guide.publisher}, {guide.published}){where}")
    return "Pour aller plus loin :\n" + "\n".join(lines) if lines else None


def examples_paragraph(topic: Topic, message: str) -> Optional[str]:
    """The ideas for the kind of purchase the question names (the first that matches), if any."""
    words = f" {normalize(message)} "
    for example in topic.examples:
        if any(f" {normalize(keyword)} " in words for keyword in example.keywords):
            return example.text
    return None


def topic_reply(
    knowledge: KnowledgeBase, topic: Topic, message: str = "", today: Optional[date] = None
) -> Reply:
    paragraphs = [topic.answer, examples_paragraph(topic, message), guides_paragraph(knowledge, topic)]
    return Reply(compose(paragraphs, topic.sources, today), button_dicts(topic.buttons))
