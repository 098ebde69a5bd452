"""Issue 11, context first: the buyer says who and where they are, then asks vaguely or names a topic.

Pure rules (actions/understanding.py, nlu_components/buyer_type.py), the routing (actions/routing.py) and
the clarification action (actions/actions.py) run without Rasa.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

import places
from actions.actions import ActionAnswer, ActionClarify
from actions.knowledge import knowledge_base
from actions.route_types import Context
from actions.routing import route
from actions.understanding import asks_where_to_start, says_private
from nlu_components.buyer_type import find_buyer_types

KNOWLEDGE = knowledge_base()
SLOTS = ("location", "buyer_type", "product", "question", "pending_question", "awaiting_location")
DOMAIN: Dict[str, Any] = {"slots": {slot: {} for slot in SLOTS}}


@pytest.mark.parametrize(
    "text",
    [
        "on débute, par quoi on commence ?",
        "qu'est-ce que je peux faire ? je dois faire quoi au juste",
        "quelques pistes svp",
        "comment on s'y prend pour acheter responsable",
        "vous pourriez nous aider un peu ?",
        "il existe un dispositif pour nous ?",
        "je me sens un peu perdue avec tout ça",
    ],
)
def test_vague_requests_for_a_first_step(text: str) -> None:
    assert asks_where_to_start(text)


@pytest.mark.parametrize(
    "text",
    ["la loi AGEC concerne les mairies ?", "qui délivre l'écolabel européen ?", "RAPIDD est payant ?"],
)
def test_specific_questions_are_no_vague_request(text: str) -> None:
    assert not asks_where_to_start(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fondation reconnue d'utilité publique à Tours, on cherche des conseils", "organisme_prive"),
        ("Bonjour, association sportive à Lorient", "organisme_prive"),
        ("Société de transport à Niort : qui nous accompagne ?", "entreprise"),
        ("on est l'office HLM de la ville, un réseau ?", "etablissement_public"),
    ],
)
def test_a_body_named_first_is_the_buyers_own(text: str, expected: str) -> None:
    found = [m["value"] for m in find_buyer_types(text) if not m["negated"]]
    assert expected in found


def test_a_private_body_named_later_still_needs_a_cue() -> None:
    # "une association" here is a partner of the mairie, not the buyer
    found = [m["value"] for m in find_buyer_types("la mairie travaille avec une association du quartier")]
    assert "organisme_prive" not in found


def test_a_private_group_is_private() -> None:
    assert says_private("nous sommes un groupe privé de distribution")


def place(key: str):
    found = places.resolve_key(key)
    assert found is not None
    return found


def context(intent: str, text: str, key: Optional[str] = None, **fields) -> Context:
    here = place(key) if key else None
    question = fields.pop("question", intent if intent.startswith("ask_") else None)
    return Context(intent=intent, text=text, question=question, place_in_message=here, place=here, **fields)


def joined(replies) -> str:
    return "\n".join(reply.text for reply in replies)


def test_a_detail_and_a_vague_request_get_the_public_support_of_the_place() -> None:
    ctx = context(
        "inform",
        "Service achats d'une commune du Morbihan, quelques pistes pour démarrer ?",
        "departement:56",
        buyer_type="collectivite",
        buyer_in_message="collectivite",
    )
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "RESECO" in text and "CCI" not in text


def test_a_topic_asked_with_who_can_advise_and_a_place_also_gets_the_local_contact() -> None:
    ctx = context(
        "ask_ecolabels",
        "commune en Occitanie, qui peut nous conseiller sur les labels des peintures ?",
        "region:76",
        buyer_type="collectivite",
        buyer_in_message="collectivite",
    )
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "colabel" in text and "Rés'Occ" in text


def test_a_rate_asked_after_an_agec_answer_uses_the_product_remembered() -> None:
    ctx = context(
        "ask_agec",
        "c'est quoi le pourcentage en 2030 ?",
        question="ask_agec",
        previous_question="ask_agec",
        product="textiles",
    )
    assert "15 %" in joined(route(KNOWLEDGE, ctx).replies)


def make_tracker(
    text: str,
    ranking: List[Dict[str, Any]],
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
) -> Tracker:
    latest = {
        "text": text,
        "intent": ranking[0],
        "entities": entities or [],
        "intent_ranking": ranking,
    }
    values: Dict[str, Any] = {slot: None for slot in SLOTS}
    values.update(slots or {})
    return Tracker("test-user", values, latest, [], False, None, {}, "action_listen")


def entity(name: str, value: str) -> Dict[str, Any]:
    return {"entity": name, "value": value, "start": 0, "end": 1}


UNSURE = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_pnad", "confidence": 0.2}]


async def clarify(tracker: Tracker) -> tuple:
    dispatcher = CollectingDispatcher()
    events = await ActionClarify().run(dispatcher, tracker, DOMAIN)
    return "\n".join(m.get("text") or "" for m in dispatcher.messages), events


async def test_a_vague_request_after_an_introduction_gets_the_support_of_the_place() -> None:
    tracker = make_tracker(
        "bon, comment on s'y prend ?", UNSURE, slots={"location": "region:27", "buyer_type": "collectivite"}
    )
    text, events = await clarify(tracker)
    assert "ARNia" in text
    # the place is known: its follow-ups ("ils répondent en combien de temps ?") are about that guichet vert
    assert SlotSet("question", "ask_guichet_vert") in events


async def test_a_vague_request_from_a_private_buyer_gets_the_private_support() -> None:
    tracker = make_tracker("des pistes ?", UNSURE, slots={"location": "region:53", "buyer_type": "tpe_pme"})
    text, _ = await clarify(tracker)
    assert "Conseillers-Entreprises" in text and "RESECO" not in text


async def test_an_unclear_message_with_nothing_known_is_still_clarified() -> None:
    text, _ = await clarify(make_tracker("le machin de la semaine dernière ?", UNSURE))
    assert "pas sûr d'avoir bien compris" in text


async def test_an_unsure_territorial_guess_is_answered_for_the_place_given() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.5}, {"name": "ask_network", "confidence": 0.45}]
    tracker = make_tracker(
        "on est un syndicat des eaux dans le Gers, ça existe chez nous un truc pareil ?",
        ranking,
        entities=[entity("location", "departement:32")],
    )
    text, events = await clarify(tracker)
    assert "Rés'Occ" in text
    assert SlotSet("question", "ask_network") in events


async def test_a_message_that_only_introduces_the_buyer_is_acknowledged() -> None:
    tracker = make_tracker(
        "Fondation d'art contemporain à Arles",
        UNSURE,
        entities=[entity("buyer_type", "organisme_prive"), entity("location", "commune:13004")],
    )
    text, _ = await clarify(tracker)
    assert text.startswith("C'est noté")


async def test_the_introduction_answer_remembers_the_place() -> None:
    tracker = make_tracker(
        "Fondation d'art contemporain à Arles",
        [{"name": "inform", "confidence": 0.9}],
        entities=[entity("location", "commune:13004")],
    )
    dispatcher = CollectingDispatcher()
    events = await ActionAnswer().run(dispatcher, tracker, DOMAIN)
    assert SlotSet("location", "commune:13004") in events


def classified(text: str, intent: str, entities: Optional[List[Dict[str, Any]]] = None) -> str:
    from rasa.shared.nlu.training_data.message import Message

    from nlu_components.place_only import PlaceOnlyIntent

    ranking = [{"name": intent, "confidence": 0.7}, {"name": "follow_up", "confidence": 0.2}]
    message = Message(
        data={"text": text, "intent": ranking[0], "intent_ranking": ranking, "entities": entities or []}
    )
    PlaceOnlyIntent().process([message])
    return message.get("intent")["name"]


def test_a_request_for_a_first_step_read_as_the_capabilities_is_a_detail() -> None:
    assert classified("bon, on s'y prend comment ?", "ask_capabilities") == "inform"
    assert classified("que savez-vous faire ?", "ask_capabilities") == "ask_capabilities"


def test_a_greeting_asking_for_help_is_a_detail_only_when_the_buyer_says_who_they_are() -> None:
    assert classified("bonsoir, je suis au CCAS, vous pouvez m'aider ?", "greet") == "inform"
    assert classified("bonsoir, vous pourrez m'aider j'espère", "greet") == "greet"


def test_a_vague_request_with_nothing_known_gets_the_capabilities() -> None:
    outcome = route(KNOWLEDGE, context("inform", "vous pourriez m'aider ?"))
    assert outcome.capabilities and not outcome.replies


def test_a_vague_request_read_as_a_detail_is_not_a_re_answer_of_the_question_before() -> None:
    ctx = context("inform", "vous pouvez nous aider ?", question="ask_agec", buyer_type="tpe_pme")
    outcome = route(KNOWLEDGE, ctx)
    assert outcome.question == "ask_private_support"
    assert "Conseillers-Entreprises" in joined(outcome.replies)


def test_a_request_for_support_read_as_an_unrelated_topic_gets_the_support() -> None:
    ctx = context(
        "ask_pnad",
        "Commune de Quimperlé, on aimerait se faire accompagner, c'est faisable ?",
        "departement:29",
        buyer_type="collectivite",
        buyer_in_message="collectivite",
    )
    outcome = route(KNOWLEDGE, ctx)
    assert "RESECO" in joined(outcome.replies) and "22 actions" not in joined(outcome.replies)


def test_the_body_after_but_corrects_a_negated_one() -> None:
    found = find_buyer_types("on n'est pas un lycée mais une association de parents")
    assert [(m["value"], m["negated"]) for m in found] == [
        ("etablissement_public", True),
        ("organisme_prive", False),
    ]


def test_a_request_for_advice_read_as_asking_for_a_person_is_a_detail() -> None:
    assert classified("on aimerait quelques conseils", "ask_human") == "inform"
    assert classified("je voudrais parler à un conseiller humain", "ask_human") == "ask_human"


def test_a_private_buyers_request_for_help_read_as_a_public_procurement_topic_gets_the_support() -> None:
    ctx = context(
        "ask_environmental_considerations",
        "Entreprise de BTP à Saintes, on commence par quoi pour acheter plus vert ?",
        "departement:17",
        buyer_type="entreprise",
        buyer_in_message="entreprise",
    )
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert "Conseillers-Entreprises" in text and "guichet vert" not in text


def test_the_short_name_of_cherbourg_is_found() -> None:
    from nlu_components.location_extractor import LocationExtractor

    found = [entity["value"] for entity in LocationExtractor({}).extract("service achats à cherbourg")]
    assert found == ["commune:50129"]


@pytest.mark.parametrize("text", ["on débute dans la commande publique durable", "les premiers pas ?"])
def test_beginners_ask_where_to_start(text: str) -> None:
    assert asks_where_to_start(text)


def test_starting_a_contract_is_no_vague_request() -> None:
    assert not asks_where_to_start("on démarre un marché de nettoyage")


async def test_a_first_step_asked_by_a_buyer_not_known_gets_the_capabilities() -> None:
    dispatcher = CollectingDispatcher()
    await ActionClarify().run(dispatcher, make_tracker("bon... on commence par où ?", UNSURE), DOMAIN)
    assert dispatcher.messages[0].get("response") == "utter_capabilities"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Département du Cher, service achats : un réseau ?", ["collectivite"]),
        ("nous sommes la région, direction des transports", ["collectivite"]),
        ("je travaille dans la région de Lyon", []),
        ("structure de l'ESS à Caen, on cherche des conseils", ["organisme_prive"]),
    ],
)
def test_a_department_or_region_is_the_buyer_only_when_it_opens_or_follows_an_identity(
    text: str, expected: List[str]
) -> None:
    assert [m["value"] for m in find_buyer_types(text) if not m["negated"]] == expected


def test_protective_equipment_set_aside_keeps_the_textiles() -> None:
    from actions.products import find_product_category

    found = find_product_category(KNOWLEDGE.agec, None, "les polos des agents, hors EPI")
    assert found is not None and found.id == "textiles"


def test_a_bare_request_read_as_out_of_scope_is_a_detail() -> None:
    assert classified("des pistes ?", "out_of_scope") == "inform"
    assert classified("des conseils pour mon potager bio ?", "out_of_scope") == "out_of_scope"


def test_a_town_heading_the_message_is_a_place() -> None:
    from nlu_components.location_extractor import LocationExtractor

    found = [entity["value"] for entity in LocationExtractor({}).extract("Saint-Omer, CCAS : un réseau ?")]
    assert found == ["commune:62765"]


def test_my_department_is_where_not_who() -> None:
    from nlu_components.buyer_type import find_buyer_types

    assert find_buyer_types("je voudrais le contact du facilitateur de mon département") == []
    assert find_buyer_types("nous sommes la région Bretagne")[0]["value"] == "collectivite"


async def test_an_unknown_fact_with_a_place_names_the_network_before_the_topics_offered() -> None:
    tracker = make_tracker(
        "Qui est le référent achats durables à la préfecture de la Manche ?",
        UNSURE,
        [entity("location", "departement:50")],
    )
    text, _ = await clarify(tracker)
    assert ": Votre réseau" not in text  # the route, then the line that introduces the buttons
    assert text.index("RAN COPER") < text.index("Voici aussi les sujets")


async def test_a_definition_asked_is_no_unknown_figure() -> None:
    text, _ = await clarify(make_tracker("c'est quoi la clause de révision des prix ?", UNSURE))
    assert "le prix de la clause" not in text
