"""The terminal chat (clients/terminal.py) without an assistant: rendering of answers, and a server
that never starts. The chat against the real assistant: tests/system/test_terminal.py.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
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


def test_a_structured_answer_prints_sources_on_one_line_and_details_on_demand() -> None:
    from actions.reply import DETAILS_PAYLOAD, Link, Reply, SourceLink, message_buttons, to_payload

    reply = Reply(
        text="Pour Rennes, le réseau est RESECO.",
        buttons=[{"title": "Le guichet vert", "payload": "/ask_guichet_vert"}],
        details="RESECO, réseau d'acheteurs publics du Grand Ouest.",
        links=[Link("Site de RESECO", "https://example.org/reseco")],
        sources=[
            SourceLink(
                "Cours : Appuyez-vous sur des réseaux nationaux et locaux",
                "https://example.org/c",
                date(2026, 11, 30),
            ),
            SourceLink("Réseaux — achats-durables.gouv.fr", "https://example.org/r", date(2026, 11, 30)),
        ],
    )
    message = {"text": reply.text, "buttons": message_buttons(reply), "custom": to_payload(reply)}
    turn = render([message])
    assert turn.lines[0] == "Assistant : Pour Rennes, le réseau est RESECO."
    assert "  Liens : Site de RESECO <https://example.org/reseco>" in turn.lines
    sources = [line for line in turn.lines if line.startswith("  Sources : ")]
    assert sources == [
        "  Sources : Cours : Appuyez-vous sur des réseaux nationaux et locaux <https://example.org/c> · "
        "Réseaux — achats-durables.gouv.fr <https://example.org/r> — consultées le 30 novembre 2026"
    ]
    assert "    1. En savoir plus" in turn.lines and "    2. Le guichet vert" in turn.lines
    details = turn.choices[0]
    assert details.payload == DETAILS_PAYLOAD and details.local is not None
    assert details.local.lines[0] == "En savoir plus : RESECO, réseau d'acheteurs publics du Grand Ouest."
    assert [choice.payload for choice in details.local.choices] == ["/ask_guichet_vert"]


def test_more_details_is_printed_without_asking_the_server_again() -> None:
    from actions.reply import Reply, message_buttons, to_payload
    from clients.terminal import chat

    reply = Reply(text="Réponse courte.", details="Les détails.", buttons=[])
    sent: list = []

    class OneAnswer:
        def send(self, message: str, message_id: str) -> list:
            sent.append(message)
            return [{"text": reply.text, "buttons": message_buttons(reply), "custom": to_payload(reply)}]

    inputs = iter(["une question", "1", "/quitter"])
    printed: list = []
    assert chat(OneAnswer(), read=lambda _: next(inputs), write=printed.append) == 0  # type: ignore[arg-type]
    assert sent == ["une question"]
    assert "En savoir plus : Les détails." in printed
