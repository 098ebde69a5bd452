"""Fast tests and system tests stay apart: `make test-fast` runs tests/ without tests/system/.

A test that starts a server (the assistant through the `assistant` fixture or tests/support/servers.py,
PostgreSQL, Redis, nginx, chromium through Playwright) or loads the trained model belongs in
tests/system/. This check fails, naming the file and the reason, when such a test module is in the
fast set; tests/conftest.py refuses any run where a test outside tests/system/ needs the `assistant`
fixture, even through another fixture, before a server starts.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, List

TESTS = Path(__file__).resolve().parent
SYSTEM = TESTS / "system"
MOVE = "move it to tests/system/ (make test-fast must not start servers or load the model)"

# Modules whose import means servers, a browser or the session's real assistant.
FORBIDDEN_MODULES = ("tests.support.servers", "tests.conftest", "tests.system", "playwright")
# Text that means the trained model or the browser.
FORBIDDEN_TEXT = ("assistant.tar.gz", "chromium")


def fast_modules() -> Iterator[Path]:
    for path in sorted(TESTS.rglob("test_*.py")):
        if SYSTEM not in path.parents and path != Path(__file__).resolve():  # this file names them all
            yield path


def imported_modules(tree: ast.AST) -> Iterator[str]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def problems(path: Path) -> List[str]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text, filename=str(path))
    found = [
        f"imports {name}"
        for name in sorted(set(imported_modules(tree)))
        if any(name == banned or name.startswith(banned + ".") for banned in FORBIDDEN_MODULES)
    ]
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            if any(argument.arg == "assistant" for argument in arguments):
                found.append(f"{node.name}() requests the `assistant` fixture (the real assistant)")
    found.extend(f"mentions {word!r}" for word in FORBIDDEN_TEXT if word in text)
    return found


def test_no_fast_test_module_starts_servers() -> None:
    modules = list(fast_modules())
    assert len(modules) >= 20, "the fast test modules were not found"
    wrong = [f"{path.relative_to(TESTS.parent)}: {problem}" for path in modules for problem in problems(path)]
    assert not wrong, f"system tests in the fast set, {MOVE}:\n" + "\n".join(wrong)


def test_the_check_sees_what_a_system_test_does(tmp_path: Path) -> None:
    module = tmp_path / "test_example.py"
    module.write_text(
        "from tests.support import servers\n"
        "from playwright.sync_api import sync_playwright\n"
        "def test_x(assistant): pass\n"
        "MODEL = 'models/assistant.tar.gz'\n"
    )
    assert problems(module) == [
        "imports playwright.sync_api.sync_playwright",
        "imports tests.support.servers",
        "test_x() requests the `assistant` fixture (the real assistant)",
        "mentions 'assistant.tar.gz'",
    ]
    module.write_text("from channels import guard\ndef test_y(tmp_path): pass\n")
    assert problems(module) == []
