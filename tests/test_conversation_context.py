"""Conversations that keep their topic and answers that fit who asks (issue 11, follow-ups and buyer types).

Pure functions of actions/context_rules.py, actions/routing.py and actions/understanding.py, the rule-based
NLU parts (nlu_components/buyer_type.py, place_only.py, location_extractor.py) and the clarification
action when the NLU is unsure.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import places
from actions.actions import ActionClarify, gives_detail, likely_out_of_scope
from actions.context_rules import (
    PRIVATE_GUICHET,
    helper_question,
    lead_with,
    narrower_of_pair,
    refined_question,
)
from actions.knowledge import knowledge_base
from actions.reply import MAX_ANSWER_WORDS, word_count
from actions.route_types import Context, Outcome
from actions.routing import route
from actions.tracker_context import alternative_question, previous_question, product_asked
from actions.understanding import (
    asks_where_to_start,
    asks_who_helps,
    counted_noun,
    is_elliptical,
    says_private,
)
from nlu_components.buyer_type import BuyerTypeRules, find_buyer_types, plausible_span
from nlu_components.location_extractor import LocationExtractor
from nlu_components.place_only import only_places

KNOWLEDGE = knowledge_base()


def place(key: str):
    found = places.resolve_key(key)
    assert found is not None
    return found


def answer(intent: str, text: str, **fields: Any) -> Outcome:
    here = fields.pop("place_in_message", None)
    fields.setdefault("question", intent if intent.startswith("ask_") else None)  # the slot's mapping
    return route(
        KNOWLEDGE,
        Context(
            intent=intent,
            text=text,
            place_in_message=place(here) if here else None,
            place=place(here) if here else None,
            **fields,
        ),
    )


def first(outcome: Outcome) -> str:
    assert outcome.replies, "no answer"
    return outcome.replies[0].text


# --- understanding ----------------------------------------------------------------------------------------


def test_a_scope_is_not_what_is_counted() -> None:
    assert counted_noun("et il y en a combien en France, des réseaux comme ça ?") == "reseaux"


@pytest.mark.parametrize(
    ("text", "elliptical"),
    [
        ("qui le pilote ?", True),
        ("qui les finance ?", True),
        ("et il date de quand ?", True),
        ("il faut quelle proportion de travailleurs handicapés ou défavorisés dans ces structures ?", True),
        ("qui pilote les réseaux ?", False),
        ("quel est le budget du projet de construction de la nouvelle école ?", False),
    ],
)
def test_pronoun_questions_refer_to_the_topic_just_answered(text: str, elliptical: bool) -> None:
    assert is_elliptical(text) is elliptical


def test_negated_private_words_are_not_a_private_buyer() -> None:
    assert not says_private("nous ne sommes pas une entreprise privée, nous sommes un conseil départemental")
    assert says_private("société privée, pas une mairie")


def test_a_helping_hand_asks_who_helps() -> None:
    assert asks_who_helps("j'aimerais un coup de main pour verdir un cahier des charges")
    assert asks_who_helps("ki contacter ?")
    assert asks_who_helps("à l'échelle nationale, qui aide les acheteurs publics à verdir leurs achats ?")
    assert not asks_who_helps("le guichet vert aide les acheteurs")


# --- rule-based NLU ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("une boîte privée du BTP", [("entreprise", False)]),
        (
            "je ne suis pas une mairie mais une SCOP de menuiserie",
            [("collectivite", True), ("entreprise", False)],
        ),
        ("on voudrait réserver le lot à une SCOP", []),
    ],
)
def test_company_words_and_legal_forms(text: str, expected: List[tuple]) -> None:
    assert [(m["value"], m["negated"]) for m in find_buyer_types(text)] == expected


def test_a_tag_on_a_word_that_is_no_buyer_is_dropped() -> None:
    text = "et les jeux de société pour la ludothèque ?"
    start = text.index("société")
    assert not plausible_span(text, start, start + len("société"))
    entity = {"entity": "buyer_type", "value": "entreprise", "start": start, "end": start + 7}
    assert BuyerTypeRules().reconcile(text, [entity]) == []
    assert plausible_span("notre boîte", 0, len("notre boîte"))


@pytest.mark.parametrize(
    "text",
    [
        "ah non je me suis trompé, c'est Besançon",
        "top merci. et en PACA ?",
        "oups, je voulais dire Reims",
        "acheteuse publique à Cayenne",
    ],
)
def test_corrections_and_thanks_before_a_place_are_a_place_only(text: str) -> None:
    assert only_places(text, LocationExtractor({}).extract(text)), text


def test_a_place_heading_the_message_is_a_place() -> None:
    found = LocationExtractor({}).extract("Corse : y a-t-il un réseau régional ?")
    assert [entity["value"] for entity in found] == ["region:94"]
    assert LocationExtractor({}).extract("Cher Monsieur, je cherche un guide") == []


def test_a_department_number_after_insertion_is_a_place() -> None:
    found = LocationExtractor({}).extract("clause insertion 33 contact ?")
    assert [entity["value"] for entity in found] == ["departement:33"]


# --- routing with the conversation -------------------------------------------------------------------------


def test_an_unsure_guess_of_another_topic_stays_on_the_topic_just_answered() -> None:
    outcome = answer(
        "ask_agefiph",
        "il y a un pourcentage minimum de travailleurs handicapés ?",
        question="ask_agefiph",
        previous_question="ask_reserved_contracts",
        confidence=0.59,
    )
    assert "50 %" in first(outcome)
    assert outcome.question == "ask_reserved_contracts"


def test_a_sure_guess_of_another_topic_changes_topic() -> None:
    outcome = answer(
        "ask_agefiph",
        "et l'Agefiph ?",
        question="ask_agefiph",
        previous_question="ask_reserved_contracts",
        confidence=0.95,
    )
    assert "handicap" in first(outcome)


def test_a_label_after_biosourced_materials_is_the_biosourced_label() -> None:
    assert (
        refined_question("ask_biosourced", "ask_ecolabels", "et il existe un label ?")
        == "ask_biosourced_label"
    )
    assert refined_question("ask_biosourced", "ask_ecolabels", "et l'écolabel européen ?") is None
    outcome = answer(
        "ask_ecolabels",
        "et il existe un label ?",
        question="ask_ecolabels",
        previous_question="ask_biosourced",
    )
    assert "trois niveaux" in first(outcome) or "2 juillet 2024" in first(outcome)


def test_who_helps_without_a_social_word_is_not_the_facilitator() -> None:
    text = "bailleur social public à Angers, qui peut nous accompagner sur les achats durables ?"
    assert helper_question("ask_facilitator", text, asks_who_helps(text)) == "ask_private_support"
    assert helper_question("ask_facilitator", "qui peut m'aider pour ma clause d'insertion ?", True) is None
    outcome = answer(
        "ask_facilitator",
        text,
        question="ask_facilitator",
        place_in_message="commune:49007",
        buyer_type="etablissement_public",
        buyer_in_message="etablissement_public",
    )
    assert "RESECO" in "\n".join(reply.text for reply in outcome.replies)


def test_a_state_buyer_asks_its_internal_referents_before_the_guichet_vert() -> None:
    outcome = answer(
        "inform", "je suis en préfecture, je peux le saisir ?", question="ask_guichet_vert", buyer_type="etat"
    )
    # a closed question: yes first, then their internal referents (stop 26)
    assert first(outcome).startswith("Oui, vous pouvez le solliciter. Acheteurs de l'État")


def test_a_private_company_is_told_whom_the_guichet_vert_serves() -> None:
    outcome = answer(
        "inform",
        "et si je suis une entreprise privée ?",
        question="ask_guichet_vert",
        buyer_type="entreprise",
    )
    assert "soumis au code de la commande publique" in first(outcome)
    assert outcome.replies[0].buttons[0]["payload"] == "/ask_private_support"


def test_how_to_reach_the_guichet_vert_is_said_with_the_regional_desk() -> None:
    text = (
        "On est une petite mairie du Calvados. Y a-t-il un guichet vert chez nous et comment on le saisit ?"
    )
    reply = first(
        answer("ask_guichet_vert", text, question="ask_guichet_vert", place_in_message="departement:14")
    )
    assert "Normandie" in reply and "formulaire" in reply
    assert word_count(reply) <= MAX_ANSWER_WORDS


def test_cost_and_contact_asked_at_once() -> None:
    reply = first(answer("ask_guichet_vert", "Le guichet vert, c'est gratuit et comment on le saisit ?"))
    assert "gratuit" in reply and "formulaire" in reply


def test_a_public_body_not_named_by_article_58_is_told_to_check() -> None:
    reply = first(
        answer(
            "ask_agec",
            "on est un CHU, l'AGEC nous concerne ?",
            buyer_type="hopital",
            buyer_in_message="hopital",
        )
    )
    # the dossier (§6.1): public bodies other than the State and local authorities do not seem bound
    assert reply.startswith("Pour un établissement de santé, a priori non")
    assert "Vérifiez votre situation" in reply


def test_since_when_article_58_applies() -> None:
    assert "1er juillet 2024" in first(
        answer("ask_agec", "l'obligation de réemploi AGEC s'applique depuis quand ?")
    )


def test_a_product_and_the_declaration_asked_together() -> None:
    outcome = answer(
        "ask_agec_declaration", "pour nos bancs publics, quelle catégorie AGEC et où on déclare ?"
    )
    text = "\n".join(reply.text for reply in outcome.replies)
    assert "Mobilier urbain" in text and "data.gouv.fr" in text


def test_a_social_clause_with_a_place_and_a_contact_asked_is_the_facilitator() -> None:
    outcome = answer("ask_social_clause", "clause insertion 33 contact ?", place_in_message="departement:33")
    assert "Gironde" in first(outcome)


def test_a_long_detail_that_asks_a_question_answers_it() -> None:
    outcome = answer(
        "inform",
        "je suis à la métropole de Lyon et je cherche un conseil gratuit pour verdir un marché",
        place_in_message="commune:69123",
        alternative="ask_guichet_vert",
    )
    assert "AURA-EE" in first(outcome)


def test_the_declaration_follow_up_on_sanctions() -> None:
    reply = first(
        answer("follow_up", "et si on ne le fait pas, il y a une sanction ?", question="ask_agec_declaration")
    )
    assert "sanction" in reply


# --- the clarification action when the NLU is unsure --------------------------------------------------------

DOMAIN: Dict[str, Any] = {"slots": {}}


def tracker(
    text: str,
    ranking: List[Dict[str, Any]],
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    events: Optional[List[Dict[str, Any]]] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": {"name": "nlu_fallback", "confidence": 0.5},
        "entities": entities or [],
        "intent_ranking": [{"name": "nlu_fallback", "confidence": 0.5}, *ranking],
    }
    values = {"location": None, "buyer_type": None, "product": None, "question": None}
    values.update({"pending_question": None, "awaiting_location": None})
    values.update(slots or {})
    return Tracker("test", values, latest, events or [], False, None, {}, "action_listen")


def entity(kind: str, value: str) -> Dict[str, Any]:
    return {"entity": kind, "value": value, "start": 0, "end": 1}


async def clarify(t: Tracker) -> str:
    dispatcher = CollectingDispatcher()
    await ActionClarify().run(dispatcher, t, DOMAIN)
    return "\n".join(message.get("text") or message.get("response") or "" for message in dispatcher.messages)


async def test_a_buyer_type_given_alone_re_answers_the_question() -> None:
    t = tracker(
        "on est un hôpital public, ça change quoi ?",
        [{"name": "ask_rapidd", "confidence": 0.2}],
        entities=[entity("buyer_type", "hopital")],
        slots={"question": "ask_agec", "buyer_type": "hopital"},
    )
    assert "établissement de santé" in await clarify(t)


async def test_a_buyer_introducing_themselves_is_acknowledged() -> None:
    t = tracker(
        "bonjour, je suis acheteur dans une communauté de communes du Jura",
        [{"name": "greet", "confidence": 0.32}, {"name": "inform", "confidence": 0.28}],
        entities=[entity("buyer_type", "collectivite"), entity("location", "departement:39")],
        slots={"buyer_type": "collectivite", "location": "departement:39"},
    )
    assert (await clarify(t)).startswith("C'est noté")


async def test_who_helps_after_a_question_is_public_support_for_a_public_buyer() -> None:
    t = tracker(
        "et qui peut m'aider à le mettre en œuvre ?",
        [{"name": "ask_private_support", "confidence": 0.5}],
        slots={"question": "ask_agec", "buyer_type": "collectivite", "location": "departement:39"},
    )
    reply = await clarify(t)
    assert "guichet vert" in reply and "CCI" not in reply


async def test_an_unsure_question_on_an_uncovered_law_or_article_says_it_is_unknown() -> None:
    law = tracker("la loi EGalim c'est quoi ?", [{"name": "ask_agec", "confidence": 0.3}])
    assert (await clarify(law)).startswith("Je n'ai pas d'information sur la loi EGalim")
    article = tracker("et le R. 2152-9 ?", [{"name": "ask_ecolabels", "confidence": 0.3}])
    assert (await clarify(article)).startswith("Je n'ai pas le contenu de l'article R. 2152-9")


async def test_an_unsure_message_far_from_the_domain_is_out_of_scope() -> None:
    t = tracker(
        "tu connais un bon resto à Nantes ?",
        [{"name": "ask_capabilities", "confidence": 0.4}, {"name": "out_of_scope", "confidence": 0.28}],
        entities=[entity("location", "commune:44109")],
    )
    assert await clarify(t) == "utter_out_of_scope"


def test_unsure_helpers() -> None:
    ranking = [{"name": "inform", "confidence": 0.6}, {"name": "ask_guichet_vert", "confidence": 0.31}]
    assert alternative_question(ranking) == "ask_guichet_vert"
    assert alternative_question([ranking[0], {"name": "ask_cna", "confidence": 0.1}]) is None
    pair = [{"name": "ask_agec_declaration", "confidence": 0.49}, {"name": "ask_agec", "confidence": 0.47}]
    assert narrower_of_pair([{"name": "nlu_fallback", "confidence": 0.5}, *pair]) == "ask_agec_declaration"
    assert not likely_out_of_scope(
        [{"name": "out_of_scope", "confidence": 0.3}], "un conseil pour mes achats à Nantes ?", []
    )
    ctx = Context(intent="nlu_fallback", text="une boîte privée du BTP", question="ask_agec")
    assert not gives_detail(ctx, ctx.text, [])
    ctx.buyer_in_message = "entreprise"
    assert gives_detail(ctx, ctx.text, [])


def test_the_question_before_the_latest_message() -> None:
    events = [
        {"event": "slot", "name": "question", "value": "ask_biosourced"},
        {"event": "user", "text": "et il existe un label ?"},
        {"event": "slot", "name": "question", "value": "ask_ecolabels"},
    ]
    assert previous_question(tracker("et il existe un label ?", [], events=events)) == "ask_biosourced"


def test_a_longer_lexicon_mention_replaces_a_tag_inside_it() -> None:
    text = "je gère une petite boîte, qui peut nous guider ?"
    start = text.index("boîte")
    tagged = {"entity": "buyer_type", "value": "entreprise", "start": start, "end": start + len("boîte")}
    kept = BuyerTypeRules().reconcile(text, [tagged])
    assert [(e["value"], text[e["start"] : e["end"]]) for e in kept] == [("tpe_pme", "petite boîte")]


def test_an_unsure_inform_made_of_a_place_only_is_made_sure() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from nlu_components.place_only import PlaceOnlyIntent

    text = "oups non, je voulais dire le Gard"
    message = Message(
        data={
            "text": text,
            "intent": {"name": "inform", "confidence": 0.48},
            "intent_ranking": [{"name": "inform", "confidence": 0.48}, {"name": "deny", "confidence": 0.32}],
            "entities": LocationExtractor({}).extract(text),
        }
    )
    PlaceOnlyIntent().process([message])
    assert message.get("intent") == {"name": "inform", "confidence": 1.0}


@pytest.mark.parametrize(
    "text, value",
    [
        ("Je suis responsable des achats d'une association, qui peut m'aider ?", "organisme_prive"),
        ("Acheteur dans une mutuelle, quels réseaux ?", "organisme_prive"),
        ("Acheteur dans une grande entreprise, quels clubs ?", "entreprise"),
    ],
)
def test_private_bodies_other_than_companies_are_private_buyers(text: str, value: str) -> None:
    assert [m["value"] for m in find_buyer_types(text) if not m["negated"]] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "peut-on réserver le marché à une association ?",
        "nous achetons auprès d'une association intermédiaire",
        "l'Alliance Villes Emploi est une association nationale",
        "Nous devons choisir une mutuelle pour nos agents",
        "notre commune subventionne une association",
        "on travaille souvent pour les associations",
    ],
)
def test_an_association_as_supplier_or_service_is_no_buyer(text: str) -> None:
    assert "organisme_prive" not in [mention["value"] for mention in find_buyer_types(text)]


def test_a_private_body_gets_private_support_and_not_the_public_network() -> None:
    text = "Acheteur dans une mutuelle, quels réseaux pour les achats durables ?"
    reply = first(
        answer("ask_network", text, buyer_type="organisme_prive", buyer_in_message="organisme_prive")
    )
    assert "CCI" in reply and "guichet vert" not in reply


def test_looking_for_support_asks_who_helps() -> None:
    assert asks_who_helps("EPCI de 40 communes, on cherche de l'accompagnement pour verdir nos marchés")
    assert asks_who_helps("nous souhaitons un appui pour nos achats responsables")
    assert not asks_who_helps("l'accompagnement du guichet vert est-il gratuit ?")


def test_the_product_asked_is_not_the_one_it_is_for() -> None:
    text = "les cartouches de toner pour les copieurs entrent dans la loi AGEC ?"
    entities = [
        {"entity": "product", "value": "consommables_impression", "start": 4, "end": 23},
        {
            "entity": "product",
            "value": "reprographie",
            "start": text.index("copieurs"),
            "end": len(text) - 25,
        },
    ]
    assert product_asked(tracker(text, [], entities=entities)) == "consommables_impression"
    text = "nos chaises et nos ordinateurs"
    entities = [
        {"entity": "product", "value": "mobilier", "start": 4, "end": 11},
        {"entity": "product", "value": "informatique", "start": 19, "end": 30},
    ]
    assert product_asked(tracker(text, [], entities=entities)) == "informatique"


def test_an_asso_and_a_body_of_private_law_are_private() -> None:
    assert [m["value"] for m in find_buyer_types("je suis dans une asso, la loi agec me concerne ?")] == [
        "organisme_prive"
    ]
    assert says_private("c'est pour une fondation reconnue d'utilité publique (droit privé)")
    assert not says_private("un organisme qui n'est pas de droit privé")


def test_a_reuse_share_and_who_helps_get_both_answers() -> None:
    text = "On est une collectivité ; quel objectif de réemploi pour nos chaises, et qui peut nous aider ?"
    outcome = answer("ask_private_support", text, buyer_type="collectivite", buyer_in_message="collectivite")
    assert "Mobilier" in outcome.replies[0].text and "20 %" in outcome.replies[0].text
    assert any("guichet vert" in reply.text for reply in outcome.replies[1:])


def test_a_negated_company_without_identity_cue_removes_diet_tag() -> None:
    text = "pardon : je suis à la mairie, pas dans une entreprise"
    start = text.index("entreprise")
    tagged = {"entity": "buyer_type", "value": "entreprise", "start": start, "end": start + len("entreprise")}
    kept = BuyerTypeRules().reconcile(text, [tagged])
    assert [e["value"] for e in kept] == ["collectivite"]


@pytest.mark.parametrize(
    "entity, text, category",
    [
        ("collecte_dechets", "nos camions-bennes et utilitaires : concernés par AGEC ?", "vehicules"),
        ("engins_transport", "Pour nos bancs et abris vélos, quelle catégorie AGEC ?", "mobilier_urbain"),
        ("informatique", "des tablettes pour les jeux éducatifs", "informatique"),
    ],
)
def test_the_objects_named_win_over_a_single_entity(entity: str, text: str, category: str) -> None:
    from actions.products import find_product_category

    found = find_product_category(KNOWLEDGE.agec, entity, text)
    assert found is not None and found.id == category


def test_chat_spellings_of_a_body_and_of_dans() -> None:
    text = "bjr jsuis a la com com ds le jura, ki peut nous aider ?"
    assert [m["value"] for m in find_buyer_types(text)] == ["collectivite"]
    assert places.resolve_text(text).key == "departement:39"


def test_a_doubled_letter_typo_in_a_product_word() -> None:
    from actions.products import find_product_category

    found = find_product_category(KNOWLEDGE.agec, None, "taux agec pr le mobillier de bureau svp")
    assert found is not None and found.id == "mobilier"
    assert find_product_category(KNOWLEDGE.agec, None, "le secteur public") is None


def test_help_with_a_task_is_no_vague_request() -> None:
    assert asks_where_to_start("vous pouvez nous aider pour les achats responsables ?")
    assert not asks_where_to_start("et nous aider à écrire le cahier des charges ?")


def test_a_private_buyer_gets_only_who_helps_them_instead_of_a_public_service() -> None:
    from actions.render import Reply

    reply = lead_with(
        Reply("Le guichet de votre région est porté par le réseau 3AR."), PRIVATE_GUICHET, "entreprise"
    )
    assert reply.text == PRIVATE_GUICHET and "Conseillers-Entreprises" in reply.text
    assert reply.buttons[0]["payload"] == "/ask_private_support"
