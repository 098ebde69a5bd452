"""The dashboard end to end: real conversations through the running assistant, the report on its store,
the page in a real headless Chromium (Debian package, driven by Playwright; never `playwright install`).

The assistant is started through the production entry point (scripts/serve http) with a fresh SQLite
store; ~20 scripted conversations go through its REST channel, then 👍 / 👎 on some answers (a comment
after a 👎, a vote changed) as the widget sends them; `python -m reporting` (what `make report` runs)
writes the page from that store. The page's figures must match what was sent. The screenshot is
written to DASHBOARD_SCREENSHOT when set (`make dashboard-screenshot`: docs/dashboard.png).
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import pytest
import requests
from playwright.sync_api import Page, sync_playwright

from actions.reply import vote_payload
from reporting.misses import COLUMNS, THUMBS_DOWN_REASON
from tests.support.servers import free_port, serve, store_env, wait_assistant
from textnorm import normalize

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EMAIL = "jean.dupont@example.fr"
INJECTION = '<img src=x onerror="window.__xss=1">'

# One list per conversation (its sender is dash-NN): questions with and without a place, a location
# form answered, button payloads, small talk, gibberish twice in two spellings, out-of-scope questions,
# personal data and markup.
CONVERSATIONS: List[List[str]] = [
    ["bonjour", "Quel est mon réseau régional ?", "je travaille à Rennes", "merci"],
    ["Quel réseau pour un acheteur à Lyon ?"],
    ["Qui est le facilitateur de la clause sociale à Marseille ?"],
    ["La loi AGEC s'applique-t-elle à mon achat de papier ?", "et pour du mobilier de bureau ?"],
    ["C'est quoi le guichet vert ?", "/ask_network", "Finistère"],
    ["zblorf quux"],
    ["Zblorf  quux !"],
    ["recette du bœuf bourguignon"],
    ["Quel temps fera-t-il demain ?"],
    ["Comment intégrer une clause sociale d'insertion dans mon marché ?"],
    ["Qu'est-ce que le PNAD ?", "merci beaucoup"],
    ["C'est quoi la plateforme RAPIDD ?"],
    ["Je cherche des matériaux biosourcés pour un bâtiment neuf"],
    ["Quels écolabels puis-je exiger dans un appel d'offres ?"],
    [f"Écrivez-moi à {EMAIL} pour en parler"],
    [INJECTION],
    ["Quel réseau d'achats durables en Corse ?"],
    ["bonjour", "que sais-tu faire ?", "au revoir"],
    ["/ask_guichet_vert", "merci"],
    ["qsdkjqsd lkqjsd"],
    ["Je suis acheteur dans le 69, quel est mon réseau ?"],
    ["c'est quoi un marché réservé ?"],
]
SENT = sum(len(messages) for messages in CONVERSATIONS)
COMMENT = f"Il manquait le contact du réseau, écrivez-moi à {EMAIL}"
MASKED_COMMENT = "Il manquait le contact du réseau, écrivez-moi à [adresse e-mail masquée]"
# Votes on the answer to a conversation's message (conversation number, message index): in order, as
# the widget sends them (a 👎, then the 👎 with its comment); the latest vote on an answer counts.
VOTES: List[Tuple[int, int, str, str]] = [
    (2, 0, "down", ""),
    (2, 0, "down", COMMENT),
    (4, 0, "up", ""),
    (10, 0, "down", ""),
    (12, 0, "down", ""),
    (12, 0, "up", ""),  # changed
]


@dataclass
class Report:
    html: Path
    csv: Path
    store: Path
    probe_messages: int  # readiness checks of wait_assistant ("bonjour" from readiness-probe)
    replies: Dict[str, List[str]]
    answers: Dict[Tuple[int, int], str]  # (conversation, message index) -> id of the answer to rate


def stored_user_messages(store: Path, sender: str) -> int:
    """Counted with SQL on Rasa's own table, independently of the report's code."""
    with sqlite3.connect(store) as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)
        ).fetchone()
    return int(count)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Report]:
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` first")
    directory = tmp_path_factory.mktemp("dashboard")
    env = store_env(directory)
    served = serve("http", env, directory / "assistant.log", free_port(), action_port=free_port())
    replies: Dict[str, List[str]] = {}
    answers: Dict[Tuple[int, int], str] = {}

    def say(sender: str, text: str) -> List[Dict[str, Any]]:
        answer = requests.post(
            f"{served.url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        assert answer.status_code == 200, (text, answer.status_code, answer.text)
        return answer.json()

    try:
        wait_assistant(served)
        for number, messages in enumerate(CONVERSATIONS, start=1):
            sender = f"dash-{number:02d}"
            for index, text in enumerate(messages):
                said = say(sender, text)
                replies.setdefault(sender, []).append(" ".join(m.get("text", "") for m in said))
                rated = [m["custom"]["id"] for m in said if (m.get("custom") or {}).get("id")]
                if rated:
                    answers[(number, index)] = rated[0]
        for number, index, vote, comment in VOTES:
            assert (number, index) in answers, f"no answer to rate in conversation {number}: {replies}"
            say(f"dash-{number:02d}", vote_payload(answers[(number, index)], vote, comment))
    finally:
        served.stop()
    store = directory / "conversations.db"
    html, exported = directory / "dashboard.html", directory / "fallbacks.csv"
    run = subprocess.run(
        [sys.executable, "-m", "reporting", "--out", str(html), "--csv", str(exported)],
        cwd=ROOT,
        env=dict(os.environ, **env, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    yield Report(html, exported, store, stored_user_messages(store, "readiness-probe"), replies, answers)


@pytest.fixture(scope="module")
def page(report: Report) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        errors: List[str] = []
        requests_made: List[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.on("request", lambda request: requests_made.append(request.url))
        tab.goto(report.html.as_uri())
        tab.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 6")
        tab.wait_for_timeout(500)  # the last layout pass of plotly (legends, annotations)
        assert errors == [], errors
        assert all(
            url.startswith(("file:", "data:", "blob:")) for url in requests_made
        ), requests_made  # offline
        yield tab
        context.close()
        browser.close()


def plotted(page: Page, div_id: str) -> List[Dict[str, Any]]:
    """The traces plotly drew in a div: its data as the browser holds it."""
    return page.evaluate(
        "(id) => document.getElementById(id).data.map(t => ({name: t.name, x: t.x, y: t.y, z: t.z}))", div_id
    )


def page_data(page: Page) -> Dict[str, Any]:
    return json.loads(page.evaluate("document.getElementById('dashboard-data').textContent"))


def test_every_chart_is_drawn_by_plotly(page: Page) -> None:
    charts = page.evaluate(
        """() => [...document.querySelectorAll('.js-plotly-plot')].map(div => ({
            id: div.id,
            svg: div.querySelectorAll('svg.main-svg').length,
            drawn: div.querySelectorAll('g.trace, g.hm, image').length,
            width: div.getBoundingClientRect().width}))"""
    )
    assert {c["id"] for c in charts} >= {
        "fig-days",
        "fig-miss-rate",
        "fig-topics",
        "fig-regions",
        "fig-miss-grid",
        "fig-latency",
    }
    for chart in charts:
        assert chart["svg"] >= 1 and chart["drawn"] >= 1 and chart["width"] > 300, chart


def test_conversations_and_messages_match_what_was_sent(page: Page, report: Report) -> None:
    probe = report.probe_messages
    conversations = len(CONVERSATIONS) + (1 if probe else 0)
    messages = SENT + probe
    days = {trace["name"]: trace for trace in plotted(page, "fig-days")}
    assert sum(days["Conversations"]["y"]) == conversations
    assert sum(days["Messages"]["y"]) == messages
    data = page_data(page)
    assert (data["conversations"], data["messages"]) == (conversations, messages)
    assert data["typed"] == messages - 2  # the two button payloads
    assert data["latency_count"] == messages  # every message got an answer
    assert page.locator(".kpi", has_text="conversations").locator(".kpi-value").inner_text() == str(
        conversations
    )


def test_topics_and_regions_come_from_the_conversations(page: Page) -> None:
    data = page_data(page)
    assert data["topics"]["ask_network"][0] >= 3  # Rennes (form), Lyon, the 69 (typed and understood)
    assert data["topics"]["ask_network"][1] == 1  # the button of conversation 5
    assert data["topics"]["ask_guichet_vert"][1] == 1
    regions = data["regions"]
    assert regions["Bretagne"][0] >= 2  # Rennes, the Finistère (the guichet vert came before the place)
    assert regions["Auvergne-Rhône-Alpes"][0] >= 2  # Lyon, the 69
    assert regions["Provence-Alpes-Côte d'Azur"][0] >= 1  # Marseille
    topic_bars = {trace["name"]: trace for trace in plotted(page, "fig-topics")}
    assert "Mon réseau régional" in topic_bars["Écrites et comprises"]["y"]
    region_bars = plotted(page, "fig-regions")[0]
    assert "Bretagne" in region_bars["y"] and "Lieu non précisé" in region_bars["y"]


def test_not_understood_messages_are_grouped_masked_and_exported(page: Page, report: Report) -> None:
    data = page_data(page)
    groups = {normalize(message).strip(" !"): (count, rows) for message, count, rows in data["groups"]}
    assert groups["zblorf quux"] == (2, 2)  # two spellings, one group
    assert data["misses"] >= 4  # the two zblorf, the bourguignon, the weather, qsdkjqsd...
    table = page.locator("table.misses")
    assert "zblorf quux" in table.inner_text().lower()

    html = report.html.read_text(encoding="utf-8")
    assert EMAIL not in html and EMAIL not in report.csv.read_text(encoding="utf-8-sig")
    assert page.evaluate("window.__xss") is None  # the markup is shown, never run

    with page.expect_download() as download_info:
        page.locator("#export-csv").click()
    download = download_info.value
    assert page.evaluate("document.getElementById('export-csv').href").startswith("blob:")  # no size cap
    assert download.suggested_filename.startswith("messages-a-annoter-")
    exported = Path(download.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert list(rows[0]) == COLUMNS
    assert exported == report.csv.read_text(encoding="utf-8-sig")  # the same CSV as --csv / report-fallbacks
    misses = [row for row in rows if row["reason"] != THUMBS_DOWN_REASON]
    assert sum(int(row["count"]) for row in misses) == data["misses"]
    assert {normalize(row["message"]).strip(" !") for row in rows[:2]} == {"zblorf quux"}


def test_votes_and_comments_show_with_their_answers_and_in_the_export(page: Page, report: Report) -> None:
    """Issue 13: the votes sent through the server count once per answer (the latest), per topic; the
    👎 are listed with the message answered, the answer's topic and entries and the comment, masked;
    the export to annotate has them."""
    data = page_data(page)
    assert data["votes"] == {"down": 2, "up": 2}  # conversation 12's 👎 became a 👍
    assert "2 sur 4 votes" in page.locator(".kpi", has_text="votes").inner_text()
    grid = plotted(page, "fig-vote-grid")[0]
    assert "Mon réseau régional" in grid["y"]
    downvotes = data["downvotes"]
    assert [d["asked"] for d in downvotes] == [CONVERSATIONS[9][0], CONVERSATIONS[1][0]]  # newest first
    assert [d["comment"] for d in downvotes] == ["", MASKED_COMMENT]
    assert downvotes[1]["topic"] == "ask_network" and downvotes[1]["entries"]
    table = page.locator("#downvotes table").inner_text()
    assert MASKED_COMMENT in table and "sans commentaire" in table and CONVERSATIONS[1][0] in table
    assert EMAIL not in page.content()
    rows = list(csv.DictReader(io.StringIO(report.csv.read_text(encoding="utf-8-sig"))))
    rated = [row for row in rows if row["reason"] == THUMBS_DOWN_REASON]
    assert [(row["message"], row["best_intent"], row["comment"]) for row in rated] == [
        (CONVERSATIONS[9][0], downvotes[0]["topic"], ""),
        (CONVERSATIONS[1][0], "ask_network", MASKED_COMMENT),
    ]
    assert rated[1]["entries"].split() == downvotes[1]["entries"]


def test_the_latency_is_summarised_and_the_page_saved(page: Page, tmp_path: Path) -> None:
    percentiles = page.locator("table.percentiles").inner_text()
    assert "médiane" in percentiles and "95e centile" in percentiles
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    target = os.environ.get("DASHBOARD_SCREENSHOT")
    if target:
        shutil.copyfile(shot, ROOT / target if not os.path.isabs(target) else target)
