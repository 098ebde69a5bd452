"""Routing and understanding of issue 11: aspects, follow-ups, national vs local, buyer types, figures.

Pure functions (actions/routing.py, actions/understanding.py, actions/followup.py) and the rule-based
NLU parts (nlu_components/buyer_type.py, the terse places of nlu_components/location_extractor.py).
"""

from __future__ import annotations

import signal
from dataclasses import replace
from typing import List, Optional

import pytest

import places
from actions.focus import stem
from actions.glossary_route import term_replies
from actions.knowledge import knowledge_base
from actions.reply import HANDOFF_PAYLOAD
from actions.route_types import ASK_LOCATION, Context, Outcome
from actions.routing import route
from actions.topics import defined_words
from actions.understanding import (
    COST,
    FIGURE,
    NATIONAL,
    asks_what_it_is,
    aspects,
    counted_noun,
    is_elliptical,
    is_national,
    named_topics,
    states_count,
)
from nlu_components.buyer_type import BuyerTypeRules, find_buyer_types
from nlu_components.location_extractor import LocationExtractor

KNOWLEDGE = knowledge_base()


def place(key: str):
    found = places.resolve_key(key)
    assert found is not None
    return found


def run(intent: str, text: str, question: Optional[str] = None, **fields) -> Outcome:
    in_message = fields.pop("place_in_message", None)
    remembered = fields.pop("place", None)
    ctx = Context(
        intent=intent,
        text=text,
        question=question if question is not None else (intent if intent.startswith("ask_") else None),
        place_in_message=place(in_message) if in_message else None,
        place=place(in_message or remembered) if (in_message or remembered) else None,
        **fields,
    )
    return route(KNOWLEDGE, ctx)


def text_of(outcome: Outcome) -> str:
    return "\n".join(reply.text for reply in outcome.replies)


# --- aspects ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "national"),
    [
        ("combien y a-t-il de facilitateurs en France ?", True),
        ("qui anime le réseau des facilitateurs ?", True),
        ("depuis quand existent les réseaux ?", True),
        ("je cherche le facilitateur de mon territoire", False),
        ("quel est mon réseau régional ?", False),
        ("comment trouver mon facilitateur ?", False),
    ],
)
def test_national_questions_are_told_from_local_ones(text: str, national: bool) -> None:
    assert is_national(text) is national


def test_aspects_of_follow_ups() -> None:
    assert COST in aspects("et ça coûte combien ?")
    assert COST not in aspects("comment calculer le coût du cycle de vie dans une offre ?")  # a method
    assert FIGURE in aspects("quel est le budget du guichet vert ?")
    assert NATIONAL not in aspects("on le joint comment ?")


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("combien de facilitateurs en France ?", "facilitateurs"),
        ("combien de nouveaux postes de facilitateurs ?", "postes"),
        ("il a combien d'actions ?", "actions"),
        ("ça coûte combien ?", None),
    ],
)
def test_the_counted_noun(text: str, noun: Optional[str]) -> None:
    assert counted_noun(text) == noun


def test_a_count_is_known_only_when_the_text_gives_it() -> None:
    facilitators = KNOWLEDGE.topics["ask_facilitator"].text
    assert states_count(facilitators, "facilitateurs")
    assert not states_count(KNOWLEDGE.topics["ask_guichet_vert"].answer, "demandes")
    assert states_count(KNOWLEDGE.topics["ask_pnad"].answer, "actions")


# --- national vs local ------------------------------------------------------------------------------------


def test_national_facilitator_facts_are_answered_without_asking_a_place() -> None:
    outcome = run("ask_facilitator", "combien y a-t-il de facilitateurs en France ?")
    text = text_of(outcome)
    assert "500" in text and ASK_LOCATION not in text
    assert "dites-moi où vous travaillez" not in text  # holdout 15: a button offers the local one
    assert "/ask_facilitator" in {button["payload"] for reply in outcome.replies for button in reply.buttons}


def test_a_local_facilitator_question_asks_the_place() -> None:
    outcome = run("ask_facilitator", "je cherche le facilitateur de mon territoire")
    assert text_of(outcome).endswith(ASK_LOCATION) and outcome.awaiting_location


def test_national_network_question_gets_the_overview() -> None:
    text = text_of(run("ask_network", "combien de réseaux régionaux en France ?"))
    assert "11 réseaux régionaux" in text  # the figure asked leads; who runs them is in the details


def test_a_place_in_the_message_wins_over_a_national_wording() -> None:
    text = text_of(
        run("ask_network", "puis-je adhérer à un réseau régional ?", place_in_message="commune:49007")
    )
    assert "RESECO" in text


def test_the_national_button_payload_gets_the_overview() -> None:
    text = text_of(run("ask_network", '/ask_network{"aspect": "national"}', place="commune:35238"))
    assert "11 réseaux régionaux" in text


# --- follow-ups and details given alone -------------------------------------------------------------------


def test_follow_up_on_the_cost_of_the_guichet_vert_says_it_is_free() -> None:
    outcome = run("follow_up", "et ça coûte combien ?", question="ask_guichet_vert")
    assert "gratuit" in text_of(outcome)


def test_follow_up_on_how_to_reach_the_guichet_vert() -> None:
    assert "formulaire" in text_of(run("follow_up", "on le joint comment ?", question="ask_guichet_vert"))


def test_follow_up_on_who_may_join_rapidd() -> None:
    text = text_of(run("follow_up", "et qui peut s'y inscrire ?", question="ask_rapidd"))
    assert "compte" in text or "acheteurs publics" in text


def test_et_pour_another_city_reanswers_the_network() -> None:
    text = text_of(run("inform", "et pour Caen ?", question="ask_network", place_in_message="commune:14118"))
    assert "RAN COPER" in text


def test_a_place_after_a_question_that_does_not_depend_on_it_gives_the_local_desk() -> None:
    text = text_of(run("inform", "je suis à Lyon", question="ask_agec", place_in_message="commune:69123"))
    assert "AURA-EE" in text and "guichet vert" in text


def test_a_place_after_a_message_not_understood_answers_its_likeliest_question() -> None:
    outcome = run(
        "inform",
        "Rennes",
        question=None,
        place_in_message="commune:35238",
        pending="ask_facilitator",
        after_clarify=True,
    )
    assert "Rennes" in text_of(outcome) and outcome.question == "ask_facilitator"


def test_a_follow_up_without_any_question_is_not_answered_by_routing() -> None:
    # the action then says out of scope or asks to rephrase (actions.actions.not_answered)
    assert run("follow_up", "c'est payant ?", question=None).replies == []


def test_a_follow_up_that_names_another_topic_answers_that_topic() -> None:
    outcome = run("follow_up", "et l'adhésion au CNA, ça coûte combien ?", question="ask_guichet_vert")
    assert outcome.question == "ask_cna" and "pas ce chiffre" in text_of(outcome)


def test_who_can_help_from_an_unknown_buyer_gives_public_then_private_support() -> None:
    text = text_of(run("ask_private_support", "qui peut m'aider pour mes achats durables ?"))
    assert text.index("guichet vert") < text.index("Conseillers-Entreprises")


def test_a_place_only_message_is_inform() -> None:
    from nlu_components.location_extractor import LocationExtractor
    from nlu_components.place_only import only_places

    extractor = LocationExtractor({})
    for text in ("Rennes", "et pour Caen ?", "non, plutôt en Bretagne"):
        assert only_places(text, extractor.extract(text)), text
    assert not only_places("quel réseau pour Lyon ?", extractor.extract("quel réseau pour Lyon ?"))


# --- buyer types ------------------------------------------------------------------------------------------


def test_a_public_buyer_asking_who_can_help_gets_public_support() -> None:
    outcome = run(
        "ask_private_support",
        "je travaille à la mairie de Metz, qui peut m'aider ?",
        place_in_message="commune:57463",
        buyer_type="collectivite",
    )
    text = text_of(outcome)
    assert "guichet vert" in text and "CCI" not in text and "Les entreprises s'engagent" not in text


def test_a_private_buyer_asking_who_can_help_gets_private_support() -> None:
    text = text_of(run("ask_private_support", "je suis une PME, qui peut m'aider ?", buyer_type="tpe_pme"))
    assert "Conseillers-Entreprises" in text


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "je précise : je travaille pour une société privée, pas pour une mairie",
            "entreprise",
            "collectivite",
        ),
        ("Je ne suis pas une collectivité, je suis une entreprise", "entreprise", "collectivite"),
        ("Je ne travaille pas pour l'État mais pour une PME", "tpe_pme", "etat"),
    ],
)
def test_negated_buyer_types_are_dropped(text: str, kept: str, dropped: str) -> None:
    diet = [
        {
            "entity": "buyer_type",
            "value": value,
            "start": m["start"],
            "end": m["end"],
            "extractor": "DIETClassifier",
        }
        for m in find_buyer_types(text)
        for value in [m["value"]]
    ]
    values = [e["value"] for e in BuyerTypeRules().reconcile(text, diet) if e["entity"] == "buyer_type"]
    assert kept in values and dropped not in values


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Je suis au service marchés de l'agglomération de Limoges", "collectivite"),
        ("acheteur dans un ministère", "etat"),
        ("on est un CHU", "hopital"),
        ("je suis au CCAS", "etablissement_public"),
    ],
)
def test_public_bodies_are_buyer_types(text: str, value: str) -> None:
    found: List = BuyerTypeRules().reconcile(text, [])
    assert [e["value"] for e in found] == [value]


def test_a_supplier_company_is_not_the_buyer() -> None:
    assert BuyerTypeRules().reconcile("réserver le marché à une entreprise adaptée", []) == []
    assert BuyerTypeRules().reconcile("les entreprises s'engagent, c'est quoi ?", []) == []


# --- unknown figures, definitions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("ask_guichet_vert", "quel est le budget du guichet vert ?"),
        ("ask_guichet_vert", "combien de demandes le guichet vert reçoit-il par an ?"),
        ("ask_network", "combien coûte l'adhésion au réseau régional ?"),
        ("ask_rapidd", "combien de membres compte RAPIDD ?"),
    ],
)
def test_an_unknown_figure_is_said_unknown_first(intent: str, text: str) -> None:
    outcome = run(intent, text)
    assert outcome.replies[0].text.startswith("Je n'ai pas ce chiffre")
    # then where to ask: in the same reply, or in the usual answer that follows (issue 11: kept short)
    assert len(outcome.replies) >= 2 or "pourr" in outcome.replies[0].text
    # Issue 13: a figure the assistant does not have is a question to hand over to the guichet vert.
    assert [b["payload"] for b in outcome.replies[0].buttons] == [HANDOFF_PAYLOAD]


@pytest.mark.parametrize(
    ("intent", "text", "fact"),
    [
        ("ask_facilitator", "combien de facilitateurs en France ?", "500"),
        ("ask_guichet_vert", "le guichet vert coûte combien ?", "gratuit"),
        ("ask_marche_inclusion", "combien de structures sur le marché de l'inclusion ?", "7 000"),
    ],
)
def test_a_known_figure_is_answered(intent: str, text: str, fact: str) -> None:
    text_out = text_of(run(intent, text))
    assert fact in text_out and "pas ce chiffre" not in text_out


def test_agec_definition() -> None:
    text = text_of(run("ask_agec", "la loi AGEC, ça veut dire quoi ?"))
    assert "anti-gaspillage pour une économie circulaire" in text and "2020-105" in text


def test_agec_with_a_product_stays_the_applicability_answer() -> None:
    text = text_of(run("ask_agec", "c'est quoi la loi agec pour des chaises de bureau ?"))
    assert "Mobilier" in text


# --- terse places -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("réseau 33", "departement:33"),
        ("facilitateur 35 ?", "departement:35"),
        ("aide achats durables 35", "departement:35"),
        ("guichet vert dijon", "commune:21231"),
        ("brest métropole", "commune:29019"),
    ],
)
def test_terse_places_are_found(text: str, key: str) -> None:
    assert [e["value"] for e in LocationExtractor({}).extract(text)] == [key]


@pytest.mark.parametrize(
    "text",
    ["quel est le prix de 35 euros", "les tours de la cathédrale", "bonjour", "nos achats 35 000 € HT"],
)
def test_no_place_is_invented(text: str) -> None:
    assert LocationExtractor({}).extract(text) == []


def test_one_per_region_is_a_known_count() -> None:
    text = text_of(run("ask_facilitator", "combien de coordinateurs des clauses sociales par région ?"))
    assert "un coordinateur par région" in text and "pas ce chiffre" not in text


def test_an_agec_question_read_as_another_topic_is_answered_as_agec() -> None:
    outcome = run("ask_environmental_considerations", "la loi AGEC pour nos tondeuses et souffleurs ?")
    assert "espaces verts" in text_of(outcome) and outcome.question == "ask_agec"


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("ask_pnad", "il existe un portail national pour les achats durables ?", "guides et outils"),
        ("nlu_fallback", "c'est quoi le site achats-durables.gouv.fr ?", "guides et outils"),
        ("ask_guichet_vert", "où trouver des formations gratuites sur l'achat durable ?", "CNFPT"),
        ("inform", "on voudrait former nos acheteurs aux achats responsables", "recense des formations"),
    ],
)
def test_the_national_portal_and_training_are_answered_whatever_the_question(
    intent: str, text: str, expected: str
) -> None:
    assert expected in text_of(run(intent, text))


def test_a_topic_named_with_a_subject_of_the_glossary_is_answered_by_the_topic() -> None:
    text = text_of(run("ask_guichet_vert", "le guichet vert propose des formations ?"))
    assert "guichet" in text and "recense des formations" not in text


def test_a_topic_named_in_the_message_wins_over_the_glossary() -> None:
    text = text_of(run("ask_biosourced_label", "c'est quoi le label bâtiment biosourcé ?"))
    assert "trois niveaux" in text


@pytest.mark.parametrize(
    ("text", "elliptical"),
    [
        ("les entreprises privées peuvent le saisir ?", True),
        ("et qui peut s'y inscrire ?", True),
        ("c'est payant ?", True),
        ("quel est le budget du projet de construction de la nouvelle école ?", False),
    ],
)
def test_elliptical_follow_ups(text: str, elliptical: bool) -> None:
    from actions.understanding import is_elliptical

    assert is_elliptical(text) is elliptical


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("quel est le numéro de téléphone du guichet vert ?", "Je n'ai pas de numéro"),
        ("qui est la directrice du guichet vert ?", "Je n'ai pas le nom"),
        ("c'est quand le prochain webinaire du guichet vert ?", "Je n'ai pas cette information"),
    ],
)
def test_details_the_knowledge_never_holds_are_said_unknown(text: str, start: str) -> None:
    assert run("ask_guichet_vert", text).replies[0].text.startswith(start)


def test_in_my_region_uses_the_remembered_place() -> None:
    outcome = run("follow_up", "et dans ma région ?", question="ask_pnad", place="commune:69123")
    assert "AURA-EE" in text_of(outcome)


def test_an_agec_rate_the_knowledge_lacks_is_said_unknown_first() -> None:
    outcome = run("ask_agec", "quel taux de réemploi pour le papier en 2027 ?")
    assert outcome.replies[0].text.startswith("Je n'ai pas ce chiffre") and "Papier" in text_of(outcome)


def test_a_known_agec_rate_is_answered() -> None:
    outcome = run("ask_agec", "quel pourcentage de recyclé pour les textiles en 2024 ?")
    assert not outcome.replies[0].text.startswith("Je n'ai pas") and "20 %" in text_of(outcome)


def test_a_national_directory_question_is_national() -> None:
    text = text_of(run("ask_facilitator", "existe-t-il un annuaire national des facilitateurs ?"))
    assert "Alliance Villes Emploi" in text and ASK_LOCATION not in text


def test_a_two_part_question_gets_both_answers() -> None:
    text = text_of(
        run(
            "ask_network",
            "quel réseau pour Nantes, et comment saisir le guichet vert ?",
            place_in_message="commune:44109",
        )
    )
    assert "RESECO" in text and ("formulaire" in text or "en ligne" in text)


def test_a_single_question_naming_two_topics_gets_one_answer() -> None:
    outcome = run("ask_guichet_vert", "le guichet vert est-il porté par le réseau régional ?")
    assert len(outcome.replies) == 1


def test_the_local_desk_given_for_a_place_becomes_the_current_question() -> None:
    outcome = run("inform", "je suis à Lyon", question="ask_agec", place_in_message="commune:69123")
    assert outcome.question == "ask_guichet_vert"


def test_a_product_given_alone_is_an_agec_question() -> None:
    outcome = run(
        "inform", "c'est pour des chaises", question="ask_guichet_vert", product_in_message="mobilier"
    )
    assert "Mobilier" in text_of(outcome) and outcome.question == "ask_agec"


# --- knowledge questions (dev set tests/dev/knowledge_questions.yml) ------------------------------------


def test_a_count_in_chat_spelling_is_a_national_question() -> None:
    answer = text_of(run("ask_facilitator", "ils sont cb les facilitateurs en france ?"))
    assert "500" in answer
    assert ASK_LOCATION not in answer


def test_the_year_networks_were_created_is_national() -> None:
    assert is_national("les premiers réseaux ont été créés en quelle année ?")
    assert "2002" in text_of(run("ask_network", "les premiers réseaux ont été créés en quelle année ?"))


def test_coverage_question_leads_with_the_coverage_sentence() -> None:
    answer = text_of(run("ask_guichet_vert", "le guichet vert est-il disponible dans toutes les régions ?"))
    assert answer.startswith("Le guichet vert couvrait")


def test_a_count_of_agec_categories_is_answered() -> None:
    answer = text_of(run("ask_agec", "le décret AGEC couvre combien de catégories de produits ?"))
    assert "17 catégories" in answer
    assert "pas ce chiffre" not in answer


def test_the_sentence_of_a_long_bullet_that_answers_leads() -> None:
    answer = text_of(run("ask_agec", "si on n'atteint pas les taux AGEC, il y a une sanction ?"))
    assert "ne prévoit pas de sanction" in answer


def test_a_bullet_that_leads_reads_as_a_sentence() -> None:
    answer = text_of(
        run(
            "ask_private_support",
            "je suis dans une PME, qui peut m'aider pour des achats responsables ?",
            buyer_type="tpe_pme",
        )
    )
    assert answer.startswith("Des acteurs privés et publics vous accompagnent :\n• La Place des Entreprises")
    assert answer.split("\n")[1].endswith("la RSE.")


def test_which_article_says_so_leads_with_the_sentence_that_cites_it() -> None:
    text = "quel article du code de la commande publique permet de réserver un marché aux SIAE ?"
    answer = text_of(run("ask_reserved_contracts", text))
    assert answer.startswith("Vous pouvez réserver un marché, ou certains de ses lots :\n• aux structures")
    assert "(article L. 2113-13)." in answer.split("\n")[1]
    cited = text_of(run("ask_reserved_contracts", "l'article R. 2113-7, il fixe quoi ?"))
    assert cited.startswith("Pour ces trois réservations, l'article R. 2113-7 fixe à au moins 50 %")


def test_a_law_the_knowledge_does_not_cover_is_said_unknown() -> None:
    answer = text_of(run("ask_agec", "la loi EGalim impose combien de bio en restauration collective ?"))
    assert answer.startswith("Je n'ai pas d'information sur la loi EGalim dans mes sources")
    assert "AGEC" not in answer


def test_a_covered_law_named_with_an_uncovered_one_is_answered_after_the_note() -> None:
    outcome = run("ask_agec", "Quelle différence entre la loi AGEC et la loi EGalim ?")
    assert outcome.replies[0].text.startswith("Je n'ai pas d'information sur la loi EGalim")
    assert "loi AGEC" in outcome.replies[1].text


def test_a_known_article_is_answered_by_the_topic_citing_it() -> None:
    outcome = run("ask_agec", "L'article L. 2113-13, il dit quoi ?")
    assert outcome.question == "ask_reserved_contracts"
    assert "(article L. 2113-13)" in text_of(outcome)
    ranged = run("ask_agec", "Les articles L. 2113-12 à L. 2113-16, ça dit quoi ?")
    assert ranged.replies[0].text.startswith("Je n'ai pas le contenu des articles L. 2113-14, L. 2113-15 et")
    assert ranged.question == "ask_reserved_contracts"


def test_the_date_of_a_guide_asked_is_given_by_the_guide_reply() -> None:
    answer = text_of(run("ask_social_clause", "Le guide sur les clauses sociales existe depuis quand ?"))
    assert answer.startswith("Les documents de référence :") and "édition 2022" in answer


def test_several_unknown_articles_are_named_in_the_plural() -> None:
    answer = text_of(run("ask_ecolabels", "et les articles R. 2152-8 et R. 2152-9 ?"))
    assert answer.startswith("Je n'ai pas le contenu des articles R. 2152-8 et R. 2152-9")
    assert "ne pas les résumer" in answer and "lisez-les" in answer


def test_long_words_do_not_stall_the_definition_patterns() -> None:
    """Nested quantifiers over one long word backtracked for minutes (found by a review)."""
    signal.signal(signal.SIGALRM, lambda *_: pytest.fail("a definition pattern backtracks"))
    signal.alarm(5)
    try:
        assert not asks_what_it_is("qu'est-ce que le " + "a" * 1900 + " b c d e f g h i j")
        defined_words("a" * 1900 + " b c d e f, ça veut dire quoi ?")
    finally:
        signal.alarm(0)


def test_a_bullet_means_what_its_introduction_says() -> None:
    question = "Réserver un marché aux ESAT, c'est quel article du code ?"
    assert "(article L. 2113-12)" in text_of(run("ask_reserved_contracts", question)).split("\n")[1]


def test_an_article_no_knowledge_cites_is_said_unknown() -> None:
    outcome = run("ask_agec", "l'article L. 2112-4 ça dit quoi ?")
    assert text_of(outcome).startswith("Je n'ai pas le contenu de l'article L. 2112-4 dans mes sources")
    assert [item.title for item in outcome.replies[0].links] == ["Code de la commande publique (Légifrance)"]
    other = run("ask_social_clause", "que dit l'article L. 1221-1 du code du travail ?")
    assert "dans le texte que vous citez" in text_of(other) and not other.replies[0].links
    assert "R. 2111-12 à R. 2111-17" in text_of(run("ask_ecolabels", "R. 2111-14 ?"))  # inside a cited range


def test_a_prefix_shared_by_two_words_does_not_pick_a_sentence() -> None:
    """« syndicat intercommunal » says nothing of the « associations intermédiaires » of the SIAE bullet."""
    assert stem("intercommunal") != stem("intermediaires")
    assert stem("internationaux") == stem("international")
    text = "notre syndicat intercommunal voudrait réserver son marché à un ESAT, c'est possible ?"
    answer = text_of(run("ask_reserved_contracts", text))
    assert "ESAT" in answer.split("\n")[0]


def test_a_share_asked_for_a_product_is_no_glossary_question() -> None:
    text = "quel objectif de réemploi pour le mobilier de bureau, et qui peut nous aider ?"
    ctx = Context(intent="follow_up", text=text, question=None)
    assert term_replies(KNOWLEDGE, ctx) == []
    assert term_replies(KNOWLEDGE, replace(ctx, text="le réemploi, ça désigne quoi au juste ?"))


def test_who_coordinates_the_networks_names_who_first() -> None:
    answer = text_of(run("ask_network", "qui coordonne les réseaux régionaux au niveau national ?"))
    assert answer.startswith("Depuis 2013, le CGDD anime ces réseaux")


def test_who_helps_an_unknown_buyer_says_it_once() -> None:
    answer = text_of(run("ask_private_support", "qui peut m'aider pour mes achats responsables ?"))
    assert answer.startswith("Si vous êtes acheteur public, vous pouvez vous appuyer gratuitement")


def test_an_unknown_national_fact_is_followed_by_the_national_answer() -> None:
    answer = text_of(run("ask_network", "Qui finance les réseaux régionaux ?"))
    assert answer.startswith("Je n'ai pas cette information")
    # a national fact follows (issue 11: the unknown answer stays short, so not the whole national text)
    assert ("11 réseaux régionaux" in answer or "CGDD" in answer) and ASK_LOCATION not in answer
    local = text_of(run("ask_network", "quel est le budget du réseau de ma région ?"))
    assert "je vous dirai quel réseau vous concerne" in local  # the buyer's own network: where?


def test_a_national_answer_does_not_ask_the_place() -> None:
    answer = text_of(run("ask_network", "combien de réseaux régionaux existe-t-il ?"))
    assert "11 réseaux régionaux" in answer
    assert answer.count("-moi") == 0  # holdout 15: the place is asked only for the buyer's own network


def test_whether_a_facilitator_is_mandatory_is_answered() -> None:
    answer = text_of(run("ask_facilitator", "passer par un facilitateur, c'est obligatoire ?"))
    assert "pas obligatoire" in answer


def test_the_networks_overview_says_what_they_do_first() -> None:
    answer = text_of(run("ask_network", "un réseau régional d'achats durables, c'est quoi ?"))
    assert answer.startswith("Les réseaux régionaux d'achats durables accompagnent")


def test_a_pronoun_refers_to_the_previous_question_whatever_topic_diet_guessed() -> None:
    outcome = run(
        "ask_conseillers_entreprises", "qui l'a mis en place ?", previous_question="ask_guichet_vert"
    )
    assert "CGDD" in text_of(outcome)
    assert outcome.question == "ask_guichet_vert"


def test_which_one_asks_about_the_previous_answer() -> None:
    outcome = run(
        "ask_network", "et laquelle concerne les réseaux territoriaux ?", previous_question="ask_pnad"
    )
    assert "Action 16" in text_of(outcome)


def test_a_new_topic_named_is_not_a_reference_back() -> None:
    outcome = run("ask_rapidd", "c'est quoi RAPIDD ?", previous_question="ask_guichet_vert")
    assert "communauté des achats durables" in text_of(outcome)


def test_a_national_scope_wins_over_the_place_of_the_message() -> None:
    text = text_of(
        run(
            "ask_facilitator",
            "je suis à Rennes mais ma question est générale : combien de facilitateurs en France ?",
            place_in_message="commune:35238",
        )
    )
    assert "500" in text
    assert "pas ce chiffre" not in text


def test_a_count_asked_for_a_place_alone_is_unknown() -> None:
    text = text_of(
        run(
            "follow_up",
            "et rien qu'en Normandie, combien ?",
            question="ask_facilitator",
            place_in_message="region:28",
        )
    )
    assert text.startswith("Je n'ai pas ce chiffre")


def test_a_follow_up_that_matches_a_suggestion_answers_it() -> None:
    outcome = run("follow_up", "où les trouver ?", question="ask_reserved_contracts")
    assert "Marché de l'inclusion" in text_of(outcome)
    assert outcome.question == "ask_marche_inclusion"


def test_a_term_given_alone_after_a_definition_is_defined() -> None:
    assert "Maisons de l'emploi" in text_of(run("inform", "et une MDE ?", question="ask_facilitator"))


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        ("ask_agec", "réemploi ou réutilisation, c'est pareil ?", "ne sont pas des déchets"),
        (
            "ask_agec",
            "La loi anti-gaspillage, de quoi parle-t-on ?",
            "anti-gaspillage pour une économie circulaire",
        ),
    ],
)
def test_definitions_in_other_words(intent: str, text: str, expected: str) -> None:
    assert expected in text_of(run(intent, text))


def test_a_price_in_other_words_is_an_unknown_cost() -> None:
    text = text_of(run("ask_cci", "une formation à la CCI, ça revient à combien ?"))
    assert text.startswith("Je n'ai pas ce chiffre")


def test_impersonal_il_y_a_does_not_hide_a_reference_back() -> None:
    outcome = run("ask_ecolabels", "et il y a un label pour ça ?", previous_question="ask_biosourced")
    assert "bâtiment biosourcé" in text_of(outcome)


def test_a_long_what_is_it_question_gets_the_short_answer() -> None:
    text = text_of(
        run(
            "ask_pnad",
            "je débute dans la commande publique et on parle du PNAD partout : c'est quoi exactement ?",
        )
    )
    assert text.startswith("Le PNAD")


@pytest.mark.parametrize(
    ("text", "what_is_it"),
    [
        ("qu'est-ce que le PNAD ?", True),
        ("qu'est-ce que la loi climat et résilience ?", True),
        ("en quoi consiste le guichet vert ?", True),
        ("qu'appelle-t-on un marché réservé ?", True),
        ("à quoi correspond le SPASER", True),
        ("que recouvre la notion de clause sociale ?", True),
        ("qu'est-ce que la loi AGEC impose aux communes ?", False),
        ("qu'est-ce que le guichet vert peut faire pour moi ?", False),
        ("qu'est-ce que je dois faire ?", False),
    ],
)
def test_definition_questions_in_their_usual_forms(text: str, what_is_it: bool) -> None:
    assert asks_what_it_is(text) is what_is_it


def test_what_a_law_is_is_its_definition() -> None:
    answer = text_of(run("ask_climate_law", "qu'est-ce que la loi climat et résilience ?"))
    assert "2021" in answer.split("\n")[0]
    quick = text_of(run("ask_climate_law", "La loi Climat et résilience, définition rapide svp"))
    assert quick.startswith("La loi Climat et résilience est la loi n° 2021-1104")  # « rapide » is no term
    other_term = text_of(run("ask_climate_law", "C'est quoi le coût global ?"))
    assert "coût global" in other_term.split("\n")[0]  # the term asked, not the law's definition


def test_donations_in_the_agec_declaration() -> None:
    assert "dons" in text_of(
        run("ask_agec_declaration", "peut-on compter les dons dans la déclaration AGEC ?")
    )


def test_a_count_of_people_is_answered_by_the_count_of_facilitators() -> None:
    text = text_of(run("ask_facilitator", "le réseau des facilitateurs compte combien de personnes ?"))
    assert "500" in text
    assert "pas ce chiffre" not in text
    assert text_of(run("ask_guichet_vert", "combien de personnes travaillent au guichet vert ?")).startswith(
        "Je n'ai pas ce chiffre"
    )


def test_what_is_the_named_topic_wins_over_another_intent() -> None:
    text = text_of(run("ask_agec", "j'entends parler du PNAD partout : c'est quoi exactement ?"))
    assert text.startswith("Le PNAD")


def test_a_when_question_alone_is_elliptical() -> None:
    assert is_elliptical("à partir de quand ?")
    assert "2026" in text_of(run("follow_up", "à partir de quand ?", question="ask_climate_law"))


def test_a_rate_asked_about_a_service_is_unknown() -> None:
    text = text_of(
        run("ask_guichet_vert", "quel est le taux de satisfaction des acheteurs du guichet vert ?")
    )
    assert text.startswith("Je n'ai pas ce chiffre")


def test_a_number_does_not_count_the_noun_of_the_next_sentence() -> None:
    assert not states_count("Il couvre ces deux secteurs. Publier une annonce aide.", "annonces")
    assert states_count("Il référence plus de 7 000 structures.", "structures")


def test_an_introduction_leads_with_its_bullets() -> None:
    text = text_of(run("ask_network", "quels sont les objectifs de l'inter-réseaux ?"))
    assert "synergie" in text and "actions collectives" in text


def test_joining_the_networks_follow_up_names_rapidd() -> None:
    assert "RAPIDD" in text_of(run("follow_up", "et pour les rejoindre ?", question="ask_network"))


def test_a_state_buyer_is_sent_to_internal_referents_first() -> None:
    text = text_of(run("ask_guichet_vert", "je saisis directement le guichet vert ?", buyer_type="etat"))
    assert text.startswith("Acheteurs de l'État")


def test_a_term_that_contains_a_topic_name_is_defined() -> None:
    text = text_of(run("ask_social_clause", "un coordinateur de la clause sociale, c'est quoi son rôle ?"))
    assert "coordonner l'action des facilitateurs" in text
    label = text_of(run("ask_biosourced_label", "le label bâtiment biosourcé, c'est quoi ?"))
    assert label.startswith("Le label « bâtiment biosourcé »")


# --- a regional structure named by its own name --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "network"),
    [
        ("c'est quoi RESECO ?", "reseco"),
        ("le guichet vert de l'ARBE, c'est pour qui ?", "arbe-paca"),
        ("Rés'Occ existe depuis quand ?", "res-occ"),
        ("resocc", "res-occ"),
        ("le RREDD organise quoi ?", "aura-ee-rredd"),
        ("ma commune est dans le Nord", None),
        ("un arbre à planter", None),
    ],
)
def test_a_structure_is_recognised_by_its_own_name(text: str, network: Optional[str]) -> None:
    found = KNOWLEDGE.network_named(text)
    assert (found.id if found else None) == network


def test_a_named_network_answers_for_its_region_without_moving_the_buyer() -> None:
    outcome = run("ask_networks_overview", "c'est quoi RESECO ?", place="commune:69123")
    assert outcome.question == "ask_network"
    assert "RESECO" in outcome.replies[0].text and "Lyon" not in outcome.replies[0].text


def test_the_guichet_vert_of_a_named_structure_is_its_region_s() -> None:
    outcome = run("ask_guichet_vert", "le guichet vert de l'ARBE, c'est pour qui ?", place="commune:69123")
    assert "ARBE" in outcome.replies[0].text and "AURA-EE" not in outcome.replies[0].text


@pytest.mark.parametrize(
    ("intent", "text", "first"),
    [
        # the person asked is named (actions/unknown_subject.py)
        (
            "ask_network",
            "qui dirige le réseau RESECO ?",
            "Je n'ai pas le nom de la personne qui dirige le réseau",
        ),
        (
            "ask_guichet_vert",
            "qui finance le guichet vert ?",
            "Je n'ai pas cette information : le financement",
        ),
        # (the facilitators' posts are cofunded by the State's calls for projects: known, see
        # tests/test_social_clauses_14.py)
        (
            "ask_rapidd",
            "RAPIDD est payé par qui ?",
            "Je n'ai pas cette information : le fin",
        ),
        ("ask_network", "le réseau 3AR propose des formations ?", "Je n'ai pas le détail de leur programme"),
    ],
)
def test_details_the_knowledge_does_not_hold_are_said_first(intent: str, text: str, first: str) -> None:
    outcome = run(intent, text)
    assert outcome.replies[0].text.startswith(first)
    assert len(outcome.replies) == 2  # then the usual answer of the topic


def test_a_training_market_is_not_a_question_on_a_structure_s_programme() -> None:
    text = "Je lance un marché de formation des assistants maternels : quelles considérations vertes ?"
    outcome = run("ask_environmental_considerations", text)
    assert not outcome.replies[0].text.startswith("Je n'ai pas le détail")


def test_a_short_continuation_stays_on_the_topic_just_answered() -> None:
    """ "et qui délivre le label ?" after the biosourced label, read confidently as another topic."""
    outcome = run(
        "ask_cna", "et qui délivre le label ?", previous_question="ask_biosourced_label", confidence=0.9
    )
    assert outcome.question == "ask_biosourced_label"
    switched = run("ask_pnad", "et le PNAD ?", previous_question="ask_guichet_vert", confidence=0.9)
    assert "PNAD" in switched.replies[0].text  # a topic named: the conversation moves to it


def test_is_it_compulsory_is_answered_by_the_sentence_on_the_obligation() -> None:
    outcome = run(
        "follow_up",
        "c'est obligatoire ?",
        question="ask_social_clause",
        previous_question="ask_social_clause",
    )
    assert "obligatoire" in outcome.replies[0].text.split("\n")[0]


def test_declaring_after_an_agec_answer_is_the_declaration_topic() -> None:
    outcome = run(
        "follow_up", "et on le déclare comment ?", question="ask_agec", previous_question="ask_agec"
    )
    assert outcome.question == "ask_agec_declaration"
    assert "data.gouv.fr" in outcome.replies[0].text


def test_who_leads_the_networks_nationally_is_answered_first() -> None:
    outcome = run("ask_network", "qui pilote les réseaux territoriaux au niveau national ?")
    assert "CGDD" in outcome.replies[0].text.split("\n")[0]


def test_how_many_disabled_workers_is_answered_by_the_minimum_share() -> None:
    outcome = run(
        "follow_up",
        "il faut combien de travailleurs handicapés dans l'entreprise ?",
        question="ask_reserved_contracts",
        previous_question="ask_reserved_contracts",
    )
    assert "50 %" in outcome.replies[0].text.split("\n")[0]
    assert "unknown figure" not in outcome.notes


def test_a_share_of_workers_does_not_count_contracts() -> None:
    outcome = run(
        "ask_reserved_contracts", "Combien de marchés réservés aux ESAT ont été notifiés l'an dernier ?"
    )
    assert "unknown figure" in outcome.notes


def test_a_first_question_answered_by_its_sentences_keeps_the_topic_details() -> None:
    """« En savoir plus » must still work after "je voudrais un conseil environnemental gratuit"."""
    outcome = run("ask_guichet_vert", "je voudrais un conseil environnemental gratuit pour un achat")
    assert "gratuit" in outcome.replies[0].text and outcome.replies[0].details


def test_a_public_buyer_without_a_body_named_is_acknowledged_as_public() -> None:
    assert "vous êtes acheteur public" in text_of(run("inform", "je suis acheteur public"))
    assert "relèvent du privé" in text_of(run("inform", "je travaille dans le privé"))


def test_a_year_asked_after_an_agec_answer_is_the_rate_of_the_remembered_product() -> None:
    outcome = run(
        "follow_up",
        "et pour 2030 ?",
        "ask_agec",
        previous_question="ask_agec",
        product="mobilier",
        buyer_type="collectivite",
    )
    assert text_of(outcome).startswith("Je n'ai pas ce chiffre : le taux 2030 de la catégorie « Mobilier")


def test_a_rate_asked_without_product_uses_the_product_given_before() -> None:
    text = text_of(run("ask_agec", "quel taux AGEC ?", product="mobilier", buyer_type="collectivite"))
    assert "Mobilier" in text and "20 %" in text


def test_an_open_question_on_agec_gets_no_yes_that_answers_nothing_asked() -> None:
    opened = text_of(
        run("ask_agec", "la loi AGEC impose quoi pour nos uniformes ?", buyer_type="collectivite")
    )
    assert opened.startswith("L'article 58 de la loi AGEC vous concerne")
    closed = text_of(run("ask_agec", "la loi AGEC s'applique à nous ?", buyer_type="collectivite"))
    assert closed.startswith("Oui : l'article 58")


def test_a_difference_asked_between_two_subjects_says_what_each_is() -> None:
    text = text_of(
        run("ask_reserved_contracts", "quelle différence entre un marché réservé et une clause sociale ?")
    )
    assert text.startswith("Ce sont deux choses différentes")
    assert "clause sociale d'insertion est" in text and "réserver un marché" in text
    siae_esat = text_of(run("nlu_fallback", "quelle différence entre une SIAE et un ESAT ?"))
    assert "ESAT (établissement" in siae_esat and "SIAE (structures" in siae_esat
    # one glossary entry defines both terms: its definition, not two bullets
    assert "Ce sont deux" not in text_of(run("nlu_fallback", "différence entre réemploi et recyclage ?"))


# --- a request for help on a topic, the place given or known ----------------------------------------------


def test_who_to_contact_on_a_topic_leads_with_the_local_contact() -> None:
    outcome = run(
        "ask_agec",
        "Mairie de Pau, qui contacter pour se faire aider sur le réemploi du mobilier ?",
        place_in_message="commune:64445",
        buyer_type="collectivite",
        product_in_message="mobilier",
    )
    assert "guichet vert" in outcome.replies[0].text and "3AR" in outcome.replies[0].text
    assert "AGEC" in text_of(outcome)


def test_help_on_social_clauses_uses_the_place_remembered() -> None:
    text = text_of(
        run(
            "ask_social_clause",
            "et pour les clauses sociales, qui peut m'accompagner ?",
            place="commune:33063",
        )
    )
    assert "Bordeaux" in text and "facilitat" in text


def test_support_with_a_place_and_no_buyer_type_gives_the_public_network_first() -> None:
    outcome = run(
        "ask_private_support", "accompagnement achats responsables gironde", place_in_message="departement:33"
    )
    assert "3AR" in text_of(outcome) and "CCI" in text_of(outcome)
    business = run(
        "ask_private_support",
        "Direction achats d'une grande entreprise à Paris, on cherche une communauté d'acheteurs",
        place_in_message="commune:75056",
    )
    assert "Maximilien" not in text_of(business)


def test_training_for_a_buyer_whose_place_is_known_names_their_network() -> None:
    text = text_of(run("nlu_fallback", "on cherche des formations pour nos acheteurs", place="commune:80021"))
    assert "formations" in text and "APuRe" in text
    assert "APuRe" not in text_of(run("nlu_fallback", "on cherche des formations pour nos acheteurs"))


def test_a_wish_to_exchange_with_peers_is_rapidd_or_the_network_nearby() -> None:
    far = run("ask_private_support", "je cherche des retours d'expérience d'autres collectivités")
    assert far.question == "ask_rapidd" and "RAPIDD" in text_of(far)
    near = run(
        "ask_private_support", "échanger avec d'autres collègues acheteurs pas loin", place="commune:56260"
    )
    assert near.question == "ask_network" and "RESECO" in text_of(near)


def test_a_product_with_a_minimum_asked_gets_its_agec_share() -> None:
    outcome = run(
        "inform",
        "des chaises et bureaux pas neufs pour la mairie, il y a un minimum à respecter ?",
        question=None,
        buyer_in_message="collectivite",
        product_in_message="mobilier",
    )
    assert "20 %" in text_of(outcome)


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "mon DGS pense qu'on n'est pas obligés de mettre un critère environnemental, il a raison ?",
            "ask_climate_law",
        ),
        ("je cherche des retours d'expérience d'autres collectivités", "ask_rapidd"),
        ("un réseau social pour échanger entre acheteurs ?", "ask_rapidd"),
    ],
)
def test_topics_named_in_other_words(text: str, topic: str) -> None:
    assert topic in named_topics(text)


def test_review_findings_stay_fixed() -> None:
    hi_vis = run("ask_agec", "Des gilets haute visibilité pour les agents de voirie, quel taux de recyclé ?")
    assert "8 %" not in text_of(hi_vis)
    network_name = run(
        "ask_network", "Je voudrais connaître le nom du réseau de ma région", place="commune:69123"
    )
    assert "AURA-EE" in text_of(network_name) and "nom des personnes" not in text_of(network_name)
    regions = text_of(run("ask_network", "Combien de régions ont un réseau d'achats durables ?"))
    assert "nombre d'acheteurs" not in regions and "ne figure pas" not in regions.split(".")[0]
    supplier = (
        "Nous sommes une PME, nous voudrions échanger avec des collectivités pour présenter nos isolants"
    )
    assert "ask_rapidd" not in named_topics(supplier)
    assert run("ask_guichet_vert", "c'est quoi le but ?", question="ask_guichet_vert").replies
    assert "pas de définition" not in text_of(
        run("follow_up", "c'est quoi le but ?", question="ask_guichet_vert")
    )


@pytest.mark.parametrize(
    "text", ["nos achats 60 millions par an, le SPASER est obligatoire ?", "achats 35 lots"]
)
def test_an_amount_after_achats_is_no_department(text: str) -> None:
    assert LocationExtractor({}).extract(text) == []


def test_protective_equipment_named_with_the_textiles_category_gets_its_exclusion() -> None:
    text = text_of(
        run(
            "ask_agec",
            "les gants et chaussures de sécurité (EPI), ils comptent dans la catégorie textile AGEC ?",
        )
    )
    assert "à l'exception des équipements de protection" in text
