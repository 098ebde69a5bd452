"""Issue 11: a stated share confirmed or corrected, a count asked with "which one is ours", an audience
condition that keeps the lines answering the question.

The routing (actions/routing.py) and the topic answers (actions/topics.py) run without Rasa. The
sentences differ from the dev set tests/dev/context_first_9.yml.
"""

from __future__ import annotations

from actions.agec import agec_reply
from actions.context_rules import lead_with
from actions.figure_finder import figure_reply, figure_sentence
from actions.focus import asked_part, confirmed_share, lead_sentence, stated_figure
from actions.followup import figure_is_known
from actions.knowledge import knowledge_base
from actions.national import asks_national_and_ours
from actions.render import Reply
from actions.reply import MAX_ANSWER_WORDS, word_count
from actions.understanding import aspects
from tests.test_context_first_9 import run, text_of

KNOWLEDGE = knowledge_base()
TARGETS = (
    "Objectifs pour 2025 : 100 % des contrats notifiés avec au moins une considération environnementale, "
    "30 % avec au moins une considération sociale."
)


def test_a_share_stated_right_is_confirmed_and_a_wrong_one_corrected() -> None:
    assert confirmed_share("on vise 30 % de contrats à considération sociale, exact ?", TARGETS).startswith(
        "Oui."
    )
    assert confirmed_share("l'objectif social est à 40 % des contrats, non ?", TARGETS).startswith("Non.")
    # the share of the other thing named is the one compared: 100 % is the environmental share
    assert confirmed_share("100 % des contrats avec une considération sociale, vrai ?", TARGETS).startswith(
        "Non."
    )
    assert (
        confirmed_share("quelle part des contrats doit avoir une considération sociale ?", TARGETS) == TARGETS
    )
    assert confirmed_share("30 % de papier recyclé, c'est bien ça ?", TARGETS) == TARGETS  # nothing shared


def test_a_bare_confirmation_keeps_the_claim_before_it() -> None:
    text = "Un collègue dit que le plan national vise 30 % de contrats sociaux. C'est vrai ?"
    assert "30 %" in asked_part(text)
    assert asked_part("Je suis à la mairie de Brest. Le guichet vert est gratuit ?") == (
        "Le guichet vert est gratuit ?"
    )


def test_a_share_stated_about_the_national_plan_is_answered_yes_first() -> None:
    text = text_of(
        run("ask_pnad", "Le PNAD veut 30 % de marchés avec une considération sociale ? c'est juste ?")
    )
    assert text.startswith("Oui") and "30 %" in text.splitlines()[0]


def test_how_many_networks_and_which_is_ours_gives_both() -> None:
    assert asks_national_and_ours("il y en a combien en France et lequel nous concerne ?")
    assert not asks_national_and_ours("lequel nous concerne ?")
    text = text_of(
        run(
            "ask_network",
            "Mairie de Quimper : combien de réseaux régionaux, et c'est lequel le nôtre ?",
            "commune:29232",
        )
    )
    assert "11 réseaux" in text and "RESECO" in text and "indiquez-moi votre région" not in text
    assert "Je n'ai pas ce chiffre" not in text


def test_an_audience_condition_keeps_the_reply_lines_that_answer() -> None:
    reply = Reply("Le bureau de votre région.\nVous y accédez depuis le portail.\n• Comment : un formulaire.")
    led = lead_with(
        reply, "Si votre établissement relève de l'État, voyez vos référents.", "etablissement_public"
    )
    assert "formulaire" in led.text and led.text.startswith("Si votre")
    long_line = " ".join(["mot"] * MAX_ANSWER_WORDS)
    led = lead_with(Reply(f"Le bureau.\n{long_line}\n• Comment : un formulaire."), "Condition.", "etat")
    assert "formulaire" in led.text and long_line not in led.text
    assert word_count(led.text) <= MAX_ANSWER_WORDS + word_count("Condition.")


def test_a_figure_asked_about_no_topic_is_found_in_the_whole_knowledge() -> None:
    found = figure_sentence(KNOWLEDGE, "La commande publique, ça représente combien d'euros chaque année ?")
    assert found and "200 milliards" in found[0]
    reply = figure_reply(KNOWLEDGE, "combien pèse la commande publique en euros ?")
    assert reply and reply.buttons and reply.sources and reply.details
    assert figure_sentence(KNOWLEDGE, "quel budget pour la cantine de notre école ?") is None
    assert figure_sentence(KNOWLEDGE, "Montant des achats publics du département ?") is None


def test_a_budget_given_by_the_knowledge_is_known_and_leads() -> None:
    topic = KNOWLEDGE.topics["ask_facilitator"]
    question = "l'appel à projets facilitateurs de 2023, doté de combien ?"
    assert figure_is_known([topic.details or ""], question, aspects(question), True)
    assert "5,4 millions" in (lead_sentence(question, topic.answer, topic.details or "") or "")
    salary = "un facilitateur est payé combien ?"
    assert not figure_is_known([topic.details or ""], salary, aspects(salary), True)


def test_in_france_is_a_national_scope_not_a_word_of_the_answer() -> None:
    topic = KNOWLEDGE.topics["ask_facilitator"]  # its details name « Île-de-France »
    assert "500" in (lead_sentence("il y en a combien en France ?", topic.answer, topic.details or "") or "")


def test_a_share_asked_for_another_predicate_is_not_confirmed() -> None:
    question = "les 30 % de considération sociale sont-ils obligatoires pour une commune ?"
    assert confirmed_share(question, TARGETS) == TARGETS


def test_count_and_ours_for_facilitators_and_guichets_too() -> None:
    for intent, text, count in [
        ("ask_facilitator", "les facilitateurs : combien en France, et lequel pour nous ?", "500"),
        ("ask_guichet_vert", "combien de guichets verts en France et lequel pour nous ?", "11 guichets"),
        ("ask_network", "combien de réseaux et lequel chez nous ?", "11 réseaux"),
    ]:
        said = text_of(run(intent, f"{text} On est à Rennes.", "commune:35238"))
        assert said.splitlines()[0].count(count) and "Je n'ai pas ce chiffre" not in said, said


def test_a_figure_is_found_only_when_every_word_of_its_subject_is() -> None:
    assert figure_sentence(KNOWLEDGE, "la commande publique, quelle part du PIB ?") is None


def test_words_review_found_misread() -> None:
    """Found by the review of 2026-11-30: each of these was read as something else."""
    from actions.understanding import asks_money, unknown_detail
    from nlu_components.retrieval import FAREWELL
    from textnorm import question_form

    assert not FAREWELL.search(question_form("on passe à plus de 50 millions d'achats"))
    assert FAREWELL.search(question_form("à plus !")) and FAREWELL.search(question_form("a plus tard"))
    assert not asks_money("une commune dotée d'un SPASER doit-elle le publier ?")
    assert asks_money("l'appel à projets était doté de combien ?")
    assert unknown_detail("la clause sociale, elle est ou non obligatoire ?", []) is None
    assert unknown_detail("ils sont où, les facilitateurs ?", []) is None  # whom to contact, no address
    assert "gaec" in question_form("c'est quoi un GAEC ?")


def test_a_year_before_a_noun_does_not_count_it() -> None:
    from actions.understanding import states_count

    assert not states_count("l'appel à projets de 2022 cofinançait les postes jusqu'à 70 %", "postes")
    assert states_count("celui de 2022 a permis de créer 82 postes", "postes")
    assert states_count("en 2023, 11 réseaux régionaux étaient actifs", "reseaux")


def test_who_is_bound_is_answered_by_the_sentence_that_says_whom_a_rule_binds() -> None:
    topic = KNOWLEDGE.topics["ask_social_clause"]
    lead = lead_sentence("et qui est concerné ?", topic.answer, topic.details or "", topic.answer)
    assert lead and "obligatoire pour" in lead
    # « qui doit déclarer ? » is not whom a rule binds: a sentence merely saying « concernée » is no answer
    agec = KNOWLEDGE.topics["ask_agec_declaration"]
    said = lead_sentence("et qui doit déclarer ?", agec.answer, agec.details or "", agec.answer) or ""
    assert not said.startswith("Quand")


def test_an_article_number_is_no_stated_count() -> None:
    """« article 58 qui est concerné » states no count of « qui »: whom the rule binds leads, not a sentence
    where a number happens to precede « qui » (« six mois qui suivent »)."""
    assert stated_figure("la loi AGEC article 58 qui est concerné ?") == (frozenset(), None)
    assert stated_figure("le décret 2024 134 s'applique à qui ?") == (frozenset(), None)
    assert stated_figure("il y a bien 30 facilitateurs ?")[1] == "facilitateurs"
    reply = agec_reply(KNOWLEDGE.agec, None, None, message="la loi AGEC article 58 qui est concerné ?")
    assert reply.text.startswith("L'article 58 de la loi AGEC s'applique si vous achetez pour l'État")
