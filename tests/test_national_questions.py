"""National questions answered with the national fact (issue 11, dev set national_questions_4): scope words
and the verbs of « who runs it » do not pick the answering sentence, two-part questions get both answers,
a national question keeps no place, an unknown assessment is said first. Sentences written for these
tests, not taken from the dev sets."""

from __future__ import annotations

from actions.agec_route import CONTENT_ASKED
from actions.focus import lead_sentence
from actions.followup import figure_is_known
from actions.knowledge import knowledge_base
from actions.national import national_scope
from actions.topics import topic_reply
from actions.understanding import counted_noun, states_count
from actions.unknowns import UNKNOWN_OUTCOME, unknown_aspect
from textnorm import question_form

KNOWLEDGE = knowledge_base()


def lead_of(topic_id: str, question: str) -> str:
    topic = KNOWLEDGE.topics[topic_id]
    return lead_sentence(question, topic.answer, topic.details or "") or ""


def test_who_runs_it_is_answered_by_the_sentence_naming_who_runs_it() -> None:
    # "coordonne" shares its stem with the regional "coordinateur": the verb says what is asked
    assert "Alliance Villes Emploi" in lead_of(
        "ask_facilitator", "Le réseau des facilitateurs, qui le coordonne ?"
    )
    assert "ministère" in lead_of("ask_rapidd", "RAPIDD est administré par qui ?")
    assert "ministère" in lead_of("ask_rapidd", "qui est derrière cette plateforme RAPIDD ?")


def test_national_scope_words_do_not_choose_the_sentence() -> None:
    # « nationale » would pick the inter-réseaux sentence on « visibilité nationale »
    assert lead_of("ask_networks_overview", "A l'échelle nationale, il y a combien de réseaux ?") == ""


def test_two_part_question_gets_both_sentences() -> None:
    lead = lead_of("ask_facilitator", "Ils sont combien aujourd'hui et quelle structure les anime ?")
    assert "500" in lead and "Alliance Villes Emploi" in lead


def test_nb_reads_as_a_count() -> None:
    assert "500" in lead_of("ask_facilitator", "nbre de facilitateurs ?")


def test_two_part_question_keeps_the_short_answer_for_the_other_part() -> None:
    topic = KNOWLEDGE.topics["ask_agec_declaration"]
    reply = topic_reply(KNOWLEDGE, topic, "Il y a combien de catégories, et la déclaration se fait où ?")
    assert "17" in reply.text and "data.gouv" in reply.text


def test_national_scope_drops_the_place_unless_the_own_contact_is_asked() -> None:
    assert national_scope("Je suis à Metz, mais ma question est générale : combien de guichets ?")
    assert national_scope("Acheteuse à Caen ; qui anime le réseau national des facilitateurs ?")
    assert not national_scope("Je suis à Caen, qui contacter pour mon réseau ?")
    assert not national_scope("Quel est mon réseau régional ? et le portail national ?")


def test_a_duration_in_words_is_a_known_time_limit() -> None:
    texts = ["Vous déclarez dans les six mois qui suivent la fin de l'année."]
    assert figure_is_known(texts, "On a combien de temps pour déclarer ?", set(), False) is True
    assert (
        figure_is_known(["Vous déclarez chaque année."], "Quel délai pour déclarer ?", set(), False) is False
    )


def test_an_assessment_the_knowledge_lacks_is_said_first() -> None:
    texts = ["Objectifs pour 2025 : 100 % des contrats avec une considération environnementale."]
    assert unknown_aspect("Ces objectifs sont-ils atteints ?", texts, "Le PNAD") == UNKNOWN_OUTCOME
    assert unknown_aspect("Quel bilan du plan ?", ["Le plan a permis de créer 82 postes."], "Le plan") is None


def test_what_a_law_imposes_is_its_content() -> None:
    assert CONTENT_ASKED.search(question_form("Et concrètement, cet article exige quoi ?"))
    assert not CONTENT_ASKED.search(question_form("Est-ce que l'article 58 s'applique à ma commune ?"))


def test_about_and_etp_are_no_counted_nouns_missing() -> None:
    assert counted_noun("et ils sont combien, grosso modo ?") is None
    assert states_count("Le premier appel a créé 40 postes en équivalent temps plein.", "etp")


def test_a_threshold_in_euros_is_no_budget() -> None:
    texts = ["Le schéma est obligatoire au-delà de 50 millions d'euros d'achats annuels."]
    assert (
        figure_is_known(texts, "À partir de quel montant le schéma est-il obligatoire ?", set(), False)
        is None
    )


def test_each_part_of_a_two_part_question_is_checked_on_its_own() -> None:
    texts = ["Publié le 15 mars 2022, le plan vise les contrats."]
    question = "Le plan a été publié quand, et il s'arrête en quelle année ?"
    assert unknown_aspect(question, texts, "Le plan") is None
