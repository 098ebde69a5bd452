"""Direct answers first for closed and national questions (issue 11, dev set faq_questions_4)."""

from __future__ import annotations

from datetime import date

from actions.agec import agec_reply
from actions.focus import answered_no, answered_yes, lead_sentence
from actions.followup import public_support_reply
from actions.knowledge import load_knowledge
from actions.national import LIST_ASKED, networks_list
from actions.territory import guichet_vert_reply
from actions.topics import topic_reply
from places.scan import resolve_text
from textnorm import question_form

KNOWLEDGE = load_knowledge()
TODAY = date(2026, 11, 30)


def test_closed_question_answered_by_a_negative_sentence_leads_with_no() -> None:
    lead = "Il ne fournit ni expertise juridique ni relecture de DCE."
    assert answered_no("Le guichet peut-il relire mon DCE ?", lead).startswith("Non : il ne fournit")
    assert answered_no("Qui peut relire mon DCE ?", lead) == lead  # a wh-question: no yes or no
    assert answered_no("Est-ce qu'il relit le DCE ?", "Il apporte des guides.") == "Il apporte des guides."


def test_may_question_answered_by_you_may_leads_with_yes() -> None:
    short = "Les écolabels officiels sont l'Écolabel européen. Vous pouvez exiger un label précis."
    assert (
        answered_yes("Peut-on exiger l'Ecolabel européen ?", short)
        == "Oui : vous pouvez exiger un label précis."
    )
    assert answered_yes("Peut-on refuser un label ?", short) is None
    assert answered_yes("Quels labels peut-on exiger ?", short) is None


def test_which_decree_favours_the_sentence_citing_a_decree() -> None:
    details = (
        "L'article 58 vise l'État : une part de ses achats issus du réemploi ou recyclés (loi n° 2020-105).\n"
        "Le décret n° 2024-134 s'applique depuis 2024."
    )
    lead = lead_sentence(
        "Quel décret fixe les taux de réemploi et de recyclé ?", "L'article 58 s'applique.", details
    )
    assert lead is not None and "2024-134" in lead


def test_agec_count_question_leads_with_the_count() -> None:
    reply = agec_reply(KNOWLEDGE.agec, None, None, TODAY, "Combien de catégories de produits pour l'AGEC ?")
    assert reply.text.startswith("Le décret répartit les produits en 17 catégories")


def test_since_when_it_exists_is_answered_by_its_creation() -> None:
    topic = KNOWLEDGE.topics["ask_guichet_vert"]
    lead = lead_sentence("Les guichets verts existent depuis quand ?", topic.answer, topic.details or "")
    assert lead is not None and lead.startswith("Mis en place")


def test_list_of_networks_names_them_with_their_region() -> None:
    assert LIST_ASKED.search(question_form("Pouvez-vous me donner la liste des réseaux régionaux ?"))
    assert not LIST_ASKED.search(question_form("Combien de réseaux régionaux ?"))
    text = networks_list(KNOWLEDGE)
    assert "RESECO (Bretagne, Pays de la Loire, Centre-Val de Loire)" in text
    assert "ARBE" not in text  # a guichet vert carrier, not a network


def test_whom_question_answered_by_the_sentence_naming_them_leads_with_yes() -> None:
    short = "Le plan couvre 2022-2025. Il entend accompagner tous les acheteurs, publics comme privés."
    yes = answered_yes("Le plan concerne-t-il aussi les entreprises privées ?", short)
    assert yes == "Oui : il entend accompagner tous les acheteurs, publics comme privés."
    assert answered_yes("Le plan concerne-t-il les collectivités ?", short) is None
    assert (
        answered_yes("Le plan vise-t-il les acheteurs publics ?", "Il ne vise pas les acheteurs publics.")
        is None
    )


def test_the_steps_of_the_agec_rates_lead_when_the_deadlines_are_asked() -> None:
    """The years come from the categories' rates (knowledge/agec.yml): one source for the milestones."""
    reply = agec_reply(KNOWLEDGE.agec, None, None, TODAY, "l'article 58, c'est quoi les échéances ?")
    assert reply.text.startswith("Le décret répartit les produits en 17 catégories")
    assert "(2024, 2027 et 2030)" in reply.text.splitlines()[0]
    since = agec_reply(KNOWLEDGE.agec, None, None, TODAY, "ça s'applique depuis quand l'article 58 ?")
    assert "s'applique depuis le 1er juillet 2024" in since.text
    listed = agec_reply(
        KNOWLEDGE.agec, None, None, TODAY, "quel texte donne la liste des produits de l'article 58 ?"
    )
    assert "arrêtés du 29 février 2024" in listed.text


def test_whether_it_is_mandatory_is_answered_by_the_sentence_that_obliges() -> None:
    topic = KNOWLEDGE.topics["ask_biosourced"]
    lead = lead_sentence(
        "le biosourcé est-il obligatoire pour nos bâtiments neufs ?", topic.answer, topic.details or ""
    )
    assert lead and "25 %" in lead


def test_which_kinds_are_asked_is_not_answered_by_a_count() -> None:
    topic = KNOWLEDGE.topics["ask_marche_inclusion"]
    kinds = lead_sentence("on y trouve quelles sortes de prestataires ?", topic.answer, topic.details or "")
    assert kinds is None or "7 000" not in kinds
    count = lead_sentence("il référence combien de structures ?", topic.answer, topic.details or "")
    assert count and "7 000" in count


def test_how_donations_are_valued_is_answered_by_the_grid_of_values() -> None:
    reply = agec_reply(
        KNOWLEDGE.agec, None, None, TODAY, "les dons reçus, on les valorise comment pour l'AGEC ?"
    )
    assert "valeurs forfaitaires" in " ".join(reply.text.split("\n")[:2])


def test_a_rate_asked_for_a_product_gets_the_rates_before_who_is_bound() -> None:
    agec = KNOWLEDGE.agec
    textiles = next(one for one in agec.categories if "textiles" in one.label)
    asked = agec_reply(agec, textiles, None, TODAY, "kel est le taux de réemploi pr les vêtements")
    assert asked.text.startswith("Catégorie « Produits textiles")
    assert "L'article 58 de la loi AGEC" in asked.text
    closed = agec_reply(agec, textiles, None, TODAY, "la loi AGEC s'applique aux vêtements ?")
    assert closed.text.startswith("Oui, si vous achetez pour")


def test_who_to_turn_to_on_a_topic_gets_who_helps_first() -> None:
    clause = KNOWLEDGE.topics["ask_social_clause"]
    asked = topic_reply(KNOWLEDGE, clause, "des clauses sociales dans nos marchés, à qui s'adresser ?")
    assert asked.text.startswith("Le facilitateur de votre territoire")
    defined = topic_reply(KNOWLEDGE, clause, "une clause sociale, c'est quoi ?")
    assert not defined.text.startswith("Le facilitateur")
    plan = KNOWLEDGE.topics["ask_pnad"]  # its next step names no one who helps
    assert not topic_reply(KNOWLEDGE, plan, "le PNAD, à qui s'adresser ?").text.startswith("Je ne connais")


def test_who_helps_a_public_buyer_of_a_known_place_names_the_network_first() -> None:
    replies = public_support_reply(KNOWLEDGE, resolve_text("à Toulouse"), "collectivite")
    assert replies[0].text.startswith("Toulouse") and "Rés'Occ" in replies[0].text
    assert replies[1].text.startswith("Comme acheteur public")


def test_who_to_turn_to_with_a_place_gets_the_desk_without_a_sentence_of_the_details() -> None:
    guichet = KNOWLEDGE.topics["ask_guichet_vert"]
    asked = "EHPAD public en Sologne, à qui s'adresser pour l'AGEC ?"
    reply = guichet_vert_reply(KNOWLEDGE, guichet, resolve_text("en Sologne"), message=asked)
    assert "RESECO" in reply.text
    assert "référents internes" not in reply.text and "toujours ouvert" not in reply.text
