"""National facts about the regional networks asked directly (wt-networks14): the fact first, never the
overview « Dans de nombreuses régions… »; a big city ending a message, even misspelt, is a place."""

from __future__ import annotations

from dataclasses import replace
from typing import Optional

import pytest

import places
from actions import network_facts as nf
from actions.knowledge import knowledge_base
from actions.routing import route
from places.scan import misspelt_city
from tests.test_context_first import context, joined

KNOWLEDGE = knowledge_base()
OVERVIEW = "Dans de nombreuses régions"


@pytest.mark.parametrize(
    "text, facet",
    [
        ("combien y a-t-il de réseaux régionaux d'achats durables ?", nf.COUNT),
        ("nb de reseaux regionaux achats durables en france ?", nf.COUNT),
        ("combien d'adhérents compte le réseau ?", None),  # its members: not counted by the knowledge
        ("depuis quand existent les réseaux régionaux ?", nf.SINCE),
        ("depuis quand le CGDD anime les réseaux ?", None),  # the coordination's own date
        ("qui peut adhérer à un réseau régional ?", nf.WHO),
        ("est-ce qu'un hôpital peut rejoindre un réseau régional ?", nf.WHO),
        ("à quoi ça sert d'adhérer à un réseau régional ?", nf.DOES),
        ("comment on rejoint un reseau regional ?", nf.JOIN),
        ("l'adhésion à un réseau régional est-elle gratuite ?", nf.FEE),
        ("c payant d'adherer a un reseau ?", nf.FEE),
        ("est-ce que toutes les régions ont un réseau ?", nf.EVERY),
        ("quelles régions n'ont pas de réseau ?", nf.GAPS),
        ("existe-t-il un réseau national des acheteurs publics ?", nf.NATIONAL),
        ("le guichet vert est-il gratuit ?", None),  # another subject's own answer
        ("combien de facilitateurs dans le réseau ?", None),
        ("c'est quoi un réseau régional ?", None),
        ("concrètement un réseau régional ça fait quoi pour nous ?", nf.DOES),
        ("où trouver les webinaires des réseaux régionaux ?", nf.NEWS),
        ("a quoi sert l'inter reseaux exactement ? ses objectifs", None),
        ("combien de réseaux régionaux y aura-t-il en 2026 ?", None),  # another year: unknown
        ("combien y a-t-il de réseaux et combien d'acheteurs en sont membres ?", None),  # two counts
        (
            "jusqu'à quand s'inscrire au webinaire des réseaux ?",
            None,
        ),  # a deadline: unknown  # the inter-réseaux' own goals
        ("quelle est la tête de réseau nationale des Maisons de l'emploi ?", None),  # another network
    ],
)
def test_the_facet_asked(text: str, facet: Optional[str]) -> None:
    assert nf.network_facet(text) == facet


def test_a_count_asked_after_another_topic_is_not_the_networks() -> None:
    ctx = context("ask_network", "et les seuils de chaque niveau, c'est combien ?")
    ctx = replace(ctx, previous_question="ask_biosourced_label")
    assert "réseaux régionaux étaient actifs" not in joined(route(KNOWLEDGE, ctx).replies)


def test_a_follow_up_without_the_word_network_counts_when_the_conversation_is_on_them() -> None:
    assert nf.network_facet("et il y en a combien en France ?") is None
    assert nf.network_facet("et il y en a combien en France ?", about_networks=True) == nf.COUNT
    assert nf.network_facet("c'est gratuit ?", about_networks=True) == nf.FEE


def test_the_regions_without_a_known_network_are_those_no_entry_covers() -> None:
    missing = nf.regions_without_network(KNOWLEDGE)
    covered = {code for network in KNOWLEDGE.networks.networks for code in network.regions}
    names = {region.code: region.name for region in places.regions()}
    assert set(missing) == {name for code, name in names.items() if code not in covered}
    assert missing[:2] == ["Grand Est", "Corse"]  # metropolitan regions first


@pytest.mark.parametrize(
    "facet, first",
    [
        (nf.COUNT, "11 réseaux régionaux"),
        (nf.SINCE, "2002"),
        (nf.WHO, "acteurs publics"),
        (nf.DOES, "accompagnent"),
        (nf.JOIN, "RAPIDD"),
        (nf.FEE, "le coût de l'adhésion à un réseau régional ne figure pas"),
        (nf.NEWS, "webinaires"),
        (nf.EVERY, "Pas encore"),
        (nf.GAPS, "Grand Est"),
        (nf.NATIONAL, "CGDD"),
    ],
)
def test_the_fact_comes_first(facet: str, first: str) -> None:
    replies = nf.network_fact_replies(KNOWLEDGE, facet)
    assert replies
    assert first in replies[0].text.splitlines()[0]
    assert OVERVIEW not in joined(replies) and replies[-1].sources


def test_a_private_buyer_is_not_told_how_to_join_the_public_buyers_networks() -> None:
    assert nf.network_fact_replies(KNOWLEDGE, nf.JOIN, private=True) == []
    assert nf.network_fact_replies(KNOWLEDGE, nf.COUNT, private=True)


@pytest.mark.parametrize(
    "text, first",
    [
        ("quelles régions n'ont pas de réseau d'achats durables ?", "Grand Est"),
        ("comment adhérer au réseau régional d'achats durables ?", "RAPIDD"),
        ("combien y a-t-il de réseaux régionaux d'achats durables ?", "11"),
    ],
)
def test_routing_gives_the_fact_not_the_overview(text: str, first: str) -> None:
    text_out = joined(route(KNOWLEDGE, context("ask_network", text)).replies)
    assert first in text_out.splitlines()[0] and OVERVIEW not in text_out


def test_after_the_buyers_place_how_to_join_leads_with_rapidd_then_names_their_network() -> None:
    ctx = replace(context("follow_up", "comment on adhère ?", "commune:44109"), place_in_message=None)
    ctx = replace(ctx, question="ask_network", previous_question="ask_network")
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert text.startswith("Par la plateforme RAPIDD") and "RESECO" in text


def test_a_network_named_keeps_its_own_answer() -> None:
    text = joined(route(KNOWLEDGE, context("ask_network", "combien d'adhérents a RESECO ?")).replies)
    assert "11 réseaux régionaux" not in text.splitlines()[0]


@pytest.mark.parametrize(
    "text, key",
    [
        ("reseau achats durables marseille ?", "commune:13055"),
        ("reseau achats durables marseile", "commune:13055"),
    ],
)
def test_a_big_city_ending_the_message_is_a_place(text: str, key: str) -> None:
    found = places.resolve_text(text) or (misspelt_city(text) and places.resolve_key(misspelt_city(text).key))
    assert found is not None and found.key == key


@pytest.mark.parametrize("text", ["un reseau pour nos achats responsables", "des marchés de niche"])
def test_common_words_ending_a_message_are_no_city(text: str) -> None:
    assert places.resolve_text(text) is None and misspelt_city(text) is None


def test_how_to_join_asked_with_the_verb_first() -> None:
    assert nf.network_facet("et on en rejoint un comment ?", about_networks=True) == nf.JOIN


def test_the_buyers_network_asked_again_by_name_is_recalled_not_cut_to_the_overview() -> None:
    from actions.render import Reply
    from actions.structures import RECALL, recalled_structure

    shown = "Orléans (Loiret, Centre-Val de Loire) — votre réseau régional d'achats durables : RESECO."
    ctx = replace(context("ask_network", "quel réseau pour nous ?", "commune:45234"), place_in_message=None)
    ctx = replace(ctx, last_answer=shown)
    replies = recalled_structure(ctx, [Reply(shown)])
    assert replies[0].text == RECALL + shown
    # another question on the same answer keeps the usual treatment of repeats
    other = replace(ctx, text="et ils font quoi ?")
    assert recalled_structure(other, [Reply(shown)])[0].text == shown


def test_routing_recalls_the_buyers_network_asked_again() -> None:
    from actions.structures import RECALL

    shown = (
        "Orléans (Loiret, Centre-Val de Loire) — votre réseau régional d'achats durables : RESECO.\n"
        "Son site web n'est pas confirmé : passez par le portail national achats-durables.gouv.fr."
    )
    ctx = replace(context("ask_network", "quel réseau pour nous ?", "commune:45234"), place_in_message=None)
    ctx = replace(ctx, last_answer="Comme acheteur public, vous pouvez…", earlier_answers=(shown,))
    text = joined(route(KNOWLEDGE, ctx).replies)
    assert text.startswith(RECALL) and "RESECO" in text and OVERVIEW not in text
