"""Gazetteer entity extractor: tags French place mentions as ``location`` entities.

The value of each entity is a resolver key (``commune:29232``, ``departement:35``, ``region:53``) found
by ``places.find_locations`` over the official etalab data; DIET never predicts this entity.
Referenced in config.yml as ``nlu_components.location_extractor.LocationExtractor``.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_CONFIDENCE,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import places

ALTERNATIVES = "alternatives"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class LocationExtractor(GraphComponent, EntityExtractorMixin):
    """Adds one ``location`` entity per place mentioned in the message (negated mentions excluded)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """The entity name can be changed in config.yml (``entity: location``)."""
        return {"entity": "location"}

    def __init__(self, config: Dict[str, Any]) -> None:
        self._config = {**self.get_default_config(), **config}
        self.entity_name: str = self._config["entity"]

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LocationExtractor:
        """Creates the component and loads the gazetteer now rather than on the first message."""
        places.load()
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training data is never annotated by the gazetteer: returned unchanged."""
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        """Replaces this extractor's previous entities with the places found in each message."""
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            kept = [e for e in message.get(ENTITIES, []) if e.get(EXTRACTOR) != self.name]
            found = self.add_extractor_name(self.extract(text))
            message.set(ENTITIES, kept + found, add_to_output=True)
        return messages

    def extract(self, text: str) -> List[Dict[str, Any]]:
        """Entity dicts (without the extractor name) for the non-negated places of ``text``."""
        entities = []
        for match in places.find_locations(text):
            if match.negated:
                continue
            entity: Dict[str, Any] = {
                ENTITY_ATTRIBUTE_TYPE: self.entity_name,
                ENTITY_ATTRIBUTE_START: match.start,
                ENTITY_ATTRIBUTE_END: match.end,
                ENTITY_ATTRIBUTE_VALUE: match.key,
                ENTITY_ATTRIBUTE_CONFIDENCE: 1.0,
            }
            if match.alternatives:
                entity[ALTERNATIVES] = list(match.alternatives)
            entities.append(entity)
        return entities
