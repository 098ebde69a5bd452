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
5. The SQL conversation store (SQLite or PostgreSQL) spent 28 % of the server's CPU under load: every
   message rebuilt its ORM queries (SQLAlchemy computes a cache key for each new query object: 10 %)
   and inserted each new event through the ORM's unit of work. Here the two queries Rasa runs (the
   events since the latest SessionStarted of one sender, and their count at save time) are built
   once with a bound sender id, and the new events are inserted in one statement. Same queries, same
   rows, same order, same trackers (tests/test_speedups.py); the count is still taken at save time, as
   Rasa does, so that several processes sharing one database behave exactly as with Rasa's code.
6. Each graph run (NLU parse, then policy prediction: at least twice per message) recomputed the
   minimal schema of its targets by walking the whole graph recursively, without memory: 6.5 % of the
   CPU. Here it is computed once per target list and content of the graph (every node's inputs and
   target flag are part of the key, so a changed or copied-then-changed schema is computed again).

Installed by ``rasa_patches.apply()`` (see there: version check and off switch).
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from functools import cache, lru_cache
from typing import Any, Dict, List, Optional

import tensorflow as tf
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import SQLTrackerStore
from rasa.engine.graph import GraphSchema
from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.models import RasaModel
from sqlalchemy import and_, bindparam, event, func, or_, select
from sqlalchemy.engine import Engine

RASA_MODEL_LOAD = RasaModel.load.__func__  # type: ignore[attr-defined]
RASA_SPACY_LOAD = SpacyNLP.load_model
UNUSED_SPACY_PIPES = ("ner",)
RASA_SQL_RETRIEVE = SQLTrackerStore._retrieve
RASA_SQL_SAVE = SQLTrackerStore.save
RASA_MINIMAL_SCHEMA = GraphSchema.minimal_graph_schema


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


def since_latest_session(sql_event: Any) -> Any:
    """Rasa's filter of ``SQLTrackerStore._event_query``: one sender's events since its latest
    SessionStarted (all of them when it has none), the sender id bound at execution."""
    sender = bindparam("sender_id")
    session_start = (
        select(func.max(sql_event.timestamp))
        .where(sql_event.sender_id == sender, sql_event.type_name == SessionStarted.type_name)
        .scalar_subquery()
    )
    return and_(
        sql_event.sender_id == sender,
        or_(sql_event.timestamp >= session_start, session_start.is_(None)),
    )


@cache
def latest_session_events(sql_event: Any) -> Any:
    """The read query, built once: SQLAlchemy then computes its cache key once."""
    return select(sql_event.data).where(since_latest_session(sql_event)).order_by(sql_event.id)


@cache
def latest_session_count(sql_event: Any) -> Any:
    """The count Rasa's ``_additional_events`` takes before saving, built once."""
    return select(func.count()).select_from(sql_event).where(since_latest_session(sql_event))


@cache
def insert_events(table: Any) -> Any:
    """One INSERT statement object per table."""
    return table.insert()


async def retrieve_events(
    self: SQLTrackerStore, sender_id: str, fetch_events_from_all_sessions: bool
) -> Optional[DialogueStateTracker]:
    """``SQLTrackerStore._retrieve`` with a prepared query."""
    if fetch_events_from_all_sessions:
        return await RASA_SQL_RETRIEVE(self, sender_id, fetch_events_from_all_sessions)
    with self.session_scope() as session:
        rows = session.execute(latest_session_events(self.SQLEvent), {"sender_id": sender_id}).scalars().all()
    events = [json.loads(data) for data in rows]
    if self.domain and events:
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
    return None


def event_row(sender_id: str, event_object: Any) -> Dict[str, Any]:
    """The row Rasa's ``save`` writes for one event."""
    data = event_object.as_dict()
    return {
        "sender_id": sender_id,
        "type_name": event_object.type_name,
        "timestamp": data.get("timestamp"),
        "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
        "action_name": data.get("name"),
        "data": json.dumps(data),
    }


async def save_events(self: SQLTrackerStore, tracker: DialogueStateTracker) -> None:
    """``SQLTrackerStore.save``: the events the store does not hold yet, inserted in one statement."""
    await self.stream_events(tracker)
    with self.session_scope() as session:
        parameters = {"sender_id": tracker.sender_id}
        stored = session.execute(latest_session_count(self.SQLEvent), parameters).scalar_one()
        rows: List[Dict[str, Any]] = [
            event_row(tracker.sender_id, item) for item in itertools.islice(tracker.events, stored, None)
        ]
        if rows:
            session.execute(insert_events(self.SQLEvent.__table__), rows)
        session.commit()


def minimal_graph_schema(self: GraphSchema, targets: Optional[List[str]] = None) -> GraphSchema:
    """``GraphSchema.minimal_graph_schema``, computed once per target list and content of the graph."""
    cache = self.__dict__.setdefault("_speedups_minimal_schemas", {})
    graph = tuple((name, tuple(node.needs.items()), node.is_target) for name, node in self.nodes.items())
    key = (tuple(targets) if targets else None, graph)
    if key not in cache:
        cache[key] = RASA_MINIMAL_SCHEMA(self, targets)
    return cache[key]


def install() -> None:
    """Installs the speed-ups (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
    RasaModel.load = classmethod(load_model)  # type: ignore[method-assign,assignment]
    SpacyNLP.load_model = staticmethod(load_spacy_model)  # type: ignore[method-assign,assignment]
    SQLTrackerStore._retrieve = retrieve_events  # type: ignore[method-assign]
    SQLTrackerStore.save = save_events  # type: ignore[method-assign]
    GraphSchema.minimal_graph_schema = minimal_graph_schema  # type: ignore[method-assign]
    if not event.contains(Engine, "connect", tune_sqlite):
        event.listen(Engine, "connect", tune_sqlite)
