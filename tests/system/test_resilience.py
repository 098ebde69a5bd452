"""Conversations that never go silent (rasa_patches.resilience), on servers started by scripts/serve.

- a 200-message conversation gets a real answer at every message; the time per message at messages
  1, 50 and 200 is printed (sessions of MAX_SESSION_TURNS keep it bounded);
- the action server killed mid-conversation: the user gets the French technical-problem message
  with a 503, the failure is logged once and counted in /metrics; restarted, the same conversation
  is answered normally again; an HTTP error from the action server gets the same treatment.

Every failure kind without servers (timeout, connection refused, 500, rejection):
tests/test_resilience_patch.py.
"""

from __future__ import annotations

import re
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import requests

from channels import guard
from rasa_patches import resilience
from tests.support.servers import Served, free_port, rss_mib, serve, store_env, wait_actions, wait_assistant

METRICS_TOKEN = "metrics-token-for-tests-0123456789"
TURNS = 200
# A conversation a buyer could have, over and over: each question with what its answer must say.
SCRIPT: List[Tuple[str, str]] = [
    ("Quel réseau pour un acheteur à Rennes ?", "RESECO"),
    ("Est-ce que je dois acheter du papier recyclé ?", "AGEC"),
    ("C'est quoi le guichet vert ?", "guichet vert"),
    ("Comment insérer une clause sociale dans un marché ?", "clause"),
    ("Quel réseau pour un acheteur à Lyon ?", "Auvergne-Rhône-Alpes"),
]


class Stack:
    """A Rasa server and its action server, each started by scripts/serve (modes rasa, actions)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.action_port = free_port()
        self.env = dict(store_env(directory), RATE_LIMIT_MESSAGES="100000", METRICS_TOKEN=METRICS_TOKEN)
        self.actions = self.start_actions()
        self.rasa = serve("rasa", self.env, directory / "rasa.log", free_port(), action_port=self.action_port)
        wait_actions(self.actions)
        wait_assistant(self.rasa)

    def start_actions(self, **settings: str) -> Served:
        served = serve(
            "actions", dict(self.env, **settings), self.directory / "actions.log", self.action_port
        )
        wait_actions(served)
        return served

    def post(self, sender: str, text: str) -> requests.Response:
        return requests.post(
            f"{self.rasa.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )

    def metrics(self) -> str:
        reply = requests.get(
            f"{self.rasa.url}/metrics", headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10
        )
        assert reply.status_code == 200
        return reply.text

    def log_count(self, pattern: str) -> int:
        return len(re.findall(pattern, self.rasa.log.read_text(errors="replace")))


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    directory = tmp_path_factory.mktemp("resilience")
    running = Stack(directory)
    try:
        yield running
    finally:
        running.rasa.stop()
        running.actions.stop()


def texts(reply: requests.Response) -> str:
    return "\n".join(message.get("text", "") for message in reply.json())


def metric(exposition: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{key}="{value}"' for key, value in labels.items())
    pattern = rf"^{name}{{{wanted}}} (\S+)$" if labels else rf"^{name} (\S+)$"
    found = re.search(pattern, exposition, flags=re.M)
    return float(found.group(1)) if found else 0.0


def test_a_200_message_conversation_is_answered_at_every_message(
    stack: Stack, capsys: pytest.CaptureFixture
) -> None:
    seconds: List[float] = []
    memory_before = rss_mib(stack.rasa.process.pid)
    for turn in range(TURNS):
        question, expected = SCRIPT[turn % len(SCRIPT)]
        started = time.perf_counter()
        reply = stack.post("long-conversation", question)
        seconds.append(time.perf_counter() - started)
        assert reply.status_code == 200, f"message {turn + 1}: HTTP {reply.status_code}"
        answer = texts(reply)
        assert expected.lower() in answer.lower(), f"message {turn + 1} ({question!r}) got: {answer[:200]!r}"
        assert guard.NO_ANSWER not in answer and guard.TECHNICAL_PROBLEM not in answer

    def median_ms(first: int, last: int) -> float:
        return 1000 * statistics.median(seconds[first - 1 : last])

    with sqlite3.connect(stack.directory / "conversations.db") as db:
        sessions = db.execute(
            "SELECT COUNT(*) FROM events "
            "WHERE sender_id = 'long-conversation' AND type_name = 'session_started'"
        ).fetchone()[0]
    with capsys.disabled():
        print(
            f"\nlong conversation: {TURNS} messages, all answered; median time per message: "
            f"messages 1-5 {median_ms(1, 5):.0f} ms, 41-50 {median_ms(41, 50):.0f} ms, "
            f"191-200 {median_ms(191, 200):.0f} ms; {sessions} sessions of at most "
            f"{resilience.DEFAULT_MAX_SESSION_TURNS} messages; Rasa server memory {memory_before:.0f} MiB "
            f"before, {rss_mib(stack.rasa.process.pid):.0f} MiB after"
        )
    assert sessions >= TURNS // resilience.DEFAULT_MAX_SESSION_TURNS


def test_action_server_down_gives_a_clear_message_then_recovers(stack: Stack) -> None:
    sender = "action-server-killed"
    assert "RESECO" in texts(stack.post(sender, "Quel réseau pour un acheteur à Rennes ?"))
    before = stack.log_count(r"could not run: unreachable")
    stack.actions.kill()
    try:
        down = stack.post(sender, "Est-ce que je dois acheter du papier recyclé ?")
        assert down.status_code == 503 and down.headers["Retry-After"]
        assert [message["text"] for message in down.json()] == [guard.TECHNICAL_PROBLEM]
        assert stack.log_count(r"could not run: unreachable") == before + 1
        assert "Traceback" not in stack.rasa.log.read_text(errors="replace")
        exposition = stack.metrics()
        assert (
            metric(exposition, "assistant_action_errors_total", action="action_answer", cause="unreachable")
            >= 1
        )
        assert metric(exposition, "assistant_requests_total", channel="rest", status="503") >= 1
    finally:
        stack.actions = stack.start_actions()
    again = stack.post(sender, "Est-ce que je dois acheter du papier recyclé ?")
    assert again.status_code == 200 and "AGEC" in texts(again)


def test_an_http_error_of_the_action_server_gives_the_same_message(stack: Stack) -> None:
    """An action server that refuses the call (its body limit set far too low: rasa-sdk answers 500)."""
    stack.actions.stop()
    stack.actions = stack.start_actions(ACTION_SERVER_MAX_REQUEST_BYTES="1000")
    try:
        refused = stack.post("action-server-413", "C'est quoi le guichet vert ?")
        assert refused.status_code == 503
        assert texts(refused) == guard.TECHNICAL_PROBLEM
        assert (
            metric(stack.metrics(), "assistant_action_errors_total", action="action_answer", cause="http_500")
            >= 1
        )
    finally:
        stack.actions.stop()
        stack.actions = stack.start_actions()
    assert "guichet vert" in texts(stack.post("action-server-413", "C'est quoi le guichet vert ?")).lower()


def test_metrics_are_off_without_token_and_protected_with_one(stack: Stack) -> None:
    assert requests.get(f"{stack.rasa.url}/metrics", timeout=10).status_code == 401
    wrong = requests.get(f"{stack.rasa.url}/metrics", headers={"Authorization": "Bearer nope"}, timeout=10)
    assert wrong.status_code == 401
    exposition = stack.metrics()
    for name in ("assistant_requests_total", "assistant_answer_seconds_bucket", "assistant_fallbacks_total"):
        assert name in exposition
    assert metric(exposition, "assistant_requests_total", channel="rest", status="200") >= TURNS
