"""What the project's NLU components share: Rasa's constructor for rule components, the unchanged
training data of components that only read messages, and JSON files in the model's storage."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData


class UnchangedTrainingData:
    """A component that reads messages but never annotates the training data."""

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data


class RuleComponent(UnchangedTrainingData, GraphComponent):
    """A component made of fixed rules: nothing to configure, train or load."""

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GraphComponent:
        return cls()


def write_json(model_storage: ModelStorage, resource: Resource, filename: str, value: Any) -> None:
    with model_storage.write_to(resource) as directory:
        (directory / filename).write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")


def read_json(model_storage: ModelStorage, resource: Resource, filename: str) -> Optional[Any]:
    """The JSON file saved at training time, or None when the model holds none (or an unreadable one)."""
    try:
        with model_storage.read_from(resource) as directory:
            return json.loads((directory / filename).read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return None
