"""Short summary of `make evaluate`: NLU scores against the CI minimums, weakest intents, conversations,
and the length of the first message a user reads (scripts/answer_length.py, issue 12).

Reads what `rasa test nlu --out reports`, `rasa test core --out reports/core` and
`scripts/answer_length.py --out reports/answer_length.json` wrote; exits 1 when a CI gate is missed (same
minimums as scripts/nlu_gate.py), a conversation test failed, the median first message is over 60 words
or a message text holds a raw URL.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Dict, List, Tuple

sys.path.insert(0, str(Path(__file__).resolve().parent))

import answer_length  # noqa: E402
import realistic_eval  # noqa: E402
from nlu_gate import MIN_ENTITY_F1, MIN_INTENT_F1, entity_f1  # noqa: E402

SUMMARY_ROWS = ("accuracy", "macro avg", "weighted avg", "micro avg")


def weakest_intents(report: Dict[str, Dict], count: int = 5) -> List[Tuple[str, float, int]]:
    """(intent, F1, support) of the intents with the lowest F1."""
    rows = [
        (name, row["f1-score"], int(row["support"]))
        for name, row in report.items()
        if name not in SUMMARY_ROWS and isinstance(row, dict)
    ]
    return sorted(rows, key=lambda item: (item[1], item[0]))[:count]


def failed_story_names(report_dir: Path) -> List[str]:
    path = report_dir / "core" / "failed_test_stories.yml"
    if not path.exists():
        return []
    return re.findall(r"^- story: (.+)$", path.read_text(), flags=re.MULTILINE)


def answer_length_summary(path: Path) -> bool:
    """Prints the first-message length and raw-URL check of scripts/answer_length.py; False if missed."""
    print("== Longueur du premier message (tests/stories/, de bout en bout)")
    if not path.exists():
        print(f"  {path} manquant : scripts/answer_length.py n'a pas pu s'exécuter")
        return False
    result = json.loads(path.read_text(encoding="utf-8"))
    print(answer_length.format_report(result))
    return answer_length.passed(result)


def realistic_summary(path: Path, title: str, min_single: float, min_multi: float) -> bool:
    """A realistic set's report (scripts/realistic_eval.py): pass rates per kind and class; False under
    its floors."""
    print(f"== {title}")
    if not path.exists():
        print(f"  {path} manquant : scripts/realistic_eval.py n'a pas pu s'exécuter")
        return False
    result = json.loads(path.read_text(encoding="utf-8"))

    def rate(counts: dict) -> str:
        passed, total = counts["passed"], counts["total"]
        return f"{100 * passed / max(total, 1):.1f} % ({passed}/{total})"

    print(
        f"ensemble {rate(result['overall'])} ; questions seules {rate(result['single'])} "
        f"(plancher {min_single} %) ; conversations {rate(result['multi'])} "
        f"(plancher {min_multi} %) ; objectif 95 %"
    )
    for name, counts in result["per_class"].items():
        print(f"  {name:<18} {rate(counts)}")
    single = 100 * result["single"]["passed"] / max(result["single"]["total"], 1)
    multi = 100 * result["multi"]["passed"] / max(result["multi"]["total"], 1)
    return single >= min_single and multi >= min_multi


def holdout_summary(path: Path) -> bool:
    """The held-out halves (tests/realistic/holdout_*.yml): all sets together, then each set against its
    own floors (realistic_eval.HOLDOUT_FLOORS); False under one of them or when a set is missing."""
    if not realistic_summary(
        path, "Moitiés réservées des jeux indépendants suivants (tests/realistic/holdout_*.yml)", 0, 0
    ):
        return False
    per_set = json.loads(path.read_text(encoding="utf-8")).get("per_set", {})
    ok = True
    for name, (min_single, min_multi) in sorted(realistic_eval.HOLDOUT_FLOORS.items()):
        counts = per_set.get(name)
        if counts is None:
            print(f"  {name} : absent du rapport")
            ok = False
            continue
        rates = [100 * counts[kind]["passed"] / max(counts[kind]["total"], 1) for kind in ("single", "multi")]
        print(
            f"  {name} : questions seules {rates[0]:.1f} % (plancher {min_single} %) ; "
            f"conversations {rates[1]:.1f} % (plancher {min_multi} %)"
        )
        ok = ok and rates[0] >= min_single and rates[1] >= min_multi
    return ok


def main(report_dir: Path) -> int:
    intent_report = json.loads((report_dir / "intent_report.json").read_text())
    intent = intent_report["weighted avg"]["f1-score"]
    entities, per_entity = entity_f1(report_dir)
    print("== Compréhension (tests/nlu/test_nlu.yml)")
    print(f"intentions : F1 pondéré {intent:.3f} (minimum {MIN_INTENT_F1})")
    print(
        f"entités    : F1 {entities:.3f} (minimum {MIN_ENTITY_F1}) — "
        + ", ".join(f"{name} {value:.3f}" for name, value in per_entity.items())
    )
    print(
        "intentions les plus faibles : "
        + ", ".join(f"{name} {f1:.2f} (n={n})" for name, f1, n in weakest_intents(intent_report))
    )

    story_report = json.loads((report_dir / "core" / "story_report.json").read_text())
    conversations = story_report.get("conversation_accuracy", {})
    failed = failed_story_names(report_dir)
    print("== Conversations de bout en bout (tests/stories/, NLU + dialogue)")
    print(f"{conversations.get('correct', 0)}/{conversations.get('total', 0)} histoires réussies")
    for name in failed:
        print(f"  ÉCHEC : {name}")
    answers_ok = answer_length_summary(report_dir / "answer_length.json")
    realistic_ok = realistic_summary(
        report_dir / "realistic.json",
        "Jeu réaliste indépendant figé (tests/realistic/cases.yml, réponses de bout en bout)",
        realistic_eval.MIN_SINGLE,
        realistic_eval.MIN_MULTI,
    )
    realistic_ok = holdout_summary(report_dir / "holdout.json") and realistic_ok
    images = sorted(path.name for path in report_dir.glob("*.png"))
    print(f"== Rapports dans {report_dir}/ : intent_report.json, *_report.json, {', '.join(images)}")

    ok = intent >= MIN_INTENT_F1 and entities >= MIN_ENTITY_F1 and not failed
    ok = ok and conversations.get("correct") == conversations.get("total") and answers_ok and realistic_ok
    print("Évaluation : seuils atteints" if ok else "Évaluation : SEUIL MANQUÉ")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "reports")))
