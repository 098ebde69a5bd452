"""A follow-up gets the part of the entry that answers it: a count written in words gives how many, and a
long sentence is cut to the clause that gives the figure asked."""

from __future__ import annotations

from actions.focus import GIVES_HOW_MUCH, LONG_SENTENCE, asked_clauses_of, stems
from actions.knowledge import knowledge_base
from actions.repeats import cues_asked
from actions.routing import route
from tests.test_context_first import context, joined
from textnorm import normalize

KNOWLEDGE = knowledge_base()


def test_a_count_asked_of_a_noun_is_also_given_in_words() -> None:
    (cue,) = cues_asked("ça fait combien de niveaux ?")
    assert cue.search(normalize("il compte trois niveaux « 2024 »"))
    assert not cue.search(normalize("il concerne les bâtiments neufs"))
    (members,) = cues_asked("combien de membres ?")
    assert not members.search(normalize("Je ne connais pas de facilitateur pour les Deux-Sèvres."))
    assert not GIVES_HOW_MUCH.search(normalize("Deux points d'entrée nationaux vous aident"))


def test_how_many_levels_after_the_label_leads_with_the_levels() -> None:
    first = joined(
        route(KNOWLEDGE, context("ask_biosourced_label", "le label bâtiment biosourcé c'est quoi")).replies
    )
    ctx = context(
        "follow_up", "ça fait combien de niveaux ?", question="ask_biosourced_label", last_answer=first
    )
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert text != first and "trois niveaux" in text.split(".")[0]


CLAUSES = (
    "L'État a lancé en 2022 et en 2023 un appel à projets pour créer 185 nouveaux facilitateurs et un "
    "coordinateur par région, en métropole et outre-mer ; celui de 2022 a permis de créer 82 postes en "
    "équivalent temps plein ; celui de 2023 était doté de 5,4 millions d'euros."
)
COUNT_CUE = [(lambda unit: bool(GIVES_HOW_MUCH.search(normalize(unit))), 1.2)]


def test_a_long_sentence_is_cut_to_its_subject_and_the_clause_asked() -> None:
    cut = asked_clauses_of(CLAUSES, stems("postes créés en 2022"), COUNT_CUE)
    assert cut.startswith("L'État a lancé") and "82 postes" in cut and "5,4 millions" not in cut


def test_a_sentence_stays_whole_without_a_kind_of_fact_asked_or_when_short() -> None:
    assert asked_clauses_of(CLAUSES, stems("postes créés en 2022"), []) == CLAUSES
    short = "Il a un site ; il a un forum ; il a un annuaire de 12 membres."
    assert len(short) <= LONG_SENTENCE
    assert asked_clauses_of(short, stems("membres"), COUNT_CUE) == short


def test_a_long_sentence_stays_whole_when_no_clause_gives_the_fact_asked() -> None:
    assert asked_clauses_of(CLAUSES, stems("employeurs portage"), COUNT_CUE) == CLAUSES


def test_a_long_sentence_stays_whole_when_a_clause_left_out_answers_too() -> None:
    # « celui de 2023 était doté … » answers a question on 2023 in part: not cut to the 2022 posts
    assert asked_clauses_of(CLAUSES, stems("postes créés en 2023"), COUNT_CUE) == CLAUSES


def test_how_many_posts_in_2022_gets_the_figure_early() -> None:
    ctx = context("follow_up", "combien de postes l'Etat en a créé en 2022 ?", question="ask_facilitator")
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "82 postes" in text and "5,4 millions" not in text
