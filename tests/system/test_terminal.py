"""The terminal chat (clients/terminal.py, `make shell`) against the real assistant.

Its rendering and a server that never starts: tests/test_terminal_client.py.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator, List

from clients.terminal import KEPT, RestClient, chat
from tests.conftest import ROOT, Assistant, free_port
from tests.support.servers import SERVE, stop, store_env
from tests.system.test_widget_browser import TcpRelay

# The sources of an answer, on one line: named links and the date they were consulted.
SOURCE = re.compile(r"^  Sources? : .+ <https?://\S+>.* — consultées? les? ", re.MULTILINE)


def scripted(lines: List[str], before_each: Callable[[int], None] = lambda i: None) -> Callable[[str], str]:
    """An input() replacement that types `lines` in order, then Ctrl+D."""
    feed: Iterator[str] = iter(lines)
    count = [0]

    def read(prompt: str) -> str:
        before_each(count[0])
        count[0] += 1
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return read


def wait_closed(ports: List[int], timeout: float) -> bool:
    """True once nothing listens on `ports` any more."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(listening(port) for port in ports):
            return True
        time.sleep(0.5)
    return False


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def test_more_details_is_printed_from_the_answer(assistant: Assistant) -> None:
    out: List[str] = []
    lines = ["Quel réseau pour un acheteur à Rennes ?", "1", "/quitter"]
    code = chat(RestClient(assistant.url, "terminal-test-details"), read=scripted(lines), write=out.append)
    text = "\n".join(out)
    assert code == 0
    assert "    1. En savoir plus" in out, text
    assert "  → En savoir plus" in out
    assert any(line.startswith("En savoir plus : ") and "RESECO" in line for line in out), text
    assert not re.search(r"^Assistant : .*https?://", text, re.MULTILINE)  # no raw URL in the answer text


def test_chat_with_the_real_assistant(assistant: Assistant) -> None:
    out: List[str] = []
    lines = ["Quel réseau pour un acheteur à Rennes ?", "que sais-tu faire ?", "1", "/quitter"]
    code = chat(RestClient(assistant.url, "terminal-test-1"), read=scripted(lines), write=out.append)
    text = "\n".join(out)
    assert code == 0
    assert "Bretagne" in text and SOURCE.search(text)
    chosen = [i for i, line in enumerate(out) if line.startswith("  → ")]
    assert len(chosen) == 1, text
    menu = [line for line in out[: chosen[0]] if re.match(r"^\s+1\. ", line)]
    assert menu, text
    assert out[chosen[0]] == f"  → {menu[-1].split('1. ', 1)[1]}"  # "1" picked the first proposition
    assert any(line.startswith("Assistant : ") for line in out[chosen[0] :])  # its payload got an answer
    assert out[-1] == "Au revoir !"


def test_a_number_out_of_range_is_sent_as_text(assistant: Assistant) -> None:
    out: List[str] = []
    chat(
        RestClient(assistant.url, "terminal-test-2"),
        read=scripted(["Quel est mon réseau régional ?", "35", "/quitter"]),
        write=out.append,
    )
    text = "\n".join(out)
    asked = re.search(r"Où travaillez-vous|Indiquez-moi votre ville", text)  # the place is asked
    assert asked
    assert "Bretagne" in text[asked.end() :]  # "35" = Ille-et-Vilaine


def test_message_is_kept_while_the_server_is_down_then_resent(assistant: Assistant) -> None:
    relay = TcpRelay(int(assistant.url.rsplit(":", 1)[1]))  # not started: the server is down

    def server_comes_back(turn: int) -> None:
        if turn == 1:
            relay.start()

    out: List[str] = []
    try:
        chat(
            RestClient(relay.url, "terminal-test-3", backoff=(0.1, 0.1)),
            read=scripted(["Quel réseau pour un acheteur à Rennes ?", "", "/quitter"], server_comes_back),
            write=out.append,
        )
    finally:
        relay.stop()
    text = "\n".join(out)
    assert "Impossible de joindre l'assistant" in text and KEPT in text
    assert "Bretagne" in text.split(KEPT, 1)[1]  # Enter resent the kept question


def test_module_entry_point_with_piped_input(assistant: Assistant) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "clients.terminal", "--url", assistant.url, "--sender", "terminal-test-4"],
        input="Quel réseau pour un acheteur à Rennes ?\n/quitter\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Bretagne" in result.stdout and "Au revoir !" in result.stdout
    assert "\033[" not in result.stdout  # no terminal escapes when the output is not a terminal


def test_make_shell_starts_the_server_then_the_terminal_chat(tmp_path: Path) -> None:
    """`scripts/serve shell` (make shell): servers in the background, chat in the foreground.

    Starts a whole second stack (about a minute on 2 cores).
    """
    port, action_port = free_port(), free_port()
    env = dict(
        os.environ,
        **store_env(tmp_path),
        RASA_PORT=str(port),
        ACTION_PORT=str(action_port),
        RASA_INTERFACE="127.0.0.1",
        ACTION_HOST="127.0.0.1",
        TMPDIR=str(tmp_path),
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
    )
    process = subprocess.Popen(
        [SERVE, "shell"],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        output, _ = process.communicate("Quel réseau pour un acheteur à Rennes ?\n/quitter\n", timeout=400)
        servers_stopped = wait_closed([port, action_port], timeout=30)
    finally:
        stop(process)
    assert process.returncode == 0, output
    assert "Démarrage de l'assistant" in output or "Assistant achats durables" in output
    assert "Bretagne" in output and SOURCE.search(output) and "Au revoir !" in output
    assert "Journal des serveurs" in output and "INFO" not in output.split("Assistant achats durables", 1)[1]
    assert servers_stopped  # leaving the chat stops the servers it started
