"""Deployment files on servers started on loopback: nginx keeps serving when one replica is dead and
the other fails once; the action server runs from exactly the files its image gets, and without
TensorFlow. The checks that need no server: tests/test_deploy.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import requests
import yaml

from tests.support import servers
from tests.support.servers import ROOT, free_port, nginx, spawn, stop, wait_for, world_dir


@contextlib.contextmanager
def assistant_that_resets_its_first_request() -> Iterator[int]:
    """An HTTP server on loopback that drops the first request's connection, then answers 200."""
    requests_seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            requests_seen.append(self.path)
            if len(requests_seen) == 1:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"[]")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def test_one_error_on_the_last_live_assistant_does_not_take_the_proxy_down() -> None:
    """One replica dead, one connection reset on the other: the next requests are answered.

    Regression: with `max_fails=1 fail_timeout=30s`, nginx then had no live upstream left and answered
    502 to every user for 30 s (seen once in the scale-out test, reproduced here).
    """
    dead_port = free_port()
    with assistant_that_resets_its_first_request() as live_port, nginx([dead_port, live_port]) as proxy:
        statuses = [
            requests.post(
                f"{proxy.url}/webhooks/rest/webhook", timeout=10, json={"sender": "s", "message": "bonjour"}
            ).status_code
            for _ in range(6)
        ]
    assert statuses[0] == 502 and statuses[1:] == [200] * 5, statuses


def test_action_server_runs_from_the_files_of_its_image() -> None:
    """Only the files of Dockerfile.actions (textnorm.py, topic_names.py, buyer_lexicon.py, places/,
    privacy/, actions/, knowledge/, node_modules/), run as the image does."""
    directory = world_dir("actions-image-")
    port = free_port()
    try:
        for module in ("textnorm.py", "topic_names.py", "buyer_lexicon.py"):
            shutil.copy(ROOT / module, directory / module)
        for name in ("places", "privacy", "actions", "knowledge"):
            shutil.copytree(ROOT / name, directory / name, ignore=shutil.ignore_patterns("__pycache__"))
        (directory / "node_modules").symlink_to(ROOT / "node_modules")
        env = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(directory),
            "SANIC_HOST": "127.0.0.1",
            "HOME": str(directory),
        }
        command = [sys.executable, "-m", "rasa_sdk", "--actions", "actions.actions", "--port", str(port)]
        process = spawn(command, env, directory / "actions.log", cwd=directory)
        try:
            wait_for(
                lambda: requests.get(f"http://127.0.0.1:{port}/health", timeout=2).ok,
                90,
                "action server from image files",
                [process],
            )
            served = {action["name"] for action in requests.get(f"http://127.0.0.1:{port}/actions").json()}
            custom = set(yaml.safe_load((ROOT / "domain.yml").read_text())["actions"])
            assert custom and custom <= served
        finally:
            stop(process)
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def test_serve_keeps_tensorflow_out_of_the_action_server(tmp_path: Path) -> None:
    """TensorFlow thread settings go to the Rasa server only: with them, the `rasa` command imports
    TensorFlow (+500 MB), which the action server never uses."""
    env = {"TF_INTER_OP_PARALLELISM_THREADS": "2", "TF_INTRA_OP_PARALLELISM_THREADS": "2"}
    actions = servers.serve("actions", env, tmp_path / "actions.log", free_port())
    try:
        servers.wait_actions(actions)
        maps = Path(f"/proc/{actions.process.pid}/maps").read_text()
        environment = Path(f"/proc/{actions.process.pid}/environ").read_bytes().split(b"\0")
    finally:
        actions.stop()
    assert "tensorflow" not in maps
    assert not any(variable.startswith(b"TF_INTER_OP") for variable in environment)
