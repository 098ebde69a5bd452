"""The NLU test set stays independent of the training data and covers every intent and entity."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Dict, Set

import pytest
import yaml
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.training_data import TrainingData

from textnorm import normalize

ROOT = Path(__file__).resolve().parent.parent
TEST_SET = ROOT / "tests" / "nlu" / "test_nlu.yml"


def canonical(text: str) -> str:
    """Lower case, no accents, no punctuation: two sentences that differ only by these are the same."""
    return " ".join(re.findall(r"\w+", normalize(text)))


@pytest.fixture(scope="module")
def training() -> TrainingData:
    return load_data(str(ROOT / "data" / "nlu"))


@pytest.fixture(scope="module")
def test_set() -> TrainingData:
    return load_data(str(TEST_SET))


def texts(data: TrainingData) -> Dict[str, str]:
    return {canonical(m.get("text")): m.get("text") for m in data.intent_examples}


def test_no_test_sentence_is_in_the_training_data(training: TrainingData, test_set: TrainingData) -> None:
    shared = sorted(set(texts(training)) & set(texts(test_set)))
    assert not shared, f"test sentences also used for training: {shared}"


def test_test_set_is_large_and_covers_every_intent(training: TrainingData, test_set: TrainingData) -> None:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    intents: Set[str] = {i if isinstance(i, str) else next(iter(i)) for i in domain["intents"]}
    per_intent = Counter(m.get("intent") for m in test_set.intent_examples)
    assert len(test_set.intent_examples) >= 300
    assert {i for i in intents if per_intent[i] < 5} == set()
    assert set(per_intent) <= intents | {"nlu_fallback"}


def test_test_set_covers_every_trained_entity(training: TrainingData, test_set: TrainingData) -> None:
    tested = {e["entity"] for m in test_set.intent_examples for e in m.get("entities") or []}
    assert training.entities - {"location"} <= tested
    assert "location" in tested
