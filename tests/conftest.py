"""Shared fixtures: a real assistant (Rasa HTTP server + action server) on free loopback ports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterator, List

import pytest
import requests

from tests.support.servers import store_env

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "models" / "assistant.tar.gz"
RASA = str(Path(sys.executable).parent / "rasa")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, timeout: float, what: str, processes: List[subprocess.Popen]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for process in processes:
            if process.poll() is not None:
                raise RuntimeError(f"{what}: a server exited early (code {process.returncode})")
        try:
            if check():
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


class Assistant:
    def __init__(self, url: str) -> None:
        self.url = url

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
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    logs = tmp_path_factory.mktemp("servers")
    rasa_port, action_port = free_port(), free_port()
    # Conversations in an SQLite file of this session, action server on loopback (tests/support/servers.py).
    env = dict(os.environ, **store_env(logs), ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook")
    commands = [
        [RASA, "run", "actions", "--port", str(action_port), "--actions", "actions.actions"],
        [
            RASA,
            "run",
            "--model",
            str(MODEL),
            "--port",
            str(rasa_port),
            "--interface",
            "127.0.0.1",
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
        ],
    ]
    processes = [
        subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=(logs / f"{i}.log").open("w"), stderr=subprocess.STDOUT
        )
        for i, command in enumerate(commands)
    ]
    url = f"http://127.0.0.1:{rasa_port}"
    try:
        wait_until(
            lambda: requests.get(f"http://127.0.0.1:{action_port}/health", timeout=2).ok,
            120,
            "action server",
            processes,
        )
        wait_until(
            lambda: requests.post(
                f"{url}/webhooks/rest/webhook", json={"sender": "warmup", "message": "bonjour"}, timeout=10
            ).json(),
            180,
            "Rasa server",
            processes,
        )
        yield Assistant(url)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
