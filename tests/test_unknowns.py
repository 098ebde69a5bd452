"""What the knowledge does not hold about the subject asked (actions/unknowns.py), and the routing and
definition rules around it: an unknown creation date, threshold, parution, list of exceptions or way to
join is said first; a legal reference or a plan's action names its topic; a definition question leads
with what the thing is. Sentences written for these tests, not taken from the dev sets."""

from __future__ import annotations

from typing import Optional

import pytest

from actions.glossary import defines, find_terms
from actions.knowledge import knowledge_base
from actions.route_types import Context, Outcome
from actions.routing import route
from actions.topic_choice import overrides_intent
from actions.topics import defined_words, topic_reply
from actions.understanding import aspects, named_topics, unknown_detail
from actions.unknowns import (
    UNKNOWN_CREATION,
    UNKNOWN_EXCEPTIONS,
    UNKNOWN_MEMBERSHIP,
    UNKNOWN_PUBLISHED,
    UNKNOWN_THRESHOLD,
    asks_membership,
    asks_outcome,
    asks_penalty,
    asks_threshold,
    unknown_aspect,
)

KNOWLEDGE = knowledge_base()


def aspect_of(topic_id: str, question: str) -> Optional[str]:
    topic = KNOWLEDGE.topics[topic_id]
    return unknown_aspect(question, [topic.text], topic.title)


def run(intent: str, text: str, question: Optional[str] = None) -> Outcome:
    return route(KNOWLEDGE, Context(intent=intent, text=text, question=question or intent))


def text_of(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


@pytest.mark.parametrize(
    ("topic_id", "question"),
    [
        ("ask_cna", "Le CNA existe depuis quand ?"),
        ("ask_agefiph", "L'Agefiph a été fondée en quelle année ?"),
        ("ask_network", "Les premiers réseaux régionaux sont apparus quand ?"),
        ("ask_pnad", "Le plan a été publié à quelle date ?"),
        ("ask_entreprises_engagent", "c'est né quand, Les entreprises s'engagent ?"),
    ],
)
def test_a_creation_date_the_topic_gives_is_known(topic_id: str, question: str) -> None:
    assert aspect_of(topic_id, question) is None


@pytest.mark.parametrize(
    ("topic_id", "question"),
    [
        # the facilitator topic dates a call for projects, not the association that runs the network
        ("ask_facilitator", "L'Alliance Villes Emploi existe depuis quand ?"),
        ("ask_marche_inclusion", "il a été mis en ligne quand ?"),
        ("ask_rapidd", "la plateforme a été créée en quelle année ?"),
    ],
)
def test_a_creation_date_about_something_else_is_unknown(topic_id: str, question: str) -> None:
    assert aspect_of(topic_id, question) == UNKNOWN_CREATION


def test_a_threshold_value_is_known_only_when_a_sentence_gives_its_amount() -> None:
    assert aspect_of("ask_climate_law", "quel est le seuil pour devoir faire un SPASER ?") is None
    lacking = aspect_of("ask_climate_law", "les seuils européens des marchés de travaux, combien ?")
    assert lacking == UNKNOWN_THRESHOLD


def test_a_rule_above_the_thresholds_is_not_a_threshold_question() -> None:
    assert not asks_threshold("au-dessus des seuils européens, que doit contenir le marché ?")
    assert asks_threshold("quels sont les seuils européens ?")


def test_how_to_join_is_asked_but_whether_one_may_join_is_not() -> None:
    assert asks_membership("comment devenir membre ?")
    assert not asks_membership("une commune peut adhérer ?")
    assert not asks_membership("l'adhésion coûte combien ?")  # a cost: followup.figure_is_known
    assert aspect_of("ask_cna", "de quelle façon on adhère au CNA ?") == UNKNOWN_MEMBERSHIP
    assert aspect_of("ask_rapidd", "comment on rejoint RAPIDD ?") is None


def test_a_list_of_exceptions_only_mentioned_is_unknown() -> None:
    lacking = aspect_of("ask_social_clause", "les dérogations à la condition sociale, lesquelles ?")
    assert lacking == UNKNOWN_EXCEPTIONS


def test_a_text_announced_but_not_dated_is_not_known_to_be_out() -> None:
    lacking = aspect_of("ask_biosourced", "le décret sur les 25 % de biosourcés en 2030 est sorti ?")
    assert lacking == UNKNOWN_PUBLISHED


def test_a_long_question_on_a_text_being_out_is_still_one() -> None:
    text = "Le décret qui doit préciser l'obligation de 25 % de biosourcé en 2030, il est paru ?"
    assert aspect_of("ask_biosourced", text) == UNKNOWN_PUBLISHED


def test_publishing_or_a_negation_is_no_unknown_date_or_text() -> None:
    published = "les marchés réservés doivent-ils être publiés au BOAMP ?"
    assert aspect_of("ask_reserved_contracts", published) is None
    assert aspect_of("ask_social_clause", "que faire quand on ne trouve pas de fournisseur ?") is None


def test_an_unknown_aspect_in_a_follow_up_does_not_repeat_the_answer() -> None:
    outcome = run("follow_up", "elle a été créée en quelle année ?", "ask_rapidd")
    assert text_of(outcome).startswith("Je n'ai pas cette date")
    assert "désigne la communauté" not in text_of(outcome)


def test_a_decree_named_by_its_number_answers_its_topic() -> None:
    outcome = run("ask_climate_law", "le décret 2024-134, il entre en vigueur quand ?")
    assert "1er juillet 2024" in text_of(outcome)


def test_an_action_of_the_plan_is_answered_by_the_plan() -> None:
    assert overrides_intent("quelle action du plan porte sur les réseaux ?", [], "ask_network")
    outcome = run("ask_network", "Quelle action du PNAD porte sur les réseaux territoriaux ?")
    assert "Action 16" in text_of(outcome)


def test_a_minister_is_a_name_never_held() -> None:
    assert named_topics("c'est qui le ministre de l'écologie ?") == ["ask_pnad"]
    assert unknown_detail("c'est qui le ministre de l'écologie ?", [])
    outcome = run("ask_cci", "c'est qui le ministre de l'écologie ?")
    assert text_of(outcome).startswith("Je n'ai pas le nom")


def test_the_number_of_a_law_is_not_a_phone_number() -> None:
    assert unknown_detail("le numéro du décret sur le réemploi ?", []) is None
    assert unknown_detail("vous avez leur numéro ?", [])


def test_kezako_and_qu_entend_on_par_ask_a_definition() -> None:
    assert "definition" in aspects("RAPIDD kézako ?")
    assert "definition" in aspects("qu'entend-on par réemploi ?")
    entry = find_terms("une ETTI, kézako ?")[0]
    assert entry.id == "etti" and defines("une ETTI, kézako ?", entry)


def test_a_law_defined_first_says_which_law_it_is() -> None:
    reply = topic_reply(KNOWLEDGE, KNOWLEDGE.topics["ask_climate_law"], "la loi Climat, qu'est-ce que c'est")
    assert reply.text.startswith("La loi Climat et résilience est la loi n° 2021-1104")


def test_a_definition_leads_with_a_term_of_the_details_only_when_it_is_the_term_asked() -> None:
    assert defined_words("c'est quoi le label RFAR ?") >= {"rfar"}
    cna = topic_reply(KNOWLEDGE, KNOWLEDGE.topics["ask_cna"], "le label RFAR c'est quoi")
    assert "RFAR" in cna.text.split(".")[0]
    guichet = KNOWLEDGE.topics["ask_guichet_vert"]
    reply = topic_reply(KNOWLEDGE, guichet, "c'est quoi le guichet vert, un truc de l'État ?")
    assert reply.text.startswith("Le guichet vert est un service gratuit")


def test_who_created_it_leads_with_the_sentence_that_names_the_initiator() -> None:
    reply = topic_reply(KNOWLEDGE, KNOWLEDGE.topics["ask_rapidd"], "et qui a créé cette plateforme ?")
    assert reply.text.startswith("Ses conditions d'utilisation") and "ministère" in reply.text.split(".")[0]


def test_the_answer_after_an_unknown_threshold_does_not_lead_with_another_amount() -> None:
    outcome = run("ask_climate_law", "les seuils européens des marchés de services, c'est combien ?")
    assert text_of(outcome).startswith("Je n'ai pas ce montant")
    # what follows, if anything is kept after « je n'ai pas » (actions/brevity.py), is no other amount
    assert all("50 millions" not in reply.text.split(".")[0] for reply in outcome.replies[1:])


# --- wt-unk4: penalties, opening hours, a plan's results and successor, definitions in longer messages ----


@pytest.mark.parametrize(
    "topic_id, question, unknown",
    [
        ("ask_social_clause", "et si le titulaire ne fait pas ses heures, il a une pénalité ?", True),
        ("ask_biosourced_label", "quelle sanction si le bâtiment n'atteint pas le niveau ?", True),
        ("ask_agec_declaration", "on risque quoi si on ne déclare pas ?", False),  # « pas de sanction »
        ("ask_guichet_vert", "le guichet vert répond en combien de temps ?", False),  # no penalty asked
    ],
)
def test_a_penalty_is_said_unknown_only_when_the_topic_says_nothing_of_it(
    topic_id: str, question: str, unknown: bool
) -> None:
    from actions.unknowns import UNKNOWN_PENALTY

    assert (aspect_of(topic_id, question) == UNKNOWN_PENALTY) is unknown


@pytest.mark.parametrize(
    "text, start",
    [
        ("vous savez les jours d'ouverture de 3AR ?", "Je n'ai pas leurs horaires"),
        ("le réseau est ouvert le samedi ?", "Je n'ai pas leurs horaires"),
        ("la cible de 30 % de clauses sociales a-t-elle été atteinte ?", "Je n'ai pas de bilan chiffré"),
        ("un nouveau PNAD est prévu ?", "Je n'ai pas cette information : aucun plan"),
        ("et le plan qui remplacera celui-là ?", "Je n'ai pas cette information : aucun plan"),
        ("c'est qui la directrice de l'ADEME ?", "Je n'ai pas le nom des personnes"),
    ],
)
def test_details_the_knowledge_never_holds(text: str, start: str) -> None:
    assert (unknown_detail(text, []) or "").startswith(start)


def test_the_goals_themselves_are_no_unknown_detail() -> None:
    assert unknown_detail("quels sont les objectifs chiffrés du plan national ?", []) is None


def test_a_count_of_structures_answers_a_count_of_suppliers() -> None:
    from actions.understanding import states_count

    assert states_count("Il référence plus de 7 000 structures inclusives.", "prestataires")
    assert not states_count("Il référence plus de 7 000 structures inclusives.", "salaries")


def test_a_threshold_amount_is_no_budget() -> None:
    from actions.followup import figure_is_known

    texts = ["Le schéma est obligatoire au-delà de 50 millions d'euros d'achats par an."]
    assert (
        figure_is_known(texts, "à partir de quel montant d'achats le schéma devient obligatoire ?", [], False)
        is None
    )
    assert figure_is_known(texts, "quel est le budget du schéma ?", [], False) is False


def test_a_definition_asked_after_a_sentence_of_context() -> None:
    text = "On nous a conseillé de passer par un PLIE pour le chantier de la piscine. Un PLIE, c'est quoi ?"
    assert "plan local" in text_of(run("inform", text)).lower()


def test_a_detail_that_names_a_term_is_no_definition_question() -> None:
    from actions.glossary import asks_term_itself

    entry = next(e for e in find_terms("je suis en ESAT, c'est quoi mes démarches ?") if e.id == "esat")
    assert not asks_term_itself("je suis en ESAT, c'est quoi mes démarches ?", entry)
    assert asks_term_itself("un ESAT c'est quoi au juste ?", entry)


def test_the_life_cycle_cost_is_defined() -> None:
    out = text_of(run("ask_environmental_considerations", "le coût du cycle de vie, ça désigne quoi ?"))
    assert "maintenance" in out and "fin de vie" in out


@pytest.mark.parametrize(
    "text",
    [
        "Le guichet vert de Bourgogne-Franche-Comté a ouvert quand ?",  # a date, not opening hours
        "Peut-on exiger un bilan carbone des entreprises candidates ?",  # no outcome of a policy
        "Si le fournisseur a l'Écolabel européen, les critères environnementaux sont remplis ?",
        "La loi AGEC, quelles obligations pour des gants en cas de risque sanitaire ?",  # no penalty
    ],
)
def test_ordinary_questions_are_not_read_as_an_unknown_detail(text: str) -> None:
    assert unknown_detail(text, []) is None
    assert not asks_penalty(text) and not asks_outcome(text)


def test_opening_hours_and_outcomes_asked_are_said_unknown() -> None:
    assert "horaires" in (unknown_detail("le guichet vert est ouvert quand ?", []) or "")
    assert "bilan" in (unknown_detail("quel bilan pour le PNAD ?", []) or "")
