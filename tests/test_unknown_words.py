"""nlu_components/unknown_words.py: messages without a known word go to the NLU fallback."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu_components.unknown_words import UnknownWordsFallback, neighbourhood, training_words

TRAINING = TrainingData(
    training_examples=[
        Message(data={"text": "c'est quoi la loi AGEC", "intent": "ask_agec"}),
        Message(data={"text": "contact RESECO", "intent": "ask_network"}),
        Message(data={"text": "bonjour et merci", "intent": "greet"}),
    ],
    entity_synonyms={"fournitures de bureau": "papeterie"},
    lookup_tables=[{"name": "product", "elements": ["sèche-mains"]}],
)


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Dict[str, Any]:
    storage = LocalModelStorage(tmp_path_factory.mktemp("model"))
    resource = Resource("unknown_words")
    component = UnknownWordsFallback({}, storage, resource)
    component.train(TRAINING)
    return {"component": component, "storage": storage, "resource": resource}


def parsed(text: str, entities: List[Dict[str, Any]] = ()) -> Message:
    ranking = [{"name": "out_of_scope", "confidence": 0.9}, {"name": "ask_agec", "confidence": 0.1}]
    return Message(
        data={"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": list(entities)}
    )


def confidence_after(component: UnknownWordsFallback, message: Message) -> float:
    component.process([message])
    return message.get("intent")["confidence"]


def test_training_words_cover_examples_synonyms_and_lookups_without_accents() -> None:
    assert {"agec", "reseco", "fournitures", "papeterie", "seche", "mains"} <= training_words(TRAINING)


def test_neighbourhoods_meet_for_words_one_typo_apart() -> None:
    assert not neighbourhood("bonjoir").isdisjoint(neighbourhood("bonjour"))
    assert not neighbourhood("merciiii").isdisjoint(neighbourhood("merci"))
    assert neighbourhood("zblorf").isdisjoint(neighbourhood("bonjour"))


@pytest.mark.parametrize(
    "text", ["zblorf", "blorp zzz", "kjqsdhf qsdkjfh !", "xkcdqwz ?", "bonjourzzkq", "zzzzzz"]
)
def test_a_message_of_unknown_words_gets_zero_confidence_and_no_ranking(
    trained: Dict[str, Any], text: str
) -> None:
    message = parsed(text)
    assert confidence_after(trained["component"], message) == 0.0
    assert message.get("intent")["name"] == "out_of_scope"
    assert message.get("intent_ranking") == []


@pytest.mark.parametrize(
    "text",
    [
        "AGEC ?",  # training vocabulary (an acronym no dictionary has)
        "reseco",  # training vocabulary, other case
        "agce ?",  # one typo away from a training word (letters swapped)
        "bonjoir",  # one typo away (a letter replaced)
        "merciii",  # repeated letters
        "électroménager reconditionné",  # spaCy's lexicon
        "reseau regional",  # lexicon lemmas compared without accents
        "mairies",  # inflected form of the lexicon
        "je suis là",  # stop words
        "zblorf pour la cantine",  # one known word is enough
        "56",  # no word at all: left to the model
        "🙂🙂",
    ],
)
def test_a_message_with_a_known_word_is_left_to_the_model(trained: Dict[str, Any], text: str) -> None:
    message = parsed(text)
    assert confidence_after(trained["component"], message) == 0.9
    assert len(message.get("intent_ranking")) == 2


def test_a_place_found_by_the_gazetteer_makes_the_message_meaningful(trained: Dict[str, Any]) -> None:
    message = parsed("Plouescat", [{"entity": "location", "value": "commune:29185", "start": 0, "end": 9}])
    assert confidence_after(trained["component"], message) == 0.9


def test_the_vocabulary_is_saved_in_the_model_and_loaded_back(trained: Dict[str, Any]) -> None:
    loaded = UnknownWordsFallback.load({}, trained["storage"], trained["resource"], None)
    assert loaded.vocabulary == trained["component"].vocabulary
    assert confidence_after(loaded, parsed("reseco")) == 0.9


def test_a_model_without_vocabulary_still_loads(tmp_path: Path) -> None:
    loaded = UnknownWordsFallback.load({}, LocalModelStorage(tmp_path), Resource("missing"), None)
    assert loaded.vocabulary == frozenset()
    assert confidence_after(loaded, parsed("zblorf")) == 0.0
