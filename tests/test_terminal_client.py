"""The terminal chat (clients/terminal.py) without an assistant: rendering of answers, and a server
that never starts. The chat against the real assistant: tests/system/test_terminal.py.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from clients.terminal import format_text, render
from tests.support.ports import free_port

ROOT = Path(__file__).resolve().parent.parent


def test_render_numbers_buttons_and_formats_text() -> None:
    turn = render(
        [
            {"text": "Pour **Rennes** :\n• RESECO\n\nSource : https://example.org/a"},
            {
                "text": "Autre sujet ?",
                "buttons": [
                    {"title": "Loi AGEC", "payload": "/ask_agec"},
                    {"title": "Guichet vert", "payload": "/ask_guichet_vert"},
                ],
            },
            {"buttons": [{"title": 3, "payload": None}]},  # malformed: ignored
        ]
    )
    assert turn.lines[0] == "Assistant : Pour Rennes :"
    assert "            • RESECO" in turn.lines
    assert "    1. Loi AGEC" in turn.lines and "    2. Guichet vert" in turn.lines
    assert [c.payload for c in turn.choices] == ["/ask_agec", "/ask_guichet_vert"]
    assert format_text("un **mot**", ansi=True) == "un \033[1mmot\033[0m"


def test_unreachable_server_on_start() -> None:
    closed = f"http://127.0.0.1:{free_port()}"
    result = subprocess.run(
        [sys.executable, "-m", "clients.terminal", "--url", closed, "--wait", "2"],
        input="",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "n'a pas démarré" in result.stderr


def test_server_errors_show_the_servers_own_french_message() -> None:
    from channels.guard import TECHNICAL_PROBLEM
    from clients.terminal import SERVER_ERROR, server_message

    assert server_message([{"text": TECHNICAL_PROBLEM}], 503, retryable=True) == TECHNICAL_PROBLEM
    reused = {"message": "Ce « message_id » a déjà servi"}
    assert server_message(reused, 409, retryable=False) == reused["message"]
    assert server_message(None, 502, retryable=True) == SERVER_ERROR.format(status=502)
