"""The frozen realistic test set (tests/realistic/cases.yml) against the real assistant, end to end.

The set was written without reading the training data or the in-house NLU tests, from the course, the
research dossier and public FAQs; its checks are on the answers. The assistant is started only through
the session fixture ``assistant`` (production entry point); every case is its own conversation.

Measured on 2026-11-30: before the issue-11 work (model from commit 23a0bc8) 65.9 % overall, single
questions 72.5 % (208/287), conversations 38.2 % (26/68); after it, with the short answers of issue 12,
79.7 % overall, single questions 80.5 % (231/287), conversations 76.5 % (52/68); at the end of the day
(issue 11, third pass) 85.4 % overall, single questions 85.4 % (245/287), conversations 85.3 % (58/68).
The target of issue 11 is >= 95 %: it is NOT met yet. The floors below are the measured levels minus
about 3 points, so that CI catches a regression; raise them as the assistant improves (never lower
them to make a change pass, and never train on these messages: see the header of cases.yml).
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import realistic_eval  # noqa: E402

from tests.conftest import Assistant  # noqa: E402

MIN_SINGLE, MIN_MULTI = realistic_eval.MIN_SINGLE, realistic_eval.MIN_MULTI
# The development sets (tests/dev/): written to find and fix failures, so they measure nothing new; here
# they guard against regressions, each file at or above this rate (all were >= 96 % when it was set).
DEV_SETS = sorted((ROOT / "tests" / "dev").glob("*.yml"))
MIN_DEV = 94.0
# Open sets, still below MIN_DEV: their failures are open work (docs/benchmarks.md), guarded at their
# measured rate less a margin of two cases so that they cannot fall further.
# conversations_11 left this list on branch wt-followups12 (87/89, 97.8 %). conversations_13 (92/98 on
# 2026-12-01, six follow-ups still open: docs/benchmarks.md) is guarded two cases lower; so are materials_14
# (103/112) and social_clauses_14 (123/134), written and partly fixed on 2026-12-01 (stop 26). The development
# halves of holdout 15 (71/78 and 42/53 at their first run) reached 78/78 and 53/53 and take MIN_DEV; so do
# those of holdout 16 (56/64 and 67/76 at their first run, 64/64 and 76/76 on 2026-12-02). The development
# halves of holdout 17 (46/51 and 35/45 at their first run, 2026-12-02) reached 51/51 (MIN_DEV) and 40/45
# (guarded two cases lower). dossier_probes_30 (two outside probes of the dossier's facts, 2026-12-02: 71/110
# after the fixes of that day, 26/62 conversations) is guarded two cases lower.
OPEN_DEV_FLOORS = {
    "coverage_8": 84.0,
    "holdout_17_b": 84.0,
    "dossier_probes_30": 62.7,
    "conversations_13": 91.8,
    "materials_14": 90.1,
    "social_clauses_14": 90.2,
}


def test_realistic_set_end_to_end(assistant: Assistant) -> None:
    cases = realistic_eval.load_cases()
    results = realistic_eval.run_cases(cases, assistant.send, run_id=f"pytest-{uuid.uuid4().hex[:8]}")
    print("\n" + realistic_eval.format_report(results))
    summary = realistic_eval.summarize(results)
    assert summary.single.percent >= MIN_SINGLE, f"single questions {summary.single} < {MIN_SINGLE} %"
    assert summary.multi.percent >= MIN_MULTI, f"conversations {summary.multi} < {MIN_MULTI} %"


@pytest.mark.parametrize("name", sorted(realistic_eval.HOLDOUT_FLOORS))
def test_holdout_halves_end_to_end(assistant: Assistant, name: str) -> None:
    """The held-out halves of one later independent set, together, against the set's own floors."""
    paths = [path for path in realistic_eval.HOLDOUT_FILES if realistic_eval.set_of_file(path) == name]
    assert paths, f"{name}: no tests/realistic/{name}_*.yml"
    results = [
        result
        for path in paths
        for result in realistic_eval.run_cases(
            realistic_eval.load_cases(path), assistant.send, run_id=f"holdout-{uuid.uuid4().hex[:8]}"
        )
    ]
    print("\n" + realistic_eval.format_report(results))
    summary = realistic_eval.summarize(results)
    floors = realistic_eval.HOLDOUT_FLOORS[name]
    assert summary.single.percent >= floors[0], f"{name}: single questions {summary.single} < {floors[0]} %"
    assert summary.multi.percent >= floors[1], f"{name}: conversations {summary.multi} < {floors[1]} %"


@pytest.mark.parametrize("path", DEV_SETS, ids=[path.stem for path in DEV_SETS])
def test_development_set_does_not_regress(assistant: Assistant, path: Path) -> None:
    cases = realistic_eval.load_cases(path)
    results = realistic_eval.run_cases(cases, assistant.send, run_id=f"dev-{uuid.uuid4().hex[:8]}")
    summary = realistic_eval.summarize(results)
    floor = OPEN_DEV_FLOORS.get(path.stem, MIN_DEV)
    if summary.overall.percent < floor:
        print("\n" + realistic_eval.format_report(results))
    assert summary.overall.percent >= floor, f"{path.name}: {summary.overall} < {floor} %"
