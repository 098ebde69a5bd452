"""Removes a per-message CPU cost of Rasa 3.6 found by profiling the server (docs/benchmarks.md).

Rasa checks every action-server response with ``jsonschema.validate(result, schema)``, which first
validates the (constant) schema itself against the JSON Schema meta-schema: about a fifth of the Rasa
server's CPU under load. Here the schema is checked once and its validator is reused; the response is
validated exactly as before (same schema, same error, same message).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


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


def apply() -> None:
    """Installs the speed-up (idempotent)."""
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


__all__ = ["ValidationError", "apply", "response_validator", "validate_action_result"]
