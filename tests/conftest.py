"""Shared fixtures: a real assistant started as `make serve` starts it (scripts/serve http).

Only system tests (tests/system/) may use it: `make test-fast` runs tests/ without that folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import requests

from tests.support.servers import Served, free_port, serve, store_env, wait_assistant

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "assistant.tar.gz"
SYSTEM_TESTS = ROOT / "tests" / "system"


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    """Refuses the run, before any server starts, when a test outside tests/system/ needs the assistant."""
    misplaced = [
        item.nodeid
        for item in items
        if "assistant" in getattr(item, "fixturenames", ()) and SYSTEM_TESTS not in Path(item.path).parents
    ]
    if misplaced:
        raise pytest.UsageError(
            "these tests start the real assistant (`assistant` fixture): move them to tests/system/, "
            "make test-fast must not start servers:\n  " + "\n  ".join(misplaced)
        )


class Assistant:
    def __init__(self, served: Served, db: Path) -> None:
        self.served = served
        self.url = served.url
        self.log = served.log
        self.db = db  # the SQLite file of its conversations

    def send(self, text: str, sender: str) -> List[Dict]:
        response = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=30
        )
        response.raise_for_status()
        return response.json()

    def text(self, message: str, sender: str) -> str:
        return "\n".join(m.get("text", "") for m in self.send(message, sender))


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """One assistant for the whole session: action server and Rasa server on free loopback ports,
    conversations in an SQLite file of the session, every other setting at its default."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    logs = tmp_path_factory.mktemp("servers")
    served = serve("http", store_env(logs), logs / "assistant.log", free_port(), action_port=free_port())
    try:
        wait_assistant(served)
        yield Assistant(served, logs / "conversations.db")
    finally:
        served.stop()
