"""Social-clause questions answered by the fact asked, not by a neighbouring generic answer (dev set
social_clauses_14): who funds the facilitators (« cofinançait », « doté de »), since when they exist (not
dated by a call for new posts), private buyers too (« Oui : » / « Non : »), who checks the insertion hours
(« en suit l'exécution »), « le volume horaire » (no opening hours), the shares of 2018 and 2019 held by
other topics' examples, articles cited without a space or beside « du CCP », the article of a bullet with
its introduction, an unknown acronym as subject (« un GEIQ peut-il … »), a term beside the topic that never
names it (the ESS beside the reserved contracts), a region named by the topic's figure (Île-de-France)."""

from __future__ import annotations

from types import SimpleNamespace

from actions.article_finder import closer_than_reply, led_by_article
from actions.figure_finder import figure_sentence, same_years, shared_figures
from actions.focus import FEW_SENTENCES, lead_sentence, private_side_lead
from actions.glossary_route import term_beside_topic
from actions.knowledge import knowledge_base
from actions.question_parts import names_place
from actions.render import Reply
from actions.route_types import Context
from actions.routing import route
from actions.understanding import states_count, unknown_detail
from actions.unknown_terms import unknown_subject_reply
from actions.unknowns import creation_date_known

KNOWLEDGE = knowledge_base()
FACILITATOR = KNOWLEDGE.topics["ask_facilitator"]
CLAUSE = KNOWLEDGE.topics["ask_social_clause"]


def answer(intent: str, text: str, question: str = "") -> str:
    ctx = Context(intent=intent, text=text, question=question or intent)
    return "\n".join(reply.text for reply in route(KNOWLEDGE, ctx).replies)


def test_funding_given_by_a_cofunding_or_an_endowment_is_known() -> None:
    assert unknown_detail("qui finance les facilitateurs ?", [FACILITATOR.text]) is None
    assert unknown_detail("qui finance le guichet vert ?", ["Le guichet vert conseille les acheteurs."])


def test_funding_asked_leads_with_the_sentence_on_money() -> None:
    lead = lead_sentence("qui finance les postes de facilitateurs ?", FACILITATOR.answer, FACILITATOR.details)
    assert lead and "appel à projets" in lead


def test_volume_horaire_is_no_opening_hours() -> None:
    assert unknown_detail("le volume horaire d'insertion, il est précisé où ?", [CLAUSE.text]) is None
    assert unknown_detail("vous êtes ouverts à quelle heure ?", [CLAUSE.text])


def test_a_call_for_new_posts_does_not_date_the_facilitators() -> None:
    assert not creation_date_known([FACILITATOR.text], "depuis quand existent les facilitateurs ?")
    assert "Je n'ai pas" in answer(
        "ask_facilitator", "depuis quand existent les facilitateurs de la clause sociale ?"
    )


def test_the_one_sentence_naming_the_glossary_term_asked_leads() -> None:
    lead = lead_sentence("le CCAG prévoit quoi pour la clause d'insertion ?", CLAUSE.answer, CLAUSE.details)
    assert lead and lead.startswith("Les CCAG")
    lead = lead_sentence("critère d'attribution ou condition d'exécution ?", CLAUSE.answer, CLAUSE.details)
    assert lead and "condition d'exécution sociale" in lead
    assert FEW_SENTENCES == 3  # a rare word alone does not lead a topic of four sentences (« utilisation »)


def test_who_checks_is_who_follows_the_execution() -> None:
    lead = lead_sentence("qui contrôle les heures d'insertion ?", CLAUSE.answer, CLAUSE.details)
    assert lead and "suit l'exécution" in lead


def test_private_buyers_too_or_not_only_public_ones() -> None:
    asked = "Acheteuse dans une PME privée, je peux aussi faire appel à un facilitateur ?"
    assert (private_side_lead(asked, FACILITATOR.answer) or "").startswith("Oui : ")
    only = private_side_lead("les facilitateurs c'est que pour les acheteurs publics ?", FACILITATOR.answer)
    assert (only or "").startswith("Non : ")
    assert private_side_lead("qui porte les facilitateurs ?", FACILITATOR.answer) is None


def test_a_share_of_a_year_is_found_in_another_topics_examples() -> None:
    found = figure_sentence(
        KNOWLEDGE, "quelle part des marchés avait une considération sociale en 2019 ?", True
    )
    assert found and "12,5 %" in found[0]
    assert not same_years("Objectifs pour 2025 : 30 % …", "quelle part en 2019 ?")
    assert shared_figures(["En 2019, 12,5 % une considération sociale.", "en 2019 : 15,8 % et 12,5 %."])
    text = answer(
        "ask_social_clause", "en 2018 quel % des marchés des collectivités avait une clause sociale ?"
    )
    assert "25 %" in text.splitlines()[0]


def test_an_article_typed_without_space_is_no_foreign_word() -> None:
    text = answer("ask_reserved_contracts", "que dit l'article L2113-12 ?")
    assert "L. 2113-12" in text


def test_the_code_named_beside_an_article_is_not_defined() -> None:
    text = answer("ask_climate_law", "L. 2113-13 du CCP ?")
    assert "L. 2113-13" in text and not text.startswith("Le CCP est")


def test_an_article_of_a_bullet_comes_with_its_introduction() -> None:
    reply = led_by_article(
        KNOWLEDGE,
        "quel article pour les entreprises implantées en établissement pénitentiaire ?",
        Reply("L'article 58 de la loi AGEC s'applique si vous achetez pour l'État."),
    )
    assert reply.text.startswith("Vous pouvez réserver") and "L. 2113-13-1" in reply.text


def test_a_code_article_closer_than_a_law_article_leads() -> None:
    question = "quel article rend obligatoire la clause sociale au dessus des seuils européens ?"
    sentence = (
        "Au-dessus des seuils européens, une condition d'exécution sociale est obligatoire (L. 2112-2-1)."
    )
    assert closer_than_reply(
        question, sentence, "La loi Climat (article 35) impose un critère environnemental."
    )


def test_a_relation_asked_after_a_term_keeps_the_definition() -> None:
    text = answer("ask_social_clause", "c'est quoi la DREETS et quel rapport avec les clauses sociales ?")
    assert text.startswith("La DREETS est")


def test_an_unknown_acronym_as_subject_is_said_unknown() -> None:
    reply = unknown_subject_reply(KNOWLEDGE, "un GEIQ peut-il répondre à un marché réservé aux SIAE ?")
    assert reply and reply.text.startswith("Je n'ai pas d'information sur les GEIQ")
    assert unknown_subject_reply(KNOWLEDGE, "une SIAE peut-elle répondre à un marché réservé ?") is None


def test_an_article_number_counts_nothing() -> None:
    assert not states_count(
        "emploie des travailleurs handicapés (article L. 5213-13 du code du travail)", "travailleurs"
    )
    assert states_count("plus de 500 facilitateurs", "facilitateurs")
    text = answer(
        "ask_reserved_contracts",
        "combien de travailleurs handicapés faut il dans une entreprise adaptée pour un marché réservé",
    )
    assert "50 %" in text.splitlines()[0]


def test_a_term_the_topic_never_names_is_said_first() -> None:
    lead = term_beside_topic(
        KNOWLEDGE, "peut-on réserver un marché aux entreprises de l'ESS ?", "ask_reserved_contracts"
    )
    assert lead and "santé, sociaux ou culturels" in lead
    assert (
        term_beside_topic(KNOWLEDGE, "peut-on réserver un marché aux ESAT ?", "ask_reserved_contracts")
        is None
    )
    article = term_beside_topic(
        KNOWLEDGE, "c'est quel article pour réserver à l'ESS ?", "ask_reserved_contracts"
    )
    assert article and article.startswith("Je n'ai pas")


def test_a_region_named_by_the_topic_keeps_its_figure() -> None:
    idf = SimpleNamespace(label="Île-de-France", region_name="Île-de-France")
    brittany = SimpleNamespace(label="Bretagne", region_name="Bretagne")
    assert names_place([FACILITATOR.text], idf, "en IDF, cofinancés à hauteur de quel pourcentage ?")
    assert not names_place([FACILITATOR.text], idf, "combien de facilitateurs en Île-de-France ?")
    assert not names_place([FACILITATOR.text], brittany, "cofinancés à quel pourcentage en Bretagne ?")


def test_a_part_of_the_plan_asked_is_the_plans() -> None:
    text = answer("ask_facilitator", "quel ministère porte le volet social du PNAD (les facilitateurs) ?")
    assert "ministère du Travail" in text.splitlines()[0]


def test_a_count_after_the_colon_of_an_entry_leads() -> None:
    text = answer("ask_facilitator", "il y a combien de coordinateurs de la clause sociale ?")
    assert text.startswith("L'appel à projets") and "un coordinateur par région" in text
    defined = answer("ask_facilitator", "coordinateur clause sociale c'est quoi")
    assert defined.startswith("Les coordinateurs de la clause sociale sont")


def test_an_undated_share_or_a_figure_of_another_year_stays_unknown() -> None:
    today = answer(
        "ask_social_clause", "quel pourcentage des marchés publics comportent une clause sociale en France ?"
    )
    assert "2018" not in today.splitlines()[0]
    posts = answer(
        "ask_facilitator", "combien de postes l'appel à projets facilitateurs de 2023 a-t-il créés ?"
    )
    assert posts.startswith("Je n'ai pas")


def test_who_pays_the_facilitators_is_the_states_call_for_projects() -> None:
    text = answer("ask_facilitator", "les facilitateurs sont payés par qui ?")
    assert not text.startswith("Je n'ai pas") and "appel à projets" in text.splitlines()[0]
