"""The CI gate of the conversation tests really fails: `rasa test core` on the trained model exits
non-zero on a doctored story (the NLU gate on doctored reports: tests/test_nlu_gate.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


WRONG_STORY = """version: "3.1"
stories:
  - story: a doctored conversation that must fail (goodbye instead of the answer)
    steps:
      - user: |
          c'est quoi le guichet vert ?
        intent: ask_guichet_vert
      - action: utter_goodbye
"""


def test_a_wrong_conversation_fails_the_conversation_tests(tmp_path: Path) -> None:
    """The Makefile's test-conversations command exits non-zero on one wrong prediction."""
    model = ROOT / "models" / "assistant.tar.gz"
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` first")
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "wrong.yml").write_text(WRONG_STORY)
    rasa = str(Path(sys.executable).parent / "rasa")
    command = [
        rasa,
        "test",
        "core",
        "--model",
        str(model),
        "--stories",
        str(stories),
        "--out",
        str(tmp_path / "out"),
        "--fail-on-prediction-errors",
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    assert "predicted: action_answer" in result.stdout + result.stderr
