"""Terminal chat with a running assistant, through its REST channel (``make shell``).

    python -m clients.terminal --url http://127.0.0.1:5005 [--wait 300] [--sender terminal]

Answers print their short text, their links and their sources on one line (named, with the date they
were consulted). Buttons are shown as numbered choices: typing the number sends the button's payload;
« En savoir plus » prints the details that came with the answer, without asking again. ``/quitter``
(or Ctrl+D) leaves. A message the server could not receive is kept: pressing Enter sends it again,
with the same ``message_id`` so the server never processes it twice.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

import requests

from actions.reply import (
    DETAILS_PAYLOAD,
    Link,
    Reply,
    SourceLink,
    consulted_note,
    details_reply,
    parse_payload,
    sources_label,
    to_payload,
)

DEFAULT_URL = "http://127.0.0.1:5005"
QUIT_COMMANDS = frozenset({"/quitter", "/quit", "/stop", "/exit"})
PROMPT = "Vous : "
ATTEMPTS = 3
BACKOFF_SECONDS = (1.0, 3.0)
REQUEST_TIMEOUT = 45.0
BOLD = re.compile(r"\*\*(.+?)\*\*")

WELCOME = (
    "Assistant achats durables. Posez votre question ; tapez le numéro d'une proposition pour la "
    "choisir, /quitter pour sortir."
)
GOODBYE = "Au revoir !"
UNREACHABLE = "Impossible de joindre l'assistant à {url}. Vérifiez qu'il est démarré (make serve)."
SERVER_ERROR = "L'assistant n'a pas pu traiter votre message (erreur {status})."
KEPT = "Votre message n'est pas perdu : appuyez sur Entrée pour le renvoyer, ou tapez un autre message."


class AssistantUnavailable(Exception):
    """The message did not reach the assistant (after retries); str() is the French explanation."""


@dataclass
class Choice:
    title: str
    payload: str
    # « En savoir plus »: what to print here, without asking the server again (None: send the payload).
    local: Optional[Turn] = None


@dataclass
class Turn:
    """What the terminal prints for one answer of the assistant."""

    lines: List[str] = field(default_factory=list)
    choices: List[Choice] = field(default_factory=list)


class RestClient:
    """Posts messages to the REST channel, with limited retries and a stable message_id."""

    def __init__(
        self,
        url: str,
        sender: str,
        session: Optional[requests.Session] = None,
        attempts: int = ATTEMPTS,
        backoff: Sequence[float] = BACKOFF_SECONDS,
        timeout: float = REQUEST_TIMEOUT,
    ) -> None:
        self.url = url.rstrip("/")
        self.sender = sender
        self.session = session or requests.Session()
        self.attempts = attempts
        self.backoff = backoff
        self.timeout = timeout

    def send(self, message: str, message_id: str) -> List[Dict[str, Any]]:
        """The bot messages answering `message`, or AssistantUnavailable."""
        body = {"sender": self.sender, "message": message, "message_id": message_id}
        error = UNREACHABLE.format(url=self.url)
        for attempt in range(self.attempts):
            retryable = True
            try:
                response = self.session.post(
                    f"{self.url}/webhooks/rest/webhook", json=body, timeout=self.timeout
                )
                data = json_or_none(response)
                if isinstance(data, list) and (response.ok or response.status_code == 429):
                    return [m for m in data if isinstance(m, dict)]
                if response.ok:
                    return []
                retryable = response.status_code >= 500 or response.status_code == 408
                error = server_message(data, response.status_code, retryable)
            except requests.RequestException:
                error = UNREACHABLE.format(url=self.url)
            if not retryable or attempt == self.attempts - 1:
                break
            time.sleep(self.backoff[min(attempt, len(self.backoff) - 1)])
        raise AssistantUnavailable(error)


def server_message(data: Any, status: int, retryable: bool) -> str:
    """The server's own French explanation (an error object, or the bot message of a 503), else a
    generic one."""
    if isinstance(data, dict) and isinstance(data.get("message"), str) and not retryable:
        return data["message"]
    if isinstance(data, list) and data and isinstance(data[0], dict) and isinstance(data[0].get("text"), str):
        return data[0]["text"]
    return SERVER_ERROR.format(status=status)


def json_or_none(response: requests.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def format_text(text: str, ansi: bool) -> str:
    """**gras** becomes bold on a terminal, plain text otherwise."""
    return BOLD.sub(lambda m: f"\033[1m{m.group(1)}\033[0m" if ansi else m.group(1), text)


def links_line(label: str, links: Sequence[Link]) -> str:
    """'  Liens : Site de RESECO <https://…> · …' on one line (the terminal makes addresses clickable)."""
    return f"  {label} : " + " · ".join(f"{link.title} <{link.url}>" for link in links)


def sources_line(sources: Sequence[SourceLink]) -> str:
    """'  Sources : Titre <https://…> · Titre <https://…> — consultées le 25 novembre 2026'."""
    return f"{links_line(sources_label(sources), sources)} — {consulted_note(list(sources))}"


def text_lines(text: str, ansi: bool, prefix: str = "Assistant : ") -> List[str]:
    lines = format_text(text.strip(), ansi).splitlines()
    indent = " " * len(prefix)
    return [f"{prefix}{lines[0]}", *(f"{indent}{line}" if line.strip() else "" for line in lines[1:])]


def reply_lines(reply: Reply, ansi: bool, prefix: str = "Assistant : ") -> List[str]:
    """A structured reply (actions/reply.py): its text, its links, then its sources on one line."""
    lines = text_lines(reply.text, ansi, prefix)
    if reply.links:
        lines.append(links_line("Liens", reply.links))
    if reply.sources:
        lines.append(sources_line(reply.sources))
    return lines


def details_turn(reply: Reply, ansi: bool) -> Turn:
    """What « En savoir plus » prints: the details, their links and sources, then the other choices."""
    details = details_reply(to_payload(reply))
    if details is None:
        return Turn()
    turn = Turn(lines=text_lines(details.text, ansi, "En savoir plus : "))
    if details.links:
        turn.lines.append(links_line("Liens", details.links))
    if details.sources:
        turn.lines.append(sources_line(details.sources))
    turn.choices = [Choice(button["title"], button["payload"]) for button in details.buttons]
    return with_choices(turn)


def with_choices(turn: Turn) -> Turn:
    if turn.choices:
        turn.lines.append("  Propositions :")
        turn.lines.extend(f"    {number}. {choice.title}" for number, choice in enumerate(turn.choices, 1))
        turn.lines.append("  (tapez le numéro de votre choix)")
    return turn


def render(messages: List[Dict[str, Any]], ansi: bool = False) -> Turn:
    """Lines to print and numbered choices for the bot messages of one turn."""
    turn = Turn()
    for message in messages:
        reply = parse_payload(message.get("custom"))
        text = message.get("text")
        if reply is not None:
            turn.lines.extend(reply_lines(reply, ansi))
        elif isinstance(text, str) and text.strip():
            turn.lines.extend(text_lines(text, ansi))
        for button in message.get("buttons") or []:
            if (
                isinstance(button, dict)
                and isinstance(button.get("title"), str)
                and isinstance(button.get("payload"), str)
            ):
                local = None
                if reply is not None and reply.details and button["payload"] == DETAILS_PAYLOAD:
                    local = details_turn(reply, ansi)
                turn.choices.append(Choice(button["title"], button["payload"], local))
    return with_choices(turn)


def chat(
    client: RestClient,
    read: Callable[[str], str] = input,
    write: Callable[[str], None] = print,
    ansi: bool = False,
) -> int:
    """The conversation loop; returns the exit code."""
    write(WELCOME)
    choices: List[Choice] = []
    pending: Optional[tuple] = None  # (payload, message_id) of a message the server did not receive
    while True:
        try:
            line = read(PROMPT).strip()
        except (EOFError, KeyboardInterrupt):
            write("")
            write(GOODBYE)
            return 0
        if line.lower() in QUIT_COMMANDS:
            write(GOODBYE)
            return 0
        if not line:
            if pending is None:
                continue
            payload, message_id = pending
        elif line.isdigit() and choices and 1 <= int(line) <= len(choices):
            choice = choices[int(line) - 1]
            write(f"  → {choice.title}")
            if choice.local is not None:  # the details came with the answer: no need to ask again
                for printed in choice.local.lines:
                    write(printed)
                write("")
                choices = choice.local.choices
                continue
            payload, message_id = choice.payload, uuid.uuid4().hex
        else:  # a number out of range is sent as text: "35" may be a department
            payload, message_id = line, uuid.uuid4().hex
        try:
            answers = client.send(payload, message_id)
        except AssistantUnavailable as error:
            write(str(error))
            write(KEPT)
            pending = (payload, message_id)
            continue
        pending = None
        turn = render(answers, ansi)
        for printed in turn.lines:
            write(printed)
        write("")
        choices = turn.choices


def wait_for_server(
    url: str, timeout: float, server_pid: Optional[int] = None, write: Callable[[str], None] = print
) -> bool:
    """Waits until the REST channel answers; False after `timeout` or if the server process died."""
    health = f"{url.rstrip('/')}/webhooks/rest/"
    deadline = time.monotonic() + timeout
    announced = False
    while time.monotonic() < deadline:
        try:
            if requests.get(health, timeout=2).ok:
                return True
        except requests.RequestException:
            pass
        if server_pid is not None and not process_alive(server_pid):
            return False
        if not announced:
            write("Démarrage de l'assistant… (cela peut prendre une minute)")
            announced = True
        time.sleep(1)
    return False


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def parse_args(argv: Optional[Sequence[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Conversation avec l'assistant dans le terminal.")
    parser.add_argument(
        "--url",
        default=os.environ.get("ASSISTANT_URL", DEFAULT_URL),
        help="adresse du serveur Rasa (canal REST)",
    )
    parser.add_argument("--sender", default=None, help="identifiant de la conversation")
    parser.add_argument("--wait", type=float, default=0, help="secondes d'attente du démarrage du serveur")
    parser.add_argument(
        "--server-pid", type=int, default=None, help="processus du serveur : l'attente s'arrête s'il s'arrête"
    )
    return parser.parse_args(argv)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = parse_args(argv)
    if args.wait and not wait_for_server(args.url, args.wait, args.server_pid):
        print(f"L'assistant n'a pas démarré à {args.url}. Consultez le journal du serveur.", file=sys.stderr)
        return 1
    if sys.stdin.isatty():
        import readline  # noqa: F401  (line editing and history for input())
    sender = args.sender or f"terminal-{uuid.uuid4().hex[:12]}"
    return chat(RestClient(args.url, sender), ansi=sys.stdout.isatty())


if __name__ == "__main__":
    sys.exit(main())
