"""The cached validation of action-server responses accepts and rejects exactly what Rasa's does."""

from __future__ import annotations

import time
from typing import Any, Dict, List

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

import channels.rest  # noqa: F401  (loading the channel installs the speed-up, as in the server)
from channels import speedups

GOOD: List[Dict[str, Any]] = [
    {"events": [{"event": "slot", "name": "location", "value": "commune:35238"}],
     "responses": [{"text": "Bonjour", "buttons": [{"title": "AGEC", "payload": "/ask_agec"}]}]},
    {"events": [], "responses": []},
    {},
]
BAD: List[Dict[str, Any]] = [
    {"events": [{"event": "no_such_event"}], "responses": []},
    {"events": "not a list"},
    {"events": [], "responses": ["not an object"]},
    {"events": [{"event": "slot"}]},  # a slot event needs a name
]


def rasa_validation(result: Dict[str, Any]) -> None:
    """Rasa 3.6's own check: jsonschema.validate on every call."""
    from jsonschema import validate

    validate(result, RemoteAction.action_response_format_spec())


def test_loading_the_rest_channel_installs_the_speed_up() -> None:
    assert RemoteAction._validate_action_result is speedups.validate_action_result


@pytest.mark.parametrize("result", GOOD)
def test_valid_responses_pass_like_before(result: Dict[str, Any]) -> None:
    rasa_validation(result)
    assert speedups.validate_action_result(RemoteAction("action_answer", None), result) is True


@pytest.mark.parametrize("result", BAD)
def test_invalid_responses_raise_the_same_error(result: Dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as rasa_error:
        rasa_validation(result)
    with pytest.raises(ValidationError) as ours:
        speedups.validate_action_result(RemoteAction("action_answer", None), result)
    assert ours.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response" in ours.value.message


def test_the_cached_check_is_much_cheaper() -> None:
    action = RemoteAction("action_answer", None)
    started = time.perf_counter()
    for _ in range(50):
        rasa_validation(GOOD[0])
    before = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(50):
        speedups.validate_action_result(action, GOOD[0])
    after = time.perf_counter() - started
    assert after * 3 < before, (before, after)
