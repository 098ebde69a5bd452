"""Facts of the holdout 16 development halves (wt-h16facts).

Pure functions, no server: a follow-up that asks one part of a one-sentence answer gets that part
(actions/repeats.asked_clauses), who runs the facilitators' calls in the buyer's region
(actions/facilitator_calls), the rate asked of each AGEC category just shown (actions/agec.shown_rates_text),
the rule in force after an old one said gone (actions/topics.current_rule), a figure asked with a hedge
(« en gros ») found in the knowledge (actions/figure_finder), the detail of exceptions only mentioned
(actions/unknowns), the condition first for a SEM or a SPL and dated clubs. Sentences differ from the dev set.
"""

from __future__ import annotations

import pytest

import places
from actions.agec import RATE_QUESTION, rate_asked, shown_categories, shown_rates_text
from actions.brevity import NEEDS_CONTEXT
from actions.facilitator_calls import asks_regional_calls, regional_calls_reply
from actions.figure_finder import figure_sentence
from actions.followup import BARE_SHARE_ASKED, public_support_reply, unknown_aspect_reply
from actions.knowledge import knowledge_base
from actions.local_clubs import local_club_replies, reported
from actions.render import Reply
from actions.repeats import asked_clauses, without_repeats
from actions.territory import facilitator_reply
from actions.topics import current_rule, topic_reply
from actions.unknowns import UNKNOWN_EXCEPTIONS, asks_exceptions, unknown_aspect
from places.scan import resolve_text

KNOWLEDGE = knowledge_base()
FACILITATOR = KNOWLEDGE.topics["ask_facilitator"]
CALLS_SENTENCE = next(line for line in FACILITATOR.details.splitlines() if "185" in line)


# --- one part of a one-sentence answer ---


@pytest.mark.parametrize(
    ("message", "wanted", "left_out"),
    [
        ("ça fait combien de postes en plus ?", "82 postes", "5,4 millions"),
        ("et le budget de celui de 2023 ?", "5,4 millions", "82 postes"),
        ("un coordinateur pour chaque quoi ?", "par région", "82 postes"),
        ("c'était seulement en métropole ?", "outre-mer", "82 postes"),
    ],
)
def test_a_follow_up_gets_the_clauses_its_words_point_to(message: str, wanted: str, left_out: str) -> None:
    said = asked_clauses(message, Reply(CALLS_SENTENCE), FACILITATOR)
    assert said is not None and wanted in said and left_out not in said
    assert said.startswith("L'État a lancé")  # the clause naming the subject leads


def test_no_clause_named_or_every_clause_named_keeps_the_reply() -> None:
    assert asked_clauses("et ensuite ?", Reply(CALLS_SENTENCE), FACILITATOR) is None
    one = Reply("Le CGDD pilote le plan.")
    assert asked_clauses("qui pilote ?", one, FACILITATOR) is None


def test_a_repeated_answer_is_cut_to_the_part_asked() -> None:
    replies = without_repeats(
        KNOWLEDGE,
        "combien de postes créés en tout ?",
        CALLS_SENTENCE,
        [Reply(CALLS_SENTENCE)],
        FACILITATOR.id,
    )
    assert replies[0].text != CALLS_SENTENCE
    assert "82 postes" in replies[0].text


# --- who runs the facilitators' calls in the region ---


@pytest.mark.parametrize(
    "text",
    [
        "qui organise les appels à projets de facilitateurs chez nous ?",
        "l'AAP facilitateurs, c'est piloté par qui dans la région ?",
        "quel service lance les appels à projets pour les facilitateurs ?",
    ],
)
def test_who_runs_the_regional_calls_is_asked(text: str) -> None:
    assert asks_regional_calls(text, on_facilitators=False)


def test_the_national_call_or_another_subject_is_not_the_regional_one() -> None:
    assert not asks_regional_calls("qui a lancé l'appel à projets au niveau national ?", True)
    assert not asks_regional_calls("qui pilote le réseau régional ?", True)
    assert not asks_regional_calls("qui pilote les appels à projets ?", on_facilitators=False)


@pytest.mark.parametrize(
    "text",
    [
        "quelle structure peut répondre à l'appel à projets ?",  # review 16, finding 5
        "qui peut porter un projet dans l'AAP facilitateurs ?",
        "quel organisme est éligible à l'appel à projets ?",
        "qui peut candidater à l'AAP facilitateurs ?",
        "quelle structure pour déposer un dossier à l'appel à projets ?",
        "quel service pour l'appel à projets ?",  # no running verb
    ],
)
def test_who_may_apply_to_the_call_is_not_who_runs_it(text: str) -> None:
    assert not asks_regional_calls(text, on_facilitators=True)


def test_the_regional_service_named_when_known_else_the_dreets_of_the_region() -> None:
    grand_est = places.resolve_key("region:44")
    reply = regional_calls_reply(
        KNOWLEDGE, "et qui gère les appels à projets ici ?", grand_est, "ask_facilitator"
    )
    assert reply is not None and "DREETS Grand Est" in reply.text and reply.links
    assert reply.text.count("Grand Est") == 1  # the service's name carries the region: said once
    assert KNOWLEDGE.facilitators.regional_role in reply.text  # its role, from the knowledge
    assert " elle " not in reply.text  # no gender assumed for the service
    brittany = places.resolve_key("region:53")
    reply = regional_calls_reply(
        KNOWLEDGE, "et qui gère les appels à projets ici ?", brittany, "ask_facilitator"
    )
    assert reply is not None and "DREETS de votre région (Bretagne)" in reply.text
    assert "vérifié" not in reply.text and "Je n'ai pas l'adresse de sa page" in reply.text


def test_the_facilitator_answer_says_the_regional_role_in_the_same_words() -> None:
    grand_est = places.resolve_key("region:44")
    topic = KNOWLEDGE.topics["ask_facilitator"]
    calls = regional_calls_reply(KNOWLEDGE, "qui pilote les appels à projets ?", grand_est, topic.id)
    facilitator = facilitator_reply(KNOWLEDGE, topic, grand_est)
    role = f"la DREETS Grand Est, qui {KNOWLEDGE.facilitators.regional_role}"
    assert calls is not None and role in calls.text and role in facilitator.text
    assert (
        regional_calls_reply(KNOWLEDGE, "et qui gère les appels à projets ici ?", None, "ask_facilitator")
        is None
    )


# --- the rate asked of each category shown ---

TWO_SHOWN = (
    "Catégorie « Mobilier urbain » : au moins 5 % en 2024 issus du réemploi ou de la réutilisation ; 20 % en "
    "2024 intégrant des matières recyclées, en part de la dépense annuelle. Catégorie « Véhicules et pièces "
    "détachées » : je ne connais pas ses taux avec certitude, voir l'annexe du décret n° 2024-134."
)


def test_the_categories_shown_are_read_in_order() -> None:
    assert [c.label for c in shown_categories(KNOWLEDGE.agec, TWO_SHOWN)] == [
        "Mobilier urbain",
        "Véhicules et pièces détachées",
    ]


def test_the_recycled_rate_of_each_category_shown() -> None:
    text = shown_rates_text(KNOWLEDGE.agec, "et la part de recyclé, elle est de combien ?", TWO_SHOWN)
    assert text is not None
    assert "« Mobilier urbain » : au moins 20 %" in text
    assert "« Véhicules et pièces détachées » : je ne connais pas" in text
    assert "5 %" not in text  # the reuse rate is not what is asked


UNKNOWN_FIRST = (
    "Je n'ai pas ce chiffre : le taux de la catégorie « Véhicules et pièces détachées » ne figure pas dans "
    "mes sources ; il est fixé par l'annexe du décret n° 2024-134."
)
BOTH_UNKNOWN = (
    "Catégories « Papier » et « Fournitures de bureau » : je ne connais pas leurs taux avec certitude, voir "
    "l'annexe du décret n° 2024-134."
)


def test_categories_said_unknown_are_shown_too() -> None:
    # « Catégories « A » et « B » : je ne connais pas leurs taux » names both (review 16, finding 6)
    assert [c.id for c in shown_categories(KNOWLEDGE.agec, BOTH_UNKNOWN)] == ["papier", "fournitures_bureau"]
    # a first message said one unknown, the second gave the others: all of them, once each
    one = TWO_SHOWN.split(" Catégorie « Véhicules")[0]
    shown = shown_categories(KNOWLEDGE.agec, UNKNOWN_FIRST, one)
    assert [c.id for c in shown] == ["vehicules", "mobilier_urbain"]
    text = shown_rates_text(KNOWLEDGE.agec, "c'est combien en recyclé ?", one, [UNKNOWN_FIRST])
    assert text is not None and "Véhicules et pièces détachées" in text and "Mobilier urbain" in text


@pytest.mark.parametrize(
    "message", ["et en recyclé ?", "et pour le réemploi ?", "et côté recyclé ?", "c'est combien en recyclé ?"]
)
def test_the_kind_of_rate_alone_asks_the_rate(message: str) -> None:
    assert rate_asked(message)
    assert shown_rates_text(KNOWLEDGE.agec, message, TWO_SHOWN) is not None


@pytest.mark.parametrize(
    "message",
    [
        "combien ça coûte ?",  # review 16, finding 6
        "et ça coûte combien en euros ?",
        "combien ça nous coûte de déclarer ?",
        "c'est cher le recyclé ?",
        "on paie combien pour le mobilier recyclé ?",
        "et en recyclant nos vieux bancs, on fait quoi ?",
    ],
)
def test_a_price_or_another_question_is_no_rate_of_the_categories_shown(message: str) -> None:
    assert not rate_asked(message)
    assert shown_rates_text(KNOWLEDGE.agec, message, TWO_SHOWN) is None


def test_rate_words_are_whole_words() -> None:
    assert RATE_QUESTION.search("quelle part de recyclé ?")
    assert not RATE_QUESTION.search("nos partenaires en particulier ?")
    assert BARE_SHARE_ASKED.search("quel quota ?") and not BARE_SHARE_ASKED.search("une part du marché ?")


def test_no_rate_asked_or_a_category_named_is_not_the_shown_rates() -> None:
    assert shown_rates_text(KNOWLEDGE.agec, "et on déclare où ?", TWO_SHOWN) is None
    assert shown_rates_text(KNOWLEDGE.agec, "et pour le papier, quel taux ?", TWO_SHOWN) is None
    one = TWO_SHOWN.split(" Catégorie « Véhicules")[0]
    assert shown_rates_text(KNOWLEDGE.agec, "combien en recyclé ?", one) is None


# --- the rule in force after an old one said gone ---


def test_an_old_rule_said_gone_is_followed_by_the_rule_in_force() -> None:
    topic = KNOWLEDGE.topics["ask_biosourced_label"]
    reply = topic_reply(KNOWLEDGE, topic, "pour le label biosourcé, on doit toujours viser 63 kg par m2 ?")
    first = reply.text.split("\n")
    assert "ne s'appliquent plus" in first[0]
    assert "2 juillet 2024" in reply.text and "carbone biogénique" in reply.text


def test_a_sentence_that_says_nothing_is_gone_adds_nothing() -> None:
    assert current_rule("Le label concerne les bâtiments neufs.", "Il est régi par un arrêté.") is None
    assert current_rule("L'ancien arrêté a été abrogé.", "Il est régi par l'arrêté de 2024.") == (
        "Il est régi par l'arrêté de 2024."
    )


# --- a figure asked with a hedge ---


@pytest.mark.parametrize(
    "question",
    [
        "grosso modo, la commande publique pèse combien d'euros par an ?",
        "en ordre de grandeur, combien représente la commande publique chaque année ?",
        "quel est le montant annuel de la commande publique, à peu près ?",
    ],
)
def test_a_hedged_figure_question_finds_the_figure(question: str) -> None:
    found = figure_sentence(KNOWLEDGE, question)
    assert found is not None and "200 milliards" in found[0]


def test_a_figure_of_something_else_is_still_not_found() -> None:
    assert figure_sentence(KNOWLEDGE, "en gros, combien pèse le PIB de la France ?") is None


# --- the detail of exceptions only mentioned ---


@pytest.mark.parametrize(
    "question",
    [
        "quelles sont précisément les dérogations à l'obligation de clause sociale ?",
        "quelles exemptions pour la condition d'exécution sociale obligatoire ?",
        "dans quels cas peut-on déroger à la condition sociale obligatoire ?",
    ],
)
def test_the_detail_of_exceptions_is_asked_and_unknown(question: str) -> None:
    assert asks_exceptions(question)
    texts = [KNOWLEDGE.topics["ask_social_clause"].details]
    assert unknown_aspect(question, texts) == UNKNOWN_EXCEPTIONS


@pytest.mark.parametrize(
    "question",
    [
        "la condition sociale obligatoire s'applique à partir de quel montant ?",
        "quelles sont les obligations de la clause sociale ?",
    ],
)
def test_a_question_on_the_rule_itself_is_no_question_on_its_exceptions(question: str) -> None:
    assert not asks_exceptions(question)
    texts = [KNOWLEDGE.topics["ask_social_clause"].details]
    assert unknown_aspect(question, texts) != UNKNOWN_EXCEPTIONS


def test_the_unknown_list_comes_with_the_sentence_that_only_mentions_it() -> None:
    topic = KNOWLEDGE.topics["ask_social_clause"]
    replies = unknown_aspect_reply(topic, UNKNOWN_EXCEPTIONS, False, [Reply(topic.details)])
    first = replies[0].text
    assert first.startswith(UNKNOWN_EXCEPTIONS)
    assert "sauf dérogations" in first and "Légifrance" in first
    assert all("sauf dérogations" not in reply.text for reply in replies[1:])  # said once


def test_a_sentence_that_names_its_threshold_stands_alone() -> None:
    assert not NEEDS_CONTEXT.search("Au-dessus des seuils européens, une condition est obligatoire.")
    assert NEEDS_CONTEXT.search("Au-dessus de ce seuil, le schéma est obligatoire.")


# --- known gaps: a SEM's condition first, dated clubs ---


def test_a_sem_is_told_the_condition_before_its_network() -> None:
    replies = public_support_reply(KNOWLEDGE, resolve_text("Nantes"), None, mixed=True)
    assert replies[0].text.startswith("Si vos achats relèvent du code de la commande publique")


def test_a_club_known_from_an_old_article_is_dated() -> None:
    replies = local_club_replies(
        KNOWLEDGE, resolve_text("Colomiers"), "un club d'acheteurs près de chez nous ?"
    )
    assert replies and "2013" in replies[0].text


@pytest.mark.parametrize(
    "text", ["y a-t-il un club d'acheteurs à Toulouse ?", "il existe un club achats à Toulouse ?"]
)
def test_a_club_known_from_an_old_article_is_no_yes(text: str) -> None:
    # review 16, finding 7: the article dates it, whether it is still active is not known
    first = local_club_replies(KNOWLEDGE, resolve_text("Toulouse"), text)[0].text
    assert not first.startswith("Oui") and first.startswith("Un article de 2013")
    assert "toujours actif" in first


def test_a_sentence_reports_a_club_when_an_article_or_the_press_dates_it() -> None:
    assert reported("Un article de 2013 décrivait à Toulouse un club.")
    assert not reported("Dans l'Hérault, le CSA 34, créé en 2018, a porté le programme.")
    assert not reported("Un article décrit ce club.")  # no date: not an old report
