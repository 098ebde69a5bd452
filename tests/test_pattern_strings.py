"""No backspace in a string of the code: "\\b" written in a string that is not raw is a backspace,
and the regular expression built from it silently never matches (« en france » was not read as the
national scope for that reason)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Tuple

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "actions",
    "nlu_components",
    "channels",
    "clients",
    "places",
    "privacy",
    "rasa_patches",
    "reporting",
    "observability",
    "scripts",
)
BACKSPACE = chr(8)  # what "\\b" means outside a raw string


def code_strings() -> Iterator[Tuple[str, int, str]]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    yield f"{path.relative_to(ROOT)}", node.lineno, node.value


def test_no_string_of_the_code_holds_a_backspace() -> None:
    found = [f"{path}:{line}" for path, line, value in code_strings() if BACKSPACE in value]
    assert not found, f"a backspace (\\b in a non-raw string?) at {found}"
