"""A sum of money the buyer states (« nos marchés sous 40 000 euros ») is context, not a cue that leads
the answer to another sum of the topic (the SPASER's 50 millions d'euros)."""

from __future__ import annotations

from actions.focus import lead_sentence, stated_sums
from actions.knowledge import load_knowledge

KNOWLEDGE = load_knowledge()


def test_sums_stated_in_a_question_are_found() -> None:
    assert {"40", "000", "euro"} <= stated_sums("nos petits marchés sous 40 000 euros ?")
    assert stated_sums("un marché de 90k€ HT ?")
    assert not stated_sums("quel budget pour le guichet vert ?")


def test_a_threshold_given_does_not_lead_to_another_sum() -> None:
    topic = KNOWLEDGE.topics["ask_climate_law"]
    question = "la loi climat ça s'applique à nos petits marchés sous 40 000 euros ?"
    lead = lead_sentence(question, topic.answer, topic.details or "") or ""
    assert "SPASER" not in lead
