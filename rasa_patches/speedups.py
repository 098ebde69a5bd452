"""Costs of Rasa 3.6 found by profiling the server, removed without changing any answer.

1. Every action-server response is checked with ``jsonschema.validate(result, schema)``, which first
   validates the (constant) schema against the JSON Schema meta-schema: about a fifth of the Rasa
   server's CPU under load. Here the schema is checked once and its validator reused; the response is
   validated exactly as before (same schema, same error, same message).
2. Loading a DIET or TED model runs one training step to create its weights before restoring them,
   and Keras traces a whole training graph (gradients, optimizer) for that single step: more than
   half of a 50-second cold start and 700 MB of memory that the server never uses again. Here the
   weights are created by tracing the prediction graph instead (the one the server needs anyway),
   then restored from the model file as before; the label embeddings are then recomputed from the
   restored weights and the prediction graph traced again, so that it does not keep the embeddings
   of the random initial weights. Same weights (digests) and same predictions as Rasa's loader
   (tests/system/test_speedups_model.py), proven for DIET and for TED (which config.yml no longer uses).
3. The predict graph holds two SpacyNLP nodes (one provides the model, one processes messages) and
   each loads its own copy of ``fr_core_news_sm``: 5 s and 200 MB twice. Here the model is loaded
   once per process and shared; its named-entity recogniser, which nothing in the pipeline reads
   (places come from the LocationExtractor), is switched off as Rasa already does for the parser.
4. The SQLite file that stores conversations by default synchronises the disk at every commit, that
   is at every message: 14 % of the server's CPU under load. Here SQLite runs in write-ahead-log mode
   with ``synchronous=NORMAL``: a crash of the process loses nothing, a power cut may lose the last
   messages. PostgreSQL (production) is not touched.

Installed by ``rasa_patches.apply()`` (see there: version check and off switch).
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import Any, Dict, Optional

import tensorflow as tf
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.constants import DOCS_BASE_URL
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.models import RasaModel
from sqlalchemy import event
from sqlalchemy.engine import Engine

RASA_MODEL_LOAD = RasaModel.load.__func__  # type: ignore[attr-defined]
RASA_SPACY_LOAD = SpacyNLP.load_model
UNUSED_SPACY_PIPES = ("ner",)


@lru_cache(maxsize=1)
def response_validator() -> Any:
    """The validator of action-server responses, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Same contract as ``RemoteAction._validate_action_result`` of Rasa 3.6."""
    error = best_match(response_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def load_model(
    cls: type,
    model_file_name: str,
    model_data_example: Any,
    predict_data_example: Optional[Any] = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """``RasaModel.load`` of Rasa 3.6, with the weights built by the prediction graph (see module doc)."""
    config = kwargs.get("config", {})
    if finetune_mode or config.get(RUN_EAGERLY) or not predict_data_example:
        return RASA_MODEL_LOAD(
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs
        )
    model = cls(*args, **kwargs)
    model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)), run_eagerly=False)
    model.run_inference(predict_data_example)  # creates every weight the predictions use
    model.load_weights(model_file_name)
    model.prepare_for_predict()  # label embeddings from the restored weights
    model._tf_predict_step = None  # the first trace holds the embeddings of the initial weights
    model.run_inference(predict_data_example)
    return model


@lru_cache(maxsize=4)
def load_spacy_model(spacy_model_name: str) -> SpacyModel:
    """Rasa's ``SpacyNLP.load_model``, once per process and model, without the unused pipes."""
    loaded = RASA_SPACY_LOAD(spacy_model_name)
    for pipe in UNUSED_SPACY_PIPES:
        if pipe in loaded.model.pipe_names:
            loaded.model.disable_pipe(pipe)
    return loaded


def tune_sqlite(dbapi_connection: Any, _connection_record: Any) -> None:
    """On every new SQLite connection: write-ahead log, disk synchronised at checkpoints only."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def install() -> None:
    """Installs the speed-ups (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    RasaModel.load = classmethod(load_model)  # type: ignore[method-assign,assignment]
    SpacyNLP.load_model = staticmethod(load_spacy_model)  # type: ignore[method-assign,assignment]
    if not event.contains(Engine, "connect", tune_sqlite):
        event.listen(Engine, "connect", tune_sqlite)
