"""The LocationExtractor Rasa component, created as Rasa's graph creates it and run on real Messages."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.schemas.events import EVENTS_SCHEMA

from nlu_components.location_extractor import LocationExtractor, _demonym, _topic_number


@pytest.fixture()
def extractor(tmp_path: Path) -> LocationExtractor:
    return LocationExtractor.create(
        {**LocationExtractor.get_default_config()},
        LocalModelStorage(tmp_path),
        Resource("run_nlu_components.location_extractor.LocationExtractor0"),
        ExecutionContext(GraphSchema({}), "test-model"),
    )


def run(extractor: LocationExtractor, text: str) -> Message:
    message = Message(data={TEXT: text})
    extractor.process([message])
    return message


def test_registered_as_an_untrained_entity_extractor() -> None:
    registered = DefaultV1Recipe._from_registry("LocationExtractor")
    assert registered.clazz is LocationExtractor
    assert DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR in registered.types
    assert registered.is_trainable is False


def test_city_and_region_entities_with_offsets(extractor: LocationExtractor) -> None:
    text = "Bonjour, je suis à Rennes en Bretagne"
    message = run(extractor, text)
    assert message.get(ENTITIES) == [
        {
            "entity": "location",
            "start": 19,
            "end": 25,
            "value": "commune:35238",
            "confidence": 1.0,
            "extractor": "LocationExtractor",
        },
        {
            "entity": "location",
            "start": 29,
            "end": 37,
            "value": "region:53",
            "confidence": 1.0,
            "extractor": "LocationExtractor",
        },
    ]
    assert [text[e["start"] : e["end"]] for e in message.get(ENTITIES)] == ["Rennes", "Bretagne"]
    assert "entities" in message.output_properties


def test_department_number_and_homonym_alternatives(extractor: LocationExtractor) -> None:
    message = run(extractor, "Saint-Denis (93)")
    city, department = message.get(ENTITIES)
    assert (city["value"], city["start"], city["end"]) == ("commune:93066", 0, 11)
    assert "commune:97411" in city["alternatives"]
    assert (department["value"], department["start"], department["end"]) == ("departement:93", 13, 15)
    assert "alternatives" not in department


@pytest.mark.parametrize("text", ["Acheteur au CD 35, quel réseau ?", "acheteuse cd35", "CG 35 : réseau ?"])
def test_a_departmental_council_and_its_number(extractor: LocationExtractor, text: str) -> None:
    assert [entity["value"] for entity in run(extractor, text).get(ENTITIES)] == ["departement:35"]


def test_entities_fit_in_a_rasa_user_event(extractor: LocationExtractor) -> None:
    text = "je travaille à Saint-Denis, à Paris ou dans le 29"
    entities = run(extractor, text).get(ENTITIES)
    assert [e["value"] for e in entities] == ["commune:97411", "commune:75056", "departement:29"]
    event = UserUttered(text, {"name": "inform", "confidence": 0.9}, entities).as_dict()
    jsonschema.validate([event], EVENTS_SCHEMA)  # the schema of the HTTP API and of action responses
    restored = Event.from_parameters(event)
    assert isinstance(restored, UserUttered)
    assert restored.entities == entities
    assert restored.entities[0]["alternatives"][0] == "commune:93066"


def test_reprocessing_does_not_duplicate_and_keeps_other_extractors(extractor: LocationExtractor) -> None:
    other = {"entity": "product", "start": 0, "end": 6, "value": "papier", "extractor": "DIETClassifier"}
    message = Message(data={TEXT: "papier pour la mairie de Quimper", ENTITIES: [other]})
    extractor.process([message])
    extractor.process([message])
    entities = message.get(ENTITIES)
    assert entities[0] == other
    assert [e["value"] for e in entities[1:]] == ["commune:29232"]


def test_no_entity_for_procurement_words_or_negated_places(extractor: LocationExtractor) -> None:
    assert run(extractor, "je lance un lot de papier pour 40000 euros").get(ENTITIES) == []
    assert [e["value"] for e in run(extractor, "pas à Paris mais à Lyon").get(ENTITIES)] == ["commune:69123"]


def test_several_messages_and_a_message_without_text(extractor: LocationExtractor) -> None:
    empty = Message(data={})
    messages = [Message(data={TEXT: "35"}), empty, Message(data={TEXT: "PACA"})]
    assert extractor.process(messages) is messages
    assert messages[0].get(ENTITIES)[0]["value"] == "departement:35"
    assert empty.get(ENTITIES) is None
    assert messages[2].get(ENTITIES)[0]["value"] == "region:93"


def test_training_data_is_returned_unchanged(extractor: LocationExtractor) -> None:
    example = Message(data={TEXT: "je suis à Rennes", "intent": "inform"})
    training_data = TrainingData([example])
    assert extractor.process_training_data(training_data) is training_data
    assert example.get(ENTITIES) is None


def test_entity_name_is_configurable(tmp_path: Path) -> None:
    component = LocationExtractor.create(
        {"entity": "lieu"},
        LocalModelStorage(tmp_path),
        Resource("location"),
        ExecutionContext(GraphSchema({}), None),
    )
    assert [e["entity"] for e in run(component, "Quimper").get(ENTITIES)] == ["lieu"]


@pytest.mark.parametrize(
    "text, key",
    [("mairie 974 guichet vert", "departement:974"), ("SDIS 29 réseau ?", "departement:29")],
)
def test_a_department_number_after_a_buyer_body(text: str, key: str) -> None:
    found = _topic_number(text)
    assert found is not None and found["key"] == key


@pytest.mark.parametrize("text", ["EPCI 40 communes", "commune 15 000 habitants", "mairie 35000 habitants"])
def test_a_count_after_a_buyer_body_is_no_department(text: str) -> None:
    assert _topic_number(text) is None


@pytest.mark.parametrize(
    "text, key",
    [
        ("Collectivité lyonnaise : quel réseau ?", "commune:69123"),
        ("une commune bretonne", "region:53"),
        ("une mairie tourangelle", "commune:37261"),
    ],
)
def test_a_place_given_by_the_adjective_of_its_inhabitants(text: str, key: str) -> None:
    found = _demonym(text)
    assert found is not None and found["key"] == key


@pytest.mark.parametrize(
    "text", ["recette du bœuf bourguignon", "des pommes lyonnaises", "une galette bretonne"]
)
def test_an_adjective_of_inhabitants_after_no_body_is_no_place(text: str) -> None:
    assert _demonym(text) is None
