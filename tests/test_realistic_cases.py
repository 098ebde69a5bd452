"""The frozen realistic test set (tests/realistic/cases.yml) without the assistant: the file is valid and
large enough, and the checks on the answers match as intended. The run end to end against the real
assistant: tests/system/test_realistic.py.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import realistic_eval  # noqa: E402

MIN_SINGLE_CASES = 240
MIN_MULTI_CASES = 60


def test_cases_file_is_valid_and_large_enough() -> None:
    cases = realistic_eval.load_cases()
    kinds = [case.kind for case in cases.cases]
    assert kinds.count("single") >= MIN_SINGLE_CASES
    assert kinds.count("multi") >= MIN_MULTI_CASES
    used = {name for case in cases.cases for name in case.classes}
    assert used == set(
        realistic_eval.CLASSES
    ), f"classes without a case: {set(realistic_eval.CLASSES) - used}"


def split_half(case_id: str) -> int:
    """The holdout sets' split rule, fixed before any run: 0 development half, 1 held-out half."""
    return int(hashlib.sha1(case_id.encode()).hexdigest(), 16) % 2


def test_holdout_halves_follow_the_split_rule() -> None:
    assert realistic_eval.HOLDOUT_FILES, "no tests/realistic/holdout_*.yml"
    for path in realistic_eval.HOLDOUT_FILES:
        held_out = [case.id for case in realistic_eval.load_cases(path).cases]
        development = [
            case.id for case in realistic_eval.load_cases(ROOT / "tests" / "dev" / path.name).cases
        ]
        assert held_out and development, path.name
        assert {split_half(case_id) for case_id in held_out} == {1}, f"{path.name}: a development case"
        assert {split_half(case_id) for case_id in development} == {0}, f"{path.name}: a held-out case"


def test_every_holdout_set_has_floors() -> None:
    sets = {realistic_eval.set_of_file(path) for path in realistic_eval.HOLDOUT_FILES}
    assert sets == set(
        realistic_eval.HOLDOUT_FLOORS
    ), f"holdout sets {sets} vs floors {set(realistic_eval.HOLDOUT_FLOORS)}"


def test_checks_ignore_case_and_accents_and_match_at_word_start() -> None:
    assert realistic_eval.matches("Rés'Occ", "… est : RES’OCC, réseau …")
    assert realistic_eval.matches("re:res.?occ", "Rés'Occ")
    assert realistic_eval.matches("textile", "« Produits textiles »")
    assert not realistic_eval.matches("cci", "Occitanie")
    assert not realistic_eval.matches("22", "la période 2022-2025")
    assert realistic_eval.matches("AURA-EE", "AURA EE")


def test_not_repeat_flags_a_message_of_the_previous_turn_only() -> None:
    case = realistic_eval.Case(
        id="c",
        classes=["follow_up"],
        source="unit",
        turns=[
            {"user": "a", "expect": {"any_of": ["x"]}},
            {"user": "b", "expect": {"any_of": ["x"], "not_repeat": True}},
            {"user": "c", "expect": {"any_of": ["x"], "not_repeat": True}},
        ],
    )
    answers = iter([["x premier"], ["Je n'ai pas ce chiffre, x.", "X  Premier"], ["x autre"]])

    def send(text: str, sender: str) -> list:
        return [{"text": part} for part in next(answers)]

    result = realistic_eval.run_case(case, send, "s", [])
    assert result.turns[0].passed
    assert [f.startswith("repeats") for f in result.turns[1].failures] == [True]
    assert result.turns[2].passed
