"""Short conversational turns read without DIET (actions/smalltalk.py)."""

import pytest

from actions.agec import agec_reply
from actions.knowledge import knowledge_base
from actions.limits import asks_service_review
from actions.render import Reply
from actions.repeats import once_each
from actions.smalltalk import (
    acknowledgement_kind,
    asks_more,
    asks_source,
    place_question_words,
    rephrased_question,
)
from actions.topic_choice import OURS
from textnorm import question_form


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


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("la source ?", True),
        ("d'où vient l'info ?", True),
        ("c'est écrit où ça ? vous avez la source ?", True),
        ("quelle est la source du PNAD ?", False),
        ("les sources du guichet vert de Lyon", False),
    ],
)
def test_bare_requests_for_the_source(text: str, asked: bool) -> None:
    assert asks_source(text) is asked


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("non, je voulais dire le nom du réseau", "le nom du reseau"),
        ("pas ça, je voulais savoir qui est derrière, c'est public ?", "qui est derriere, c est public ?"),
        ("le guichet vert ?", None),
    ],
)
def test_rephrased_questions(text: str, rest: object) -> None:
    assert rephrased_question(text) == rest


def test_the_same_sentence_is_never_sent_twice_in_a_turn() -> None:
    first = Reply("Le guichet vert est gratuit.")
    both = Reply("Le guichet vert est gratuit.\nVous y accédez depuis le portail.")
    assert [r.text for r in once_each([first, both])] == [both.text]
    assert [r.text for r in once_each([first, first])] == [first.text]


def test_a_review_asked_of_a_service() -> None:
    assert asks_service_review("ils font de la relecture de DCE ?")
    assert not asks_service_review("pouvez-vous relire mon DCE ?")


def test_agec_which_purchases_says_what_is_required() -> None:
    agec = knowledge_base().agec
    reply = agec_reply(agec, None, None, message="la loi agec concerne quels achats ?")
    assert "réemploi" in reply.text.split("\n")[0]


def test_ours_with_a_place_keeps_the_topic() -> None:
    assert OURS.search(question_form("et le nôtre c'est lequel ? on est à Poitiers"))
    assert not OURS.search(question_form("le nôtre de réseau"))
