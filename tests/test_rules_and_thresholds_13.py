"""Product rules and duty thresholds (stop 25): pure routing rules, checked apart from the server."""

from __future__ import annotations

import pytest

import places
from actions.knowledge import knowledge_base
from actions.limits import personal_purchase_reply
from actions.products import plainly_named_categories
from actions.routing import abroad_help_reply, route
from actions.territory import area_named, guichet_vert_sentence
from actions.topic_answer import obligation_threshold, written_word
from actions.unknown_subject import subject_of
from nlu_components.buyer_type import find_buyer_types
from tests.test_context_first import context, joined

KNOWLEDGE = knowledge_base()
PLASTIC_RULE = "plastique à usage unique"


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_agec", "quel taux pour la vaisselle jetable ?"),
        ("ask_environmental_considerations", "vaisselle jetable, c'est interdit ?"),
        (
            "ask_environmental_considerations",
            "pour un séminaire, on peut encore prendre des gobelets jetables ?",
        ),
    ],
)
def test_products_ruled_outside_the_agec_rates_get_their_rule(intent: str, text: str) -> None:
    text = joined(route(KNOWLEDGE, context(intent, text)).replies)
    assert PLASTIC_RULE in text and "17 catégories" not in text


def test_a_product_of_an_agec_category_still_gets_its_rates() -> None:
    text = joined(route(KNOWLEDGE, context("ask_agec", "quel taux de réemploi pour les chaises ?")).replies)
    assert "Mobilier" in text and PLASTIC_RULE not in text


def test_a_count_asked_for_a_duty_set_by_an_amount_gets_the_amount() -> None:
    ctx = context("ask_climate_law", "Combien de marchés faut-il passer pour être obligé d'avoir un SPASER ?")
    first = route(KNOWLEDGE, ctx).replies[0].text
    assert first.startswith("Doivent adopter un SPASER") and "50 millions d'euros" in first
    assert "pas un nombre de marchés" in first and "{since" not in first
    assert "Je n'ai pas" not in first


def test_a_threshold_is_only_the_answer_when_a_duty_is_asked() -> None:
    texts = ["Doivent adopter un SPASER les acheteurs dont les achats annuels dépassent 50 millions d'euros."]
    assert obligation_threshold(texts, "combien de collectivités ont un SPASER ?") is None
    assert obligation_threshold(texts, "à partir de quel montant faut-il un SPASER ?") == texts[0]
    assert obligation_threshold(["Aucun seuil ici."], "à partir de quel montant ?") is None


def test_the_word_is_given_back_as_written() -> None:
    assert written_word("Combien de marchés ?", "marches") == "marchés"
    assert written_word("rien", "marches") == "marches"


def test_an_auxiliary_after_pour_is_no_part_of_the_subject() -> None:
    subject = subject_of("il faut combien de salariés pour être soumis à la DPEF ?")
    assert subject is not None and "être" not in subject


@pytest.mark.parametrize(
    "text, subject",
    [
        ("acheteur public ici, la date limite pour le SPASER c'est quand ?", "la date limite pour le SPASER"),
        ("l'échéance du PNAD c'est quand ?", "l'échéance du PNAD"),
        ("c'est quand la prochaine réunion de RESECO ?", "la date de la prochaine réunion de RESECO"),
        ("Pour un acheteur public, c'est quand la date limite ?", "la date limite"),
    ],
)
def test_a_date_noun_is_the_subject_itself(text: str, subject: str) -> None:
    assert subject_of(text) == subject


def test_an_unsure_guess_that_agrees_with_the_term_named_is_its_topic() -> None:
    ctx = context(
        "ask_climate_law", "acheteur public ici, la date limite pour le SPASER c'est quand ?", question=None
    )
    outcome = route(KNOWLEDGE, ctx)
    assert outcome.question == "ask_climate_law"
    assert "De quel sujet s'agit-il" not in joined(outcome.replies)


@pytest.mark.parametrize(
    "text",
    [
        "je cherche un canapé d'occasion pour mon appartement, des conseils ?",
        "je veux m'acheter un vélo reconditionné, où aller ?",
        "je m'achète un vélo électrique, vous avez des conseils durables ?",
        "je cherche un ordi reconditionné pour chez moi",
    ],
)
def test_a_purchase_for_oneself_is_said_out_of_scope(text: str) -> None:
    outcome = route(KNOWLEDGE, context("ask_agec", text))
    assert outcome.notes == ["personal purchase"]
    assert outcome.replies[0].text.startswith(
        "Désolé, je ne traite que les achats durables des organisations"
    )


@pytest.mark.parametrize(
    "text",
    [
        "je suis particulièrement intéressé par les clauses sociales",
        "chez moi à Rennes, quel réseau ?",
        "la maison de l'emploi de ma ville porte le facilitateur ?",
        "pour moi le plus dur c'est le sourcing, des conseils ?",
        "pour ma famille d'achats informatique, quel taux de réemploi AGEC ?",
        "portables pour le télétravail des agents (pc perso interdits), quel taux de réemploi ?",
        "pour mon jardin partagé communal on achète des bacs et une tondeuse, AGEC ?",
        "à titre personnel je suis intéressée par le sujet, c'est quoi le PNAD ?",
    ],
)
def test_words_of_a_buyer_at_work_are_no_personal_purchase(text: str) -> None:
    assert personal_purchase_reply(text, []) is None


def test_an_organisation_buying_for_its_staff_is_no_personal_purchase() -> None:
    ctx = context(
        "ask_agec",
        "on est une mairie, on veut des vélos reconditionnés pour les agents, quel taux ?",
        buyer_type="collectivite",
        buyer_in_message="collectivite",
    )
    assert "personal purchase" not in route(KNOWLEDGE, ctx).notes


def test_an_unknown_rate_is_said_once() -> None:
    text = joined(route(KNOWLEDGE, context("ask_agec", "quel % de recyclé pour le papier ?")).replies)
    assert text.count("Je n'ai pas ce chiffre") == 1
    assert "je ne connais pas ses taux" not in text and "  " not in text


def test_plastic_straws_and_a_plastic_question_get_the_plastics_rule() -> None:
    for intent, text in [
        ("inform", "les pailles en plastique c'est interdit pour la cantine de la prefecture ?"),
        ("ask_agec", "touillettes en bois pour la machine à café : c'est du plastique à usage unique ?"),
    ]:
        assert PLASTIC_RULE in joined(route(KNOWLEDGE, context(intent, text)).replies)


@pytest.mark.parametrize(
    "text, country",
    [
        ("je suis à Montréal au Québec, vous avez des ressources ?", "Québec"),
        ("je suis en Belgique, vous pouvez m'aider ?", "Belgique"),
    ],
)
def test_help_asked_from_abroad_gets_the_french_contacts_said_as_such(text: str, country: str) -> None:
    reply = abroad_help_reply(KNOWLEDGE, text)
    assert reply is not None and reply.text.startswith(f"{country} :")
    assert "mes sources ne couvrent que la France" in reply.text


def test_a_small_french_homonym_gives_way_to_a_country_named_but_not_near_its_border() -> None:
    assert places.find_locations("je suis à Montréal au Québec") == []
    assert [m.key for m in places.find_locations("on est à Givet, près de la Belgique")] == ["commune:08190"]
    assert places.find_locations("on est à Lille, avec des fournisseurs belges")[0].key == "commune:59350"
    assert abroad_help_reply(KNOWLEDGE, "on part en vacances en Espagne") is None


@pytest.mark.parametrize(
    "text",
    [
        "on est une PME qui vend du mobilier reconditionné aux mairies, la loi AGEC nous concerne ?",
        "je suis particulier et je voudrais vendre mes meubles à la mairie, possible ?",
    ],
)
def test_the_body_sold_to_is_the_client_not_the_buyer(text: str) -> None:
    assert [m["negated"] for m in find_buyer_types(text) if m["value"] == "collectivite"] == [True]


def test_since_when_after_an_unknown_reads_the_answer_before() -> None:
    spaser = (
        "Doivent adopter un SPASER les acheteurs dont les achats annuels dépassent 50 millions d'euros "
        "depuis le 1er janvier 2023 (100 millions auparavant)."
    )
    unknown = "Je n'ai pas ce chiffre : le nombre de collectivités ne figure pas dans mes sources."
    ctx = context(
        "follow_up",
        "depuis quand",
        question="ask_climate_law",
        last_answer=unknown,
        earlier_answers=(unknown, spaser),
    )
    assert "1er janvier 2023" in route(KNOWLEDGE, ctx).replies[0].text


def test_a_bare_why_answered_by_the_same_text_says_no_reason_is_known() -> None:
    first = route(KNOWLEDGE, context("ask_guichet_vert", "c'est quoi le guichet vert")).replies
    said = tuple(reply.text for reply in first)
    ctx = context(
        "follow_up", "pourquoi ?", question="ask_guichet_vert", last_answer=said[-1], earlier_answers=said
    )
    outcome = route(KNOWLEDGE, ctx)
    assert outcome.notes == ["why"] and outcome.replies[0].text.startswith("Mes sources n'en disent pas plus")


def test_a_contract_document_is_no_stationery() -> None:
    text = "Au CHU de Lyon on rédige le cahier des charges pour les draps et blouses"
    assert plainly_named_categories(text) == ["textiles"]
    assert plainly_named_categories("des cahiers et des imprimantes")[0] == "fournitures_bureau"


def test_a_desk_without_a_known_address_is_reached_through_the_national_portal() -> None:
    network = next(n for n in KNOWLEDGE.networks.networks if n.guichet_vert.exists and not n.guichet_vert.url)
    text, _ = guichet_vert_sentence([network.copy(update={"website": None})], places.resolve_text("Paris"))
    assert "formulaire en ligne, accessible depuis le portail national" in text


def test_which_network_can_help_is_a_who_helps_question_answered_by_the_place() -> None:
    text = "je suis acheteuse dans une collectivité bretonne, quel réseau peut m'aider ?"
    first = route(KNOWLEDGE, context("ask_network", text, "region:53")).replies[0].text
    assert first.startswith("Bretagne — votre réseau régional d'achats durables : RESECO")


def test_a_socially_responsible_purchase_is_defined_not_answered_by_the_social_clause() -> None:
    first = route(KNOWLEDGE, context("ask_social_clause", "c'est quoi un achat socialement responsable ?"))
    assert first.replies[0].text.startswith("Un achat socialement responsable prend en compte")


def test_a_bare_why_after_a_repeated_answer_gets_the_purpose_it_states() -> None:
    first = route(KNOWLEDGE, context("ask_pnad", "le PNAD c'est quoi ?")).replies
    said = tuple(reply.text for reply in first)
    ctx = context("follow_up", "pourquoi ?", question="ask_pnad", last_answer=said[-1], earlier_answers=said)
    text = route(KNOWLEDGE, ctx).replies[0].text
    assert "pour faciliter l'application de la loi Climat" in text and "Mes sources" not in text


@pytest.mark.parametrize(
    "text, area",
    [
        ("on est dans l'Ouest, quel réseau ?", "le Grand Ouest"),
        ("je suis dans le Midi, y a un guichet vert ?", "le sud de la France"),
    ],
)
def test_the_west_and_the_midi_are_areas(text: str, area: str) -> None:
    found = area_named(KNOWLEDGE, text)
    assert found is not None and found.name == area


def test_a_structure_named_by_its_alias_is_said_what_it_is() -> None:
    outcome = route(KNOWLEDGE, context("follow_up", "la MDEN c'est quoi exactement ?", question=None))
    assert outcome.notes == ["structure named"]
    assert outcome.replies[0].text.startswith("Maison de l'emploi du Nord (MDEN)")
