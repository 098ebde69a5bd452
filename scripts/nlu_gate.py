"""Fails when the NLU test-set scores drop below the agreed minimums.

Reads the reports written by `rasa test nlu`. Each entity type is scored on the extractor that owns
it (places: LocationExtractor, the others: DIETClassifier), then micro-averaged.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Dict, Tuple

MIN_INTENT_F1 = 0.93
MIN_ENTITY_F1 = 0.90
ENTITY_EXTRACTORS = {
    "location": "LocationExtractor",
    "buyer_type": "DIETClassifier",
    "product": "DIETClassifier",
}


def counts(row: Dict[str, float]) -> Tuple[float, float, float]:
    """(true positives, predicted, gold) from a report row of precision, recall and support."""
    gold = row["support"]
    true_positives = row["recall"] * gold
    predicted = true_positives / row["precision"] if row["precision"] else 0.0
    return true_positives, predicted, gold


def entity_f1(report_dir: Path) -> Tuple[float, Dict[str, float]]:
    true_positives = predicted = gold = 0.0
    per_entity: Dict[str, float] = {}
    for entity, extractor in ENTITY_EXTRACTORS.items():
        path = report_dir / f"{extractor}_report.json"
        report = json.loads(path.read_text()) if path.exists() else {}
        if entity not in report:
            raise SystemExit(f"no '{entity}' scores in {path}: is the entity in the test set?")
        tp, pred, sup = counts(report[entity])
        per_entity[entity] = report[entity]["f1-score"]
        true_positives, predicted, gold = true_positives + tp, predicted + pred, gold + sup
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, per_entity


def main(report_dir: Path) -> int:
    intent = json.loads((report_dir / "intent_report.json").read_text())["weighted avg"]["f1-score"]
    entities, per_entity = entity_f1(report_dir)
    print(f"intent weighted F1 = {intent:.3f} (minimum {MIN_INTENT_F1})")
    print(
        f"entity micro F1    = {entities:.3f} (minimum {MIN_ENTITY_F1}) "
        + ", ".join(f"{name} {value:.3f}" for name, value in per_entity.items())
    )
    failed = intent < MIN_INTENT_F1 or entities < MIN_ENTITY_F1
    print("NLU gate: FAILED" if failed else "NLU gate: passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "reports/nlu")))
