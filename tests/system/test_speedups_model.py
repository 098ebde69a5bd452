"""The speed-ups change nothing on the trained model: the weights built by the prediction graph give
the same model as Rasa's loader (two subprocesses load models/assistant.tar.gz). The action-server
checks: tests/test_speedups.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"


def model_predictions(mode: str) -> Dict[str, Any]:
    script = ROOT / "tests" / "support" / "model_predictions.py"
    result = subprocess.run(
        [sys.executable, str(script), str(MODEL), mode],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    lines = [line for line in result.stdout.splitlines() if line.startswith('{"load_seconds"')]
    return json.loads(lines[-1])


def test_weights_built_by_the_prediction_graph_give_the_same_model() -> None:
    """Same weights, NLU and dialogue predictions as Rasa's loader; load time and memory printed."""
    rasa, patched = model_predictions("rasa"), model_predictions("patched")
    assert len(patched["weights"]) == 1  # DIET (the dialogue is rules and memoization: no TED)
    assert patched["weights"] == rasa["weights"]
    assert patched["predictions"] == rasa["predictions"]  # DIET's whole intent ranking included
    assert [row["intent"] for row in patched["predictions"]][:3] == ["ask_agec", "ask_network", "greet"]
    assert all(len(row["intent_ranking"]) > 5 for row in patched["predictions"])
    print(
        f"\nmodel load: Rasa's loader {rasa['load_seconds']:.1f} s / {rasa['rss_mib']} MiB, "
        f"weights built by the prediction graph {patched['load_seconds']:.1f} s / {patched['rss_mib']} MiB"
    )
