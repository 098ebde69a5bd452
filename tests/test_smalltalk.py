"""Short conversational turns read without DIET (actions/smalltalk.py)."""

import pytest

from actions.smalltalk import acknowledgement_kind, asks_more, place_question_words


@pytest.mark.parametrize(
    "text",
    [
        "et vous pouvez m'en dire plus ?",
        "plus de détails svp",
        "pouvez-vous développer ?",
        "détaillez svp",
        "vous pouvez m'en dire plus sur eux ?",
        "des précisions ?",
    ],
)
def test_bare_requests_for_more(text: str) -> None:
    assert asks_more(text)


@pytest.mark.parametrize(
    "text",
    [
        "plus de détails sur le guichet vert de Lyon ?",
        "je veux en savoir plus sur la loi AGEC",
        "c'est quoi le guichet vert ?",
        "merci",
    ],
)
def test_questions_are_not_requests_for_more(text: str) -> None:
    assert not asks_more(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("parfait", "ok"),
        ("ok cool", "ok"),
        ("super merci bonne journée", "bye"),
        ("top merci", "thank"),
        ("d'accord c'est clair", "ok"),
        ("le guichet vert ?", None),
        ("ok et pour Lyon ?", None),
        ("oui", None),
    ],
)
def test_acknowledgements(text: str, kind: object) -> None:
    assert acknowledgement_kind(text) == kind


def test_correction_words_do_not_count() -> None:
    assert place_question_words("ah attendez, en fait c'est Rouen, je confonds avec un collègue") <= 3
    assert place_question_words("quelles obligations pour les marchés de travaux à Rouen en 2026 ?") > 8
