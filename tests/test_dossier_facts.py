"""Facts of the research dossier that the knowledge lacked (stop 30 audit of the dossier against the knowledge
base): each is answered by the existing routes once it is in the knowledge, with its source."""

from __future__ import annotations

import pytest

from actions.audience import DIRECT_ASKED, says_bound_by_code
from actions.glossary import find_terms, named_as_setting
from actions.knowledge import knowledge_base
from actions.routing import route
from actions.understanding import COST, asks_money, aspects
from tests.test_context_first import context, joined
from textnorm import question_form

KNOWLEDGE = knowledge_base()
VEHICLES_SHOWN = (
    "Oui : l'article 58 de la loi AGEC vise l'État, les collectivités territoriales et leurs groupements. "
    "Catégorie « Véhicules et pièces détachées » : je ne connais pas ses taux avec certitude, voir l'annexe "
    "du décret n° 2024-134."
)


def test_tyres_after_the_vehicles_category_get_the_retreaded_tyres_rule() -> None:
    ctx = context("follow_up", "et pour les pneus ?", question="ask_agec", last_answer=VEHICLES_SHOWN)
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "rechapés" in text and "L. 2172-6" in text


def test_a_rate_asked_for_tyres_gets_their_own_rule() -> None:
    ctx = context("ask_agec", "quel taux de réemploi pour nos pneumatiques ?")
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "rechapés" in text


def test_the_tyre_entry_is_named_by_tyres_only() -> None:
    assert [entry.id for entry in find_terms("des pneus rechapés ?")] == ["pneumatiques_rechapes"]
    assert find_terms("une pneumonie du personnel") == []


def test_the_biosourced_guide_says_it_leaves_out_structural_timber() -> None:
    ctx = context(
        "follow_up",
        "et le bois de charpente, il compte comme biosourcé dans ce guide ?",
        question="ask_biosourced",
    )
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "hors bois d'œuvre" in text


def answer(intent: str, text: str, **fields) -> str:
    return joined(route(KNOWLEDGE, context(intent, text, **fields)).replies)


def test_article_58_is_older_than_its_current_decree() -> None:
    text = answer("ask_agec", "l'obligation de l'article 58 de la loi AGEC existe depuis quand ?")
    assert "1er janvier 2021" in text and "s'applique depuis le 1er juillet 2024" in text


def test_supplies_inside_a_works_contract_count_for_article_58() -> None:
    text = answer(
        "ask_agec", "loi AGEC : les fournitures achetées dans un marché de travaux comptent aussi ?"
    )
    assert "à titre principal ou accessoire" in text


def test_the_guichet_vert_gives_no_list_of_suppliers() -> None:
    text = answer("ask_guichet_vert", "le guichet vert peut me donner une liste de fournisseurs ?")
    assert text.startswith("Non : ") and "liste exhaustive" in text


def test_the_spaser_threshold_is_read_over_a_calendar_year() -> None:
    text = answer("ask_climate_law", "le seuil du SPASER se calcule sur quelle période ?")
    assert "année civile" in text


def test_the_eligible_people_of_an_insertion_clause_are_listed_when_asked_only() -> None:
    text = answer("ask_social_clause", "quels publics sont éligibles à la clause d'insertion ?")
    assert "usagers d'ESAT" in text and "CCAG-TIC" in text
    assert "usagers d'ESAT" not in answer("ask_social_clause", "la clause sociale, c'est quoi ?")


def test_the_environmental_criterion_leaves_out_defence_and_security_contracts() -> None:
    text = answer(
        "ask_environmental_considerations",
        "la clause environnementale obligatoire, ça vaut pour tous les marchés ?",
    )
    assert "défense" in text


# --- the probe of the dossier's facts against the served assistant ------------------------------------

SPASER_SHOWN = (
    "Doivent adopter un SPASER (schéma de promotion des achats publics socialement et écologiquement "
    "responsables) les acheteurs dont les achats annuels dépassent 50 millions d'euros depuis le 1er janvier "
    "2023 (100 millions auparavant), montant apprécié sur une année civile (article D. 2111-3)."
)
PLASTICS_SHOWN = (
    "Les services de l'État ne peuvent plus acheter de produits en plastique à usage unique pour leurs lieux "
    "de travail et les événements qu'ils organisent (loi AGEC, article 77 ; article L. 541-15-10 du code de "
    "l'environnement), sauf dans les situations dérogatoires du décret n° 2022-2 du 4 janvier 2022."
)


@pytest.mark.parametrize("text", ["ça date de quand ?", "c'est de quand ?", "ça a changé quand ?"])
def test_when_asked_in_speech_is_the_date_of_the_answer_just_given(text: str) -> None:
    reply = answer("follow_up", text, question="ask_climate_law", last_answer=SPASER_SHOWN)
    assert "1er janvier 2023" in reply and "21 août 2026" not in reply


def test_a_start_the_sources_do_not_give_is_said_unknown_first() -> None:
    reply = answer(
        "follow_up", "c'est interdit depuis quand ?", question="ask_agec", last_answer=PLASTICS_SHOWN
    )
    assert reply.startswith("Je n'ai pas cette date")


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        (
            "ask_guichet_vert",
            "le guichet vert existe depuis quand ?",
        ),  # « à partir du dernier trimestre 2022 »
        ("ask_cna", "le CNA existe depuis quand ?"),  # « déclarée en 1945 »
        ("ask_agec", "la loi AGEC s'applique depuis quand ?"),
    ],
)
def test_a_start_the_answer_gives_is_not_said_unknown(intent: str, text: str) -> None:
    assert not answer(intent, text).startswith("Je n'ai pas cette date")


def test_money_asked_in_speech_is_answered_by_the_sum_known() -> None:
    reply = answer("ask_facilitator", "l'appel à projets facilitateurs de 2023 c'était combien de sous ?")
    assert not reply.startswith("Je n'ai pas") and "5,4 millions d'euros" in reply


@pytest.mark.parametrize(
    "text", ["et on peut encore garder le prix comme critère unique ?", "loi climat, le critère prix ?"]
)
def test_the_price_as_an_award_criterion_is_no_price_asked(text: str) -> None:
    reply = answer("follow_up", text, question="ask_climate_law")
    assert not reply.startswith("Je n'ai pas") and "coût global" in reply


def test_a_price_asked_is_still_a_price() -> None:
    assert COST in aspects("le guichet vert c'est quel prix ?")


def test_a_public_hospital_is_told_article_58_does_not_name_it() -> None:
    reply = answer(
        "ask_agec",
        "on est un hôpital public, l'article 58 de la loi AGEC s'applique à nous ?",
        buyer_type="hopital",
        buyer_in_message="hopital",
    )
    assert reply.startswith("Pour un établissement de santé, a priori non")


def test_what_article_58_requires_gives_its_start_and_range() -> None:
    reply = answer("ask_agec", "la loi agec article 58 ça impose quoi concrètement ?")
    assert "1er janvier 2021" in reply and "de 20 % à 100 %" in reply


def test_article_55_asked_leads_with_article_55() -> None:
    reply = answer("ask_agec", "l'article 55 de la loi agec il dit quoi ?")
    assert reply.startswith("L'article 55 de la loi AGEC") and "1er janvier 2021" in reply


def test_a_state_buyer_asking_to_go_straight_to_the_guichet_vert_is_told_not_first() -> None:
    kw = {"buyer_type": "etat", "buyer_in_message": "etat"}
    direct = "je suis acheteur dans une préfecture, je peux passer direct par le guichet vert ?"
    assert answer("ask_guichet_vert", direct, **kw).startswith("Pas directement.")
    usable = "je suis acheteur dans une préfecture, je peux utiliser le guichet vert ?"
    assert answer("ask_guichet_vert", usable, **kw).startswith("Oui, vous pouvez le solliciter.")


def test_a_private_buyer_bound_by_the_code_may_use_the_guichet_vert() -> None:
    kw = {"buyer_type": "entreprise", "buyer_in_message": "entreprise"}
    bound = "entreprise privée mais soumise au code de la commande publique, on a droit au guichet vert ?"
    assert answer("ask_guichet_vert", bound, **kw).startswith("Oui : le guichet vert est ouvert")
    free = "entreprise privée, pas soumise au code de la commande publique, on a droit au guichet vert ?"
    assert not answer("ask_guichet_vert", free, **kw).startswith("Oui")


def test_an_official_site_on_sustainable_purchasing_is_the_national_portal() -> None:
    reply = answer("ask_pnad", "il existe un site officiel de l'état sur les achats durables ?")
    assert reply.startswith("Le portail national des achats durables")


def test_a_term_named_with_an_unsure_topic_gets_the_term() -> None:
    text = "les CCAG 2021 ont un chapitre développement durable ?"
    assert answer("ask_rapidd", text, confidence=0.6).startswith("Les CCAG sont")
    assert answer("ask_rapidd", text, confidence=0.9).startswith("RAPIDD")  # DIET sure: its topic
    # the term of the topic just answered: that topic's answer (« article 16 » of the CCAG-TIC)
    after = answer(
        "ask_rapidd",
        "ah et dans le CCAG TIC c'est quel article ?",
        confidence=0.5,
        question="ask_rapidd",
        previous_question="ask_social_clause",
    )
    assert "article 16" in after


def test_a_text_date_is_no_start_but_a_founding_law_is() -> None:
    # « née de la loi du 10 juillet 1987 » dates the Agefiph; « décret n° 2022-2 du 4 janvier 2022 », a text
    assert not answer("ask_agefiph", "l'agefiph existe depuis quand ?").startswith("Je n'ai pas cette date")


def test_the_spaser_sentence_reads_whole_when_asked_what_it_was_before() -> None:
    reply = answer(
        "follow_up", "avant c'était combien ?", question="ask_climate_law", last_answer=SPASER_SHOWN
    )
    assert "100 millions" in reply and "2111-3)" not in reply


# --- negative cases of the review of these rules -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "on est une entreprise privée, jamais soumise au code de la commande publique",
        "je ne sais pas si on est soumis au code de la commande publique",
        "nos clients sont soumis aux marchés publics, on a droit au guichet vert ?",
        "une entreprise privée non soumise au code de la commande publique",
    ],
)
def test_bound_by_the_code_is_said_of_the_buyer_only(text: str) -> None:
    assert not says_bound_by_code(text)


def test_a_grouping_of_local_authorities_named_in_full_is_bound() -> None:
    reply = answer(
        "ask_agec",
        "on est un établissement public de coopération intercommunale, l'article 58 s'applique ?",
        buyer_type="etablissement_public",
        buyer_in_message="etablissement_public",
    )
    assert reply.startswith("Oui")


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("ask_ecolabels", "l'écolabel européen, c'est en vigueur ?"),  # a yes or no, not since when
        ("ask_reserved_contracts", "la réservation aux entreprises en prison, c'est depuis quand ?"),  # 2022
    ],
)
def test_no_unknown_start_where_none_is_asked_or_a_creating_text_dates_it(intent: str, text: str) -> None:
    assert not answer(intent, text, last_answer="…").startswith("Je n'ai pas cette date")


def test_sub_criteria_are_no_money() -> None:
    assert not asks_money("combien de sous-critères environnementaux peut-on mettre ?")


def test_the_price_as_a_criterion_a_few_words_apart() -> None:
    assert COST not in aspects("le prix peut-il rester un critère ?")


def test_a_term_named_as_the_setting_is_no_subject() -> None:
    assert not answer("ask_ecolabels", "quels labels exiger pour des EPI ?", confidence=0.5).startswith(
        "Un équipement"
    )
    assert named_as_setting(next(e for e in find_terms("pour des EPI") if e.id == "epi"), "pour des EPI")


def test_buying_direct_is_no_request_to_skip_the_referents() -> None:
    text = "je suis en préfecture, on fait un achat en direct, le guichet vert peut aider ?"
    assert not DIRECT_ASKED.search(question_form(text))
