"""Conversations survive a restart (SQLite tracker store), personal data never reaches the store,
the HTTP API and CORS follow the settings, and the retention purge deletes old conversations.

The real assistant is started twice through scripts/serve http (as `make serve` does), on loopback.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import requests

from tests.support.servers import ROOT, SERVE, Served, free_port, serve, store_env, wait_assistant

TOKEN = "persistence-" + uuid.uuid4().hex
ORIGIN = "https://intranet.example"
SENDER = f"persist-{uuid.uuid4().hex[:10]}"
EMAIL, PHONE = "jean.dupont@mairie-rennes.fr", "06 12 34 56 78"
TURNS = [
    "Quel réseau pour un acheteur à Rennes ?",
    "je travaille pour une mairie",
    f"Vous pouvez me joindre à {EMAIL} ou au {PHONE}",
]


def send(url: str, text: str, sender: str = SENDER) -> List[Dict[str, Any]]:
    response = requests.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    assert response.status_code == 200, response.text
    return response.json()


def joined(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def user_texts(db: Path, sender: str) -> List[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("persistence")


def start(workdir: Path, name: str, **settings: str) -> Served:
    env = dict(store_env(workdir), **settings)
    served = serve("http", env, workdir / f"{name}.log", free_port(), action_port=free_port())
    try:
        wait_assistant(served)
    except Exception:
        served.stop()
        raise
    return served


@pytest.fixture(scope="module")
def first_run(workdir: Path) -> Iterator[Dict[str, Any]]:
    """First life of the assistant: a conversation, then a clean stop."""
    served = start(workdir, "first")
    try:
        answers = [joined(send(served.url, text)) for text in TURNS]
        # A client retry (same message_id) is answered from storage, not processed again.
        retried = [
            requests.post(
                f"{served.url}/webhooks/rest/webhook",
                timeout=60,
                json={"sender": SENDER, "message": "merci", "message_id": "retry-1"},
            ).json()
            for _ in range(2)
        ]
        api = requests.get(f"{served.url}/conversations/{SENDER}/tracker", timeout=10).status_code
    finally:
        served.stop()
    yield {"answers": answers, "api_status": api, "db": workdir / "conversations.db", "retried": retried}


def test_first_run_answers_and_keeps_the_api_closed(first_run: Dict[str, Any]) -> None:
    assert "RESECO" in first_run["answers"][0]
    assert first_run["api_status"] == 404  # RASA_ENABLE_API unset: no HTTP API at all


def test_personal_data_is_masked_in_the_tracker_store(first_run: Dict[str, Any]) -> None:
    db: Path = first_run["db"]
    stored = user_texts(db, SENDER)
    assert stored[:2] == TURNS[:2]
    assert stored[2] == "Vous pouvez me joindre à [adresse e-mail masquée] ou au [numéro de téléphone masqué]"
    assert stored[3:] == ["merci"]  # sent twice with the same message_id, stored once
    assert first_run["retried"][0] == first_run["retried"][1] and first_run["retried"][0]
    raw = db.read_bytes()
    for secret in (EMAIL, "jean.dupont", PHONE, "0612345678", "12 34 56 78"):
        assert secret.encode() not in raw


def test_restart_keeps_history_and_slots_and_enables_the_api_with_a_token(
    first_run: Dict[str, Any], workdir: Path, capsys: pytest.CaptureFixture
) -> None:
    started = time.monotonic()
    served = start(workdir, "second", RASA_ENABLE_API="true", RASA_API_TOKEN=TOKEN, ALLOWED_ORIGINS=ORIGIN)
    try:
        restart_seconds = time.monotonic() - started
        assert requests.get(f"{served.url}/status", timeout=10).status_code == 401
        assert (
            requests.get(
                f"{served.url}/status", params={"token": "wrong-token-value"}, timeout=10
            ).status_code
            == 401
        )
        tracker = requests.get(
            f"{served.url}/conversations/{SENDER}/tracker", params={"token": TOKEN}, timeout=10
        ).json()
        history = [e["text"] for e in tracker["events"] if e["event"] == "user"]
        assert history[:2] == TURNS[:2] and "[adresse e-mail masquée]" in history[2]
        assert tracker["slots"]["location"] == "commune:35238"
        assert tracker["slots"]["buyer_type"] == "collectivite"

        follow_up = joined(send(served.url, "et le guichet vert ?"))
        assert "Bretagne" in follow_up and "Où travaillez-vous" not in follow_up

        allowed = requests.options(
            f"{served.url}/webhooks/rest/webhook",
            timeout=10,
            headers={"Origin": ORIGIN, "Access-Control-Request-Method": "POST"},
        )
        assert allowed.headers.get("Access-Control-Allow-Origin") == ORIGIN
        refused = requests.post(
            f"{served.url}/webhooks/rest/webhook",
            timeout=30,
            headers={"Origin": "https://evil.example"},
            json={"sender": "cors", "message": "bonjour"},
        )
        assert "Access-Control-Allow-Origin" not in refused.headers
    finally:
        served.stop()
    assert user_texts(first_run["db"], SENDER)[-1] == "et le guichet vert ?"
    with capsys.disabled():
        print(
            f"\npersistence: restart to first answer {restart_seconds:.0f} s, "
            f"{len(history)} earlier user messages and slots kept"
        )


@pytest.mark.parametrize(
    "settings, reason",
    [
        ({"RASA_ENABLE_API": "true"}, "exige RASA_API_TOKEN"),
        ({"RASA_ENABLE_API": "true", "RASA_API_TOKEN": "short"}, "trop court"),
        ({"RASA_ENABLE_API": "maybe"}, "true ou false"),
    ],
)
def test_api_is_never_enabled_without_authentication(
    workdir: Path, settings: Dict[str, str], reason: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("RASA_API_TOKEN", "RASA_JWT_SECRET")}
    env.update(store_env(workdir), **settings)
    result = subprocess.run([SERVE, "http"], env=env, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert reason in result.stderr


def test_purge_deletes_only_conversations_older_than_the_limit(
    first_run: Dict[str, Any], workdir: Path
) -> None:
    db: Path = first_run["db"]
    env = dict(os.environ, **store_env(workdir))
    command = ["make", "-s", "purge-conversations", "DAYS=30"]
    kept = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert kept.returncode == 0, kept.stderr
    assert "supprimées : 0 " in kept.stdout
    with sqlite3.connect(db) as connection:
        senders_before = {s for (s,) in connection.execute("SELECT DISTINCT sender_id FROM events")}
        connection.execute(
            "UPDATE events SET timestamp = timestamp - 40 * 86400 WHERE sender_id = ?", (SENDER,)
        )
    purged = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert purged.returncode == 0, purged.stderr
    assert "supprimées : 1 " in purged.stdout
    with sqlite3.connect(db) as connection:
        senders_after = {s for (s,) in connection.execute("SELECT DISTINCT sender_id FROM events")}
    assert senders_after == senders_before - {SENDER} and senders_after
