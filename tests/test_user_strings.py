"""Every French text a user can read holds no raw URL, no word of the assistant's workings, no English.

The replies built from the knowledge base are checked exhaustively in test_replies.py; this file covers
the rest, where strings added by later work could slip through (issue 12):

- the fixed replies and button titles of domain.yml;
- every French string literal of the action server and the message guard (the texts of unknown figures,
  of the handoff, of the place questions...), found in the source rather than listed by hand, so that a
  new string is checked without anyone adding it here;
- the rendered definitions of the glossary and the "figure not known" replies of every topic;
- the widget's own text (welcome, labels, error messages).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import yaml

from actions.followup import ROUTES, unknown_figure_reply
from actions.glossary import ENTRIES, definition_reply
from tests.support.wording import ENGLISH_WORDS, INTERNAL_WORDS, RAW_URL, wording_problems

ROOT = Path(__file__).resolve().parent.parent
# Where the texts a user reads are written in code (the other channel modules only answer platforms).
USER_TEXT_SOURCES = sorted((ROOT / "actions").glob("*.py")) + [ROOT / "channels" / "guard.py"]
FRENCH_MARK = re.compile(r"[àâçéèêëîïôûùœ]|\b(?:vous|votre|vos|je|le|la|les|des|une|est)\b", re.IGNORECASE)
# Regular expressions and word lists are matched against user text, not shown to users.
NOT_SHOWN = re.compile(r"\\b|\(\?:|\[\^|\|\\|\\s|\\w")
WIDGET_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def docstring_nodes(tree: ast.AST) -> set:
    """The string constants that are docstrings or bare expression statements (never shown)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            found.add(id(node.value))
    return found


def literal_text(node: ast.AST) -> str:
    """A string constant as is; an f-string with each placeholder as "…"."""
    if isinstance(node, ast.Constant):
        return node.value
    return "".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values)


def french_literals(path: Path, root: Path = ROOT) -> Iterator[Tuple[str, str]]:
    """(file:line, text) of each French sentence-like literal of a module, docstrings and patterns out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = docstring_nodes(tree)
    inside_fstrings = {
        id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values
    }
    for node in ast.walk(tree):
        is_string = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if not (is_string or isinstance(node, ast.JoinedStr)) or id(node) in skipped | inside_fstrings:
            continue
        text = literal_text(node)
        if len(text.split()) >= 3 and FRENCH_MARK.search(text) and not NOT_SHOWN.search(text):
            yield f"{path.relative_to(root)}:{node.lineno}", text


def domain_texts() -> Iterator[Tuple[str, str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variants in domain["responses"].items():
        for variant in variants:
            yield f"domain.yml {name}", variant["text"]
            for button in variant.get("buttons", []):
                yield f"domain.yml {name} button", button["title"]


def widget_texts() -> Iterator[Tuple[str, str]]:
    """The strings of the widget's DEFAULTS and TEXT blocks (the only text it writes itself)."""
    script = (ROOT / "widget" / "widget.js").read_text(encoding="utf-8")
    start = script.index("const DEFAULTS = {")
    end = script.index("};", script.index("const TEXT = {"))
    for match in WIDGET_STRING.finditer(script[start:end]):
        text = match.group(1).replace("\\u00a0", "\u00a0")
        if FRENCH_MARK.search(text):
            yield "widget.js", text


def problems_of(texts: Iterator[Tuple[str, str]]) -> List[str]:
    return [problem for where, text in texts for problem in wording_problems(where, text)]


def test_domain_responses_are_plain_french() -> None:
    texts = list(domain_texts())
    assert len(texts) >= 10
    assert not problems_of(iter(texts))


def test_french_literals_of_the_action_server_and_the_guard_are_plain_french() -> None:
    texts = [item for path in USER_TEXT_SOURCES for item in french_literals(path)]
    assert len(texts) >= 100  # the scan finds the user texts (a broken scan would find none)
    assert not problems_of(iter(texts))


def test_glossary_definitions_are_plain_french() -> None:
    texts = []
    for entry in ENTRIES:
        reply = definition_reply(entry)
        texts += [(f"glossary {entry.topic or reply.text[:20]}", reply.text)]
        texts += [(f"glossary source {entry.topic}", source.title) for source in reply.sources]
        texts += [(f"glossary button {entry.topic}", button["title"]) for button in reply.buttons]
    assert len(texts) >= len(ENTRIES)
    assert not problems_of(iter(texts))


@pytest.mark.parametrize("topic_id", [*ROUTES, "ask_agec"])
def test_unknown_figure_replies_are_plain_french(topic_id: str) -> None:
    replies = unknown_figure_reply(topic_id, "combien ça coûte ?", [], [])
    assert replies and replies[0].text.startswith("Je n'ai pas")
    assert not problems_of((f"unknown figure {topic_id}", reply.text) for reply in replies)


def test_widget_text_is_plain_french() -> None:
    texts = list(widget_texts())
    assert len(texts) >= 20
    assert not problems_of(iter(texts))


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("Je n'ai pas trouvé cette information dans ma base vérifiée.", INTERNAL_WORDS),
        ("Réponse tirée de knowledge/networks.yml.", INTERNAL_WORDS),
        ("Je n'ai pas compris l'intent de votre message.", INTERNAL_WORDS),
        ("Cette entrée n'est pas vérifiée.", INTERNAL_WORDS),
        ("Désolé, fallback : reformulez.", INTERNAL_WORDS),
        ("Sorry, je n'ai pas compris.", ENGLISH_WORDS),
        ("Voir le portail https://achats-durables.gouv.fr pour la suite.", RAW_URL),
    ],
)
def test_the_deny_lists_catch_what_they_are_for(text: str, pattern: re.Pattern) -> None:
    assert pattern.search(text)
    assert wording_problems("example", text)


@pytest.mark.parametrize(
    "text",
    [
        "L'entrée en vigueur est fixée au 21 août 2026.",
        "Le portail achats-durables.gouv.fr est le bon point d'entrée.",
        "Le guichet vert vous répond par écrit ; son site : arbe-regionsud.org.",
    ],
)
def test_plain_french_passes(text: str) -> None:
    assert not wording_problems("example", text)


def test_the_literal_scan_finds_a_new_string(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        '"""Docstring with « base vérifiée », never shown."""\n'
        'ANSWER = "Je ne trouve rien dans ma base vérifiée, désolé."\n'
        'PATTERN = r"\\bma base\\b|\\bvotre question\\b"\n',
        encoding="utf-8",
    )
    found = list(french_literals(module, root=tmp_path))
    assert [text for _, text in found] == ["Je ne trouve rien dans ma base vérifiée, désolé."]
    assert problems_of(iter(found))
