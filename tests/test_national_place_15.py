"""Holdout 15 (wt-h15net): a national answer does not end by asking the buyer's place; a structure named
is answered with what it does and, asked « which region? », with its region; a platform to exchange with
peers is RAPIDD even when a place is given; a buyers' club asked for a known place is that place's club,
or said unknown there with the CCI and the regional network."""

from __future__ import annotations

from dataclasses import replace

import pytest

import places
from actions.knowledge import knowledge_base
from actions.local_clubs import clubs_of_place, local_club_replies
from actions.national import asks_own_area, strip_place_request
from actions.routing import route
from actions.structures import asks_what_named_does
from tests.test_context_first import context, joined

KNOWLEDGE = knowledge_base()
PLACE_REQUEST = ("indiquez-moi", "dites-moi où vous travaillez")


def asks_place(text: str) -> bool:
    return any(words in text.lower() for words in PLACE_REQUEST)


@pytest.mark.parametrize(
    "text, own",
    [
        ("il existe combien de réseaux d'acheteurs durables dans le pays ?", False),
        ("depuis quelle année les réseaux territoriaux existent-ils ?", False),
        ("l'inter-réseaux, ça sert à quoi ?", False),
        ("le guichet vert, qu'est-ce que c'est ?", False),
        ("y a-t-il un réseau dans notre région ?", True),
        ("un guichet vert pas loin de chez nous ?", True),
        ("qui contacter pour nous aider sur les clauses ?", True),
        ("combien de facilitateurs au niveau national ?", False),
    ],
)
def test_own_area_is_asked_only_with_a_cue(text: str, own: bool) -> None:
    assert asks_own_area(text) is own


def test_the_place_request_is_cut_as_a_clause_or_a_sentence() -> None:
    assert strip_place_request("Passez par RAPIDD ou indiquez-moi votre région.") == "Passez par RAPIDD."
    cut = strip_place_request("Ils sont 11.\nIndiquez-moi votre ville et je vous dirai lequel.")
    assert cut == "Ils sont 11."


@pytest.mark.parametrize(
    "intent, text, expected",
    [
        ("ask_network", "il existe combien de réseaux d'acheteurs durables dans le pays ?", "11"),
        ("ask_network", "ces réseaux régionaux ont été créés en quelle année, les premiers ?", "2002"),
        ("ask_network", "l'inter-réseaux commande publique durable, il sert à quoi ?", "inter-réseaux"),
        ("ask_guichet_vert", "le guichet vert, qu'est-ce que c'est exactement ?", "guichet vert"),
        ("ask_facilitator", "un facilitateur clause sociale, ça fait quoi ?", "facilitateur"),
    ],
)
def test_a_national_answer_does_not_ask_the_place(intent: str, text: str, expected: str) -> None:
    outcome = route(KNOWLEDGE, context(intent, text))
    said = joined(outcome.replies)
    assert expected in said
    assert not asks_place(said)


def test_the_facilitator_answer_offers_the_local_one_by_a_button() -> None:
    outcome = route(KNOWLEDGE, context("ask_facilitator", "un facilitateur clause sociale, ça fait quoi ?"))
    payloads = {button["payload"] for reply in outcome.replies for button in reply.buttons}
    assert "/ask_facilitator" in payloads


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_network", "je voudrais connaître le réseau de ma région"),
        ("ask_guichet_vert", "un guichet vert près de chez nous ?"),
    ],
)
def test_the_own_area_still_gets_the_place_asked(intent: str, text: str) -> None:
    outcome = route(KNOWLEDGE, context(intent, text))
    assert asks_place(joined(outcome.replies)) or outcome.awaiting_location


def test_what_a_named_structure_does() -> None:
    assert asks_what_named_does("et l'ARBE, elle fait quoi exactement ?")
    assert asks_what_named_does("quel est le rôle du CRAJEP ?")
    assert not asks_what_named_does("l'ARBE est en quelle région ?")
    ctx = context("ask_network", "Rés'Occ propose quoi aux acheteurs ?")
    said = joined(route(KNOWLEDGE, ctx).replies)
    entry = next(n for n in KNOWLEDGE.networks.networks if n.short_name == "Rés'Occ")
    assert entry.description.split(".")[0].strip() in said.replace("\n", " ")


def test_which_region_after_a_named_structure() -> None:
    shown = joined(route(KNOWLEDGE, context("ask_network", "le GIP Maximilien, il propose quoi ?")).replies)
    ctx = context("ask_network", "et ça couvre quelle région ?", last_answer=shown)
    ctx = replace(ctx, previous_question="ask_network")
    said = joined(route(KNOWLEDGE, ctx).replies)
    assert "Île-de-France" in said
    assert not asks_place(said)


def test_a_platform_to_exchange_is_rapidd_then_the_network_of_the_place() -> None:
    ctx = context(
        "ask_network",
        "service achats de la ville de Dijon : il y a une plateforme en ligne pour discuter avec d'autres "
        "acheteurs ?",
        "commune:21231",
    )
    said = joined(route(KNOWLEDGE, ctx).replies)
    assert "RAPIDD" in said
    assert said.index("RAPIDD") < said.index("Dijon")


def test_peers_nearby_without_a_platform_keep_the_network() -> None:
    ctx = context(
        "ask_network", "commune de Dijon, on veut échanger avec d'autres acheteurs du coin", "commune:21231"
    )
    said = joined(route(KNOWLEDGE, ctx).replies)
    assert "Dijon" in said.splitlines()[0]


def test_the_club_of_a_place_is_found_by_its_department() -> None:
    topic = KNOWLEDGE.topics["ask_cci"]
    montpellier = places.resolve_key("commune:34172")
    assert any("CSA 34" in one for one in clubs_of_place(topic, montpellier))
    haute_garonne = places.resolve_key("departement:31")
    assert any("Toulouse" in one for one in clubs_of_place(topic, haute_garonne))
    assert clubs_of_place(topic, places.resolve_key("departement:29")) == []


def test_no_club_known_is_said_with_the_cci_and_the_network() -> None:
    brest = places.resolve_key("commune:29019")
    replies = local_club_replies(KNOWLEDGE, brest, "un club d'acheteurs existe à Brest ?")
    said = joined(replies)
    assert said.startswith("Mes sources ne citent pas de club d'acheteurs pour Brest")
    assert "CCI" in said and "RESECO" in said
    private = local_club_replies(KNOWLEDGE, brest, "un club d'acheteurs à Brest ?", public_too=False)
    assert "RESECO" not in joined(private)
    assert local_club_replies(KNOWLEDGE, brest, "la CCI de Brest aide les acheteurs ?") == []


def test_a_club_asked_with_a_remembered_place() -> None:
    here = places.resolve_key("departement:34")
    ctx = context("ask_cci", "et un club d'acheteurs chez nous, ça existe ?")
    ctx = replace(ctx, place=here)
    said = joined(route(KNOWLEDGE, ctx).replies)
    assert "CSA 34" in said


def test_what_a_structure_named_alone_does() -> None:
    # no topic read (« que fait X ? » is no known question): the structure's entry says what it does
    ctx = context("nlu_fallback", "et l'ARBE, elle fait quoi au juste pour nous ?", question=None)
    outcome = route(KNOWLEDGE, ctx)
    said = joined(outcome.replies)
    assert said.startswith("ARBE") and "guichet vert" in said
