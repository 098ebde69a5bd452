"""Answers that only depend on the question: one knowledge topic each."""

from __future__ import annotations

from datetime import date
from typing import Optional

from actions.knowledge import KnowledgeBase, Topic
from actions.render import Reply, button_dicts, compose


def guides_paragraph(knowledge: KnowledgeBase, topic: Topic) -> Optional[str]:
    """'Pour aller plus loin' lines for the guides the topic points to (with their link when known)."""
    lines = []
    for guide in (knowledge.guides[guide_id] for guide_id in topic.see_also):
        where = f" : {guide.url}" if guide.url else ""
        lines.append(f"• {guide.title} ({guide.publisher}, {guide.published}){where}")
    return "Pour aller plus loin :\n" + "\n".join(lines) if lines else None


def topic_reply(knowledge: KnowledgeBase, topic: Topic, today: Optional[date] = None) -> Reply:
    text = compose([topic.answer, guides_paragraph(knowledge, topic)], topic.sources, today)
    return Reply(text, button_dicts(topic.buttons))
