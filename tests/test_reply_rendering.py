"""One structured reply, rendered by Slack (Block Kit) and Teams (Adaptive Card) without any server.

The same reply in each channel's idiom: the answer first, the sources small and named with the date
consulted, « En savoir plus » (a Slack button that asks for a second message; a Teams ShowCard that opens
in place), the buttons. The widget: tests/system/test_widget_browser.py; the terminal:
tests/test_terminal_client.py.
"""

from __future__ import annotations

import json
import re
from datetime import date

from actions.reply import DETAILS_PAYLOAD, Link, Reply, SourceLink
from channels.slack import BUTTON_TITLE_LIMIT, SECTION_TEXT_LIMIT, reply_blocks
from channels.teams import ADAPTIVE_CARD, CARD_ACTIONS, adaptive_card

RAW_URL = re.compile(r"https?://")
REPLY = Reply(
    text="Pour Rennes (Ille-et-Vilaine, Bretagne), le réseau régional est RESECO & co <b>.",
    buttons=[
        {"title": "Le guichet vert", "payload": "/ask_guichet_vert"},
        {"title": "La plateforme RAPIDD", "payload": "/ask_rapidd"},
    ],
    details="RESECO, réseau d'acheteurs publics du Grand Ouest.\n• Son périmètre reste à confirmer.",
    links=[Link("Site de RESECO", "https://example.org/reseco?a=1&b=2")],
    detail_links=[Link("Portail national", "https://example.org/portail")],
    sources=[
        SourceLink(
            "Cours : Appuyez-vous sur des réseaux nationaux et locaux",
            "https://example.org/c",
            date(2026, 11, 30),
        ),
        SourceLink("Décret [n° 2024-134] | Légifrance", "https://example.org/d", date(2026, 11, 25)),
    ],
)


def test_slack_block_kit_section_links_context_then_buttons() -> None:
    blocks = reply_blocks(REPLY)
    assert [block["type"] for block in blocks] == ["section", "section", "context", "actions"]
    answer = blocks[0]["text"]["text"]
    assert answer.startswith("Pour Rennes") and "&amp; co &lt;b&gt;" in answer  # Slack's escaping
    assert not RAW_URL.search(answer)
    assert blocks[1]["text"]["text"] == "<https://example.org/reseco?a=1&amp;b=2|Site de RESECO>"
    context = blocks[2]["elements"][0]
    assert context["type"] == "mrkdwn"
    assert context["text"] == (
        "Sources : <https://example.org/c|Cours : Appuyez-vous sur des réseaux nationaux et locaux> · "
        "<https://example.org/d|Décret [n° 2024-134] – Légifrance> — consultées les 25 et 30 novembre 2026"
    )
    buttons = [(b["text"]["text"], b["value"]) for b in blocks[3]["elements"]]
    assert buttons == [
        ("En savoir plus", DETAILS_PAYLOAD),
        ("Le guichet vert", "/ask_guichet_vert"),
        ("La plateforme RAPIDD", "/ask_rapidd"),
    ]
    assert all(len(title) <= BUTTON_TITLE_LIMIT for title, _ in buttons)


def test_slack_long_details_are_split_in_sections_without_the_details_button() -> None:
    details = Reply(text="mot " * 2000, buttons=REPLY.buttons, kind="details")
    blocks = reply_blocks(details)
    sections = [block for block in blocks if block["type"] == "section"]
    assert len(sections) >= 3 and all(len(b["text"]["text"]) <= SECTION_TEXT_LIMIT for b in sections)
    values = [
        element["value"] for block in blocks if block["type"] == "actions" for element in block["elements"]
    ]
    assert DETAILS_PAYLOAD not in values


def test_teams_adaptive_card_sources_details_in_place_and_buttons() -> None:
    attachment = adaptive_card(REPLY)
    assert attachment["contentType"] == ADAPTIVE_CARD
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    links, sources = card["body"]
    assert links["text"] == "[Site de RESECO](https://example.org/reseco?a=1&b=2)"
    assert sources["size"] == "Small" and sources["isSubtle"] is True
    assert sources["text"].startswith(
        "Sources : [Cours : Appuyez-vous sur des réseaux nationaux et locaux](https://example.org/c) · "
        "[Décret (n° 2024-134) | Légifrance](https://example.org/d) — consultées les "
    )
    show, *submits = card["actions"]
    assert show["type"] == "Action.ShowCard" and show["title"] == "En savoir plus"
    assert [block["text"] for block in show["card"]["body"]] == [
        REPLY.details,
        "[Portail national](https://example.org/portail)",
    ]
    assert [(a["type"], a["title"], a["data"]["payload"]) for a in submits] == [
        ("Action.Submit", "Le guichet vert", "/ask_guichet_vert"),
        ("Action.Submit", "La plateforme RAPIDD", "/ask_rapidd"),
    ]
    assert all(
        a["data"]["msteams"]
        == {"type": "messageBack", "displayText": a["title"], "text": a["data"]["payload"]}
        for a in submits
    )
    assert len(card["actions"]) <= CARD_ACTIONS
    json.dumps(card)  # serialisable as it is posted


def test_teams_card_without_details_has_no_show_card_and_caps_its_actions() -> None:
    many = Reply(text="Réponse.", buttons=[{"title": f"b{i}", "payload": f"/p{i}"} for i in range(9)])
    card = adaptive_card(many)["content"]
    assert card["body"] == []
    assert [action["type"] for action in card["actions"]] == ["Action.Submit"] * CARD_ACTIONS
