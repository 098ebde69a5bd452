"""Pictures of what the Slack and Teams channels send for one answer (docs/slack-payload.png,
docs/teams-payload.png): the real payloads, drawn by a plain HTML mock-up in headless chromium.

The payloads are built by the channels' own functions (channels/slack.py reply_blocks,
channels/teams.py adaptive_card) from the reply the assistant gives to « Quel réseau pour un acheteur à
Rennes ? »; no Slack or Teams client is involved, and each picture says so in its caption. The JSON is
written next to each picture (docs/slack-payload.json, docs/teams-payload.json).

    python scripts/render_payloads.py --out docs
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import places  # noqa: E402
from actions.knowledge import knowledge_base  # noqa: E402
from actions.reply import Reply  # noqa: E402
from actions.territory import network_reply  # noqa: E402
from channels.slack import escape_mrkdwn, reply_blocks  # noqa: E402
from channels.teams import adaptive_card  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
QUESTION = "Quel réseau pour un acheteur à Rennes ?"
SLACK_LINK = re.compile(r"<(https?://[^|>]+)\|([^>]+)>")
MARKDOWN_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><style>
body {{
  margin: 0;
  padding: 24px;
  background: #f4f5f7;
  font: 15px/1.45 system-ui, sans-serif;
  color: #1d1c1d;
}}
.frame {{
  width: 640px;
  background: #fff;
  border: 1px solid #d8d8d8;
  border-radius: 8px;
  padding: 16px 20px;
}}
.caption {{
  width: 640px;
  margin: 12px 0 0;
  color: #5e5e5e;
  font-size: 13px;
}}
.who {{
  font-weight: 700;
  margin-bottom: 2px;
}}
.who span {{
  color: #616061;
  font-weight: 400;
  font-size: 12px;
}}
.user {{
  color: #616061;
  margin-bottom: 14px;
  font-style: italic;
}}
a {{
  color: #1264a3;
  text-decoration: none;
}}
.context {{
  color: #616061;
  font-size: 12.5px;
  margin-top: 8px;
}}
.context a {{
  color: #616061;
  text-decoration: underline;
}}
.actions {{
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  margin-top: 10px;
}}
.btn {{
  border: 1px solid #bbb;
  border-radius: 4px;
  padding: 4px 12px;
  font-weight: 600;
  font-size: 13.5px;
  background: #fff;
}}
.card {{
  border: 1px solid #e1dfdd;
  border-radius: 6px;
  padding: 12px 14px;
  margin-top: 10px;
}}
.small {{
  font-size: 12.5px;
  color: #605e5c;
}}
.small a {{
  color: #605e5c;
  text-decoration: underline;
}}
.teams .btn {{
  border-color: #6264a7;
  color: #6264a7;
  border-radius: 4px;
}}
.teams .btn.open {{
  background: #6264a7;
  color: #fff;
}}
.showcard {{
  border-top: 1px solid #e1dfdd;
  margin-top: 10px;
  padding-top: 10px;
}}
.section + .section {{
  margin-top: 8px;
}}
</style></head><body>{body}</body></html>"""


def mrkdwn_html(text: str) -> str:
    """Slack mrkdwn as HTML: <url|title> named links, *bold*, line breaks; the rest shown as text."""
    parts = []
    for index, piece in enumerate(SLACK_LINK.split(text)):
        if index % 3 == 0:  # text between links (Slack's own escaping undone, then escaped for HTML)
            shown = html.escape(html.unescape(piece), quote=False)
            parts.append(re.sub(r"\*([^*\n]+)\*", r"<b>\1</b>", shown).replace("\n", "<br>"))
        elif index % 3 == 1:
            url = html.escape(html.unescape(piece))
        else:
            parts.append(f'<a href="{url}">{html.escape(html.unescape(piece), quote=False)}</a>')
    return "".join(parts)


def markdown_html(text: str) -> str:
    """The Markdown subset of Teams text and TextBlocks as HTML: named links and line breaks."""
    escaped = html.escape(text, quote=False)
    return MARKDOWN_LINK.sub(lambda m: f'<a href="{m[2]}">{m[1]}</a>', escaped).replace("\n", "<br>")


def slack_html(blocks: List[Dict[str, Any]], fallback: str) -> str:
    parts = []
    for block in blocks:
        if block["type"] == "section":
            parts.append(f'<div class="section">{mrkdwn_html(block["text"]["text"])}</div>')
        elif block["type"] == "context":
            parts.append(f'<div class="context">{mrkdwn_html(block["elements"][0]["text"])}</div>')
        elif block["type"] == "actions":
            buttons = "".join(
                f'<span class="btn">{html.escape(b["text"]["text"])}</span>' for b in block["elements"]
            )
            parts.append(f'<div class="actions">{buttons}</div>')
    body = (
        f'<div class="frame"><div class="user">Vous : {html.escape(QUESTION)}</div>'
        f'<div class="who">Assistant achats durables <span>APP</span></div>{"".join(parts)}</div>'
        '<p class="caption">Rendu HTML de la charge utile Block Kit (chat.postMessage) que le canal Slack '
        "envoie pour cette réponse : sections, bloc de contexte pour les sources, boutons. Maquette tracée "
        "à partir du JSON, pas une capture de Slack. Texte de repli (notifications) : "
        f"« {html.escape(fallback[:60])}… »</p>"
    )
    return PAGE.format(body=body)


def teams_html(activity_text: str, card: Dict[str, Any]) -> str:
    content = card["content"]
    blocks = []
    for block in content["body"]:
        css = "small" if block.get("size") == "Small" else ""
        blocks.append(f'<div class="{css}" style="margin-top:6px">{markdown_html(block["text"])}</div>')
    buttons, opened = [], ""
    for action in content["actions"]:
        if action["type"] == "Action.ShowCard":
            buttons.append(f'<span class="btn open">{html.escape(action["title"])} ▾</span>')
            shown = "".join(f"<div>{markdown_html(b['text'])}</div>" for b in action["card"]["body"])
            opened = f'<div class="showcard">{shown}</div>'
        else:
            buttons.append(f'<span class="btn">{html.escape(action["title"])}</span>')
    body = (
        f'<div class="frame teams"><div class="user">Vous : {html.escape(QUESTION)}</div>'
        f'<div class="who">Assistant achats durables</div><div>{markdown_html(activity_text)}</div>'
        f'<div class="card">{"".join(blocks)}'
        f'<div class="actions">{"".join(buttons)}</div>{opened}</div></div>'
        '<p class="caption">Rendu HTML de l’activité Bot Framework que le canal Teams envoie pour cette '
        "réponse : le texte court, puis une Adaptive Card 1.4 (liens, sources en petit, « En savoir plus » "
        "en Action.ShowCard, ici ouvert, boutons Action.Submit). Maquette tracée à partir du JSON, pas une "
        "capture de Teams.</p>"
    )
    return PAGE.format(body=body)


def sample_reply() -> Reply:
    place = places.resolve_text(QUESTION)
    if place is None:
        raise SystemExit("Rennes not resolved by the place resolver")
    return network_reply(knowledge_base(), place)


def screenshot(page_html: str, path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 740, "height": 400}, device_scale_factor=2)
        page.set_content(page_html)
        page.screenshot(path=str(path), full_page=True)
        browser.close()


def main(argv: List[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    reply = sample_reply()
    blocks = reply_blocks(reply)
    slack = {"text": escape_mrkdwn(reply.text), "blocks": blocks}
    card = adaptive_card(reply)
    teams = {"type": "message", "text": reply.text, "textFormat": "markdown", "attachments": [card]}
    args.out.mkdir(parents=True, exist_ok=True)
    for name, payload in (("slack", slack), ("teams", teams)):
        (args.out / f"{name}-payload.json").write_text(
            json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    screenshot(slack_html(blocks, reply.text), args.out / "slack-payload.png")
    screenshot(teams_html(reply.text, card), args.out / "teams-payload.png")
    print(f"{args.out}/slack-payload.png, {args.out}/teams-payload.png (+ .json)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
