"""The CI gate really fails when the NLU scores drop: run it on doctored `rasa test nlu` reports.

The conversation-test gate on the trained model: tests/system/test_conversation_gate.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Dict

import pytest

ROOT = Path(__file__).resolve().parent.parent
GATE = ROOT / "scripts" / "nlu_gate.py"


def row(precision: float, recall: float, support: int) -> Dict[str, float]:
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1-score": f1, "support": support}


def write_reports(folder: Path, intent_f1: float, location: Dict, product: Dict, buyer: Dict) -> Path:
    """Reports shaped like the ones `rasa test nlu` writes (only the fields the gate reads)."""
    folder.mkdir(parents=True, exist_ok=True)
    weighted = {**row(intent_f1, intent_f1, 300), "f1-score": intent_f1}
    intents = {"ask_agec": row(1.0, 1.0, 10), "weighted avg": weighted}
    (folder / "intent_report.json").write_text(json.dumps(intents))
    (folder / "LocationExtractor_report.json").write_text(json.dumps({"location": location}))
    (folder / "DIETClassifier_report.json").write_text(json.dumps({"product": product, "buyer_type": buyer}))
    return folder


def run_gate(folder: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(GATE), str(folder)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


GOOD = row(0.95, 0.95, 40)


def test_good_scores_pass(tmp_path: Path) -> None:
    result = run_gate(write_reports(tmp_path, 0.95, GOOD, GOOD, GOOD))
    assert result.returncode == 0, result.stdout
    assert "NLU gate: passed" in result.stdout


@pytest.mark.parametrize("intent_f1", [0.929, 0.5])
def test_intent_f1_below_the_minimum_fails(tmp_path: Path, intent_f1: float) -> None:
    result = run_gate(write_reports(tmp_path, intent_f1, GOOD, GOOD, GOOD))
    assert result.returncode == 1
    assert "FAILED" in result.stdout


def test_one_weak_entity_type_drags_the_micro_f1_below_the_minimum(tmp_path: Path) -> None:
    # Locations found only half of the time: micro F1 over the three types falls under 0.90.
    result = run_gate(write_reports(tmp_path, 0.97, row(0.9, 0.5, 60), GOOD, GOOD))
    assert result.returncode == 1
    assert "FAILED" in result.stdout


def test_an_entity_missing_from_the_test_set_is_an_error(tmp_path: Path) -> None:
    folder = write_reports(tmp_path, 0.97, GOOD, GOOD, GOOD)
    (folder / "DIETClassifier_report.json").write_text(json.dumps({"product": GOOD}))
    result = run_gate(folder)
    assert result.returncode != 0
    assert "buyer_type" in result.stderr
