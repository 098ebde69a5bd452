"""textnorm.normalize: the one normalisation of the project, and no other."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from textnorm import normalize, question_form

ROOT = Path(__file__).resolve().parent.parent
PROJECT_CODE = [
    "actions",
    "channels",
    "clients",
    "nlu_components",
    "places",
    "rasa_patches",
    "observability",
    "scripts",
    "deploy",
]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Fournitures de BUREAU", "fournitures de bureau"),
        ("Sèche-mains", "seche mains"),
        ("L’Haÿ-les-Roses", "l hay les roses"),
        ("c'est quoi", "c est quoi"),
        ("fournitures_bureau", "fournitures bureau"),
        ("mise en Œuvre", "mise en oeuvre"),
        ("Cæsar", "caesar"),
        ("  Quel   temps\tfait-il ?\n", "quel temps fait il ?"),
        ("Île-de-France, ça !", "ile de france, ca !"),
        ("", ""),
    ],
)
def test_normalize(text: str, expected: str) -> None:
    assert normalize(text) == expected
    assert normalize(expected) == expected  # idempotent


def test_no_other_normalisation_function_in_the_project() -> None:
    definitions = [
        f"{path.relative_to(ROOT)}: {match.group()}"
        for folder in PROJECT_CODE
        for path in sorted((ROOT / folder).rglob("*.py"))
        for match in re.finditer(r"^\s*def normali[sz]e\w*", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert definitions == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ils sont cb les facilitateurs ?", "ils sont combien les facilitateurs ?"),
        ("c koi le PNAD", "c quoi le pnad"),
        ("ya un réseau ?", "y a un reseau ?"),
        ("Kiosque", "kiosque"),  # only whole words are written out
    ],
)
def test_question_form_writes_out_chat_spellings(text: str, expected: str) -> None:
    assert question_form(text) == expected
