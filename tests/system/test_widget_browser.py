"""The intranet widget in a real headless Chromium (Debian package) against the real assistant.

Chromium is driven by Playwright with the system binary (never `playwright install`). Pages other
than the assistant's own demo page (an "intranet page" on another origin) are served by a small
static HTTP server on loopback; a TCP relay on loopback plays a server that goes down and comes back.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import re
import socket
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, List, Optional

import pytest
import requests
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import Assistant, free_port
from tests.support.servers import serve, store_env, wait_assistant

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HOST_ID = "assistant-achats-durables-widget"
ANSWER_TIMEOUT_MS = 90_000
INJECTIONS = [
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '<svg onload="window.__xss=1"></svg><a href="javascript:alert(1)">clic</a>',
]

ROOT_JS = f"document.getElementById('{HOST_ID}').shadowRoot"


def widget_js(body: str) -> str:
    """A page function `(arg) => ...` whose `root` is the widget's shadow root."""
    return "(arg) => { const root = " + ROOT_JS + "; " + body + " }"


def in_widget(page: Page, body: str, arg: Any = None) -> Any:
    return page.evaluate(widget_js(body), arg)


# --------------------------------------------------------------------------- loopback helpers


class StaticSite:
    """Pages of an 'intranet' on another origin than the assistant (127.0.0.1:<port>)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        handler = functools.partial(QuietHandler, directory=str(directory))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def page(self, name: str, script_src: str, **data: str) -> str:
        """Writes an intranet page that embeds the widget with one tag; returns its URL."""
        attributes = "".join(f' data-{key}="{value}"' for key, value in data.items())
        (self.directory / name).write_text(
            '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Intranet</title></head>'
            f"<body><h1>Intranet</h1><p>Une page de l'intranet.</p>"
            f'<script src="{script_src}"{attributes} defer></script></body></html>',
            encoding="utf-8",
        )
        return f"{self.origin}/{name}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (signature of the base class)
        pass


class TcpRelay:
    """Forwards 127.0.0.1:port to a target port; stop() closes it like a server going down."""

    def __init__(self, target_port: int, port: Optional[int] = None) -> None:
        self.target_port = target_port
        self.port = port or free_port()
        self.listener: Optional[socket.socket] = None
        self.connections: List[socket.socket] = []
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self.lock:
                self.connections += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)

    def stop(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(OSError):
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        with self.lock:
            for connection in self.connections:
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
                connection.close()
            self.connections = []


# --------------------------------------------------------------------------- browser fixtures


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticSite]:
    static = StaticSite(tmp_path_factory.mktemp("intranet"))
    yield static
    static.close()


@dataclass
class Tab:
    """A page in a fresh browser context, with what it did that it must never do."""

    page: Page
    dialogs: List[str] = field(default_factory=list)
    errors: List[str] = field(default_factory=list)
    requests: List[str] = field(default_factory=list)


def new_tab(browser: Browser, **context_options: Any) -> Iterator[Tab]:
    context = browser.new_context(locale="fr-FR", **context_options)
    page = context.new_page()
    tab = Tab(page)

    def on_dialog(dialog: Any) -> None:
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page.on("request", lambda request: tab.requests.append(request.url))
    page.set_default_timeout(15_000)
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def tab(browser: Browser) -> Iterator[Tab]:
    yield from new_tab(browser, viewport={"width": 1280, "height": 800})


@pytest.fixture
def phone(browser: Browser) -> Iterator[Tab]:
    yield from new_tab(
        browser, viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True, device_scale_factor=2
    )


# --------------------------------------------------------------------------- widget helpers


def open_widget(page: Page) -> None:
    page.get_by_role("button", name="Ouvrir la conversation avec l'assistant").click()
    expect(page.locator(".aw-panel")).to_be_visible()


def bot_count(page: Page) -> int:
    return page.locator(".aw-bot").count()


def wait_answer(page: Page, bots_before: int) -> str:
    """Waits for the bot messages of the turn; returns their text."""
    page.wait_for_function(
        widget_js(
            "return root.querySelectorAll('.aw-bot').length > arg "
            "&& root.querySelector('.aw-typing').hidden;"
        ),
        arg=bots_before,
        timeout=ANSWER_TIMEOUT_MS,
    )
    return "\n".join(page.locator(".aw-bot").all_inner_texts()[bots_before:])


def ask(page: Page, text: str) -> str:
    before = bot_count(page)
    page.locator(".aw-input").fill(text)
    page.locator(".aw-input").press("Enter")
    return wait_answer(page, before)


def stored_state(page: Page, server: str) -> dict:
    raw = page.evaluate("(key) => localStorage.getItem(key)", f"assistant-achats-durables:{server}")
    return json.loads(raw)


def focused_class(page: Page) -> str:
    return in_widget(page, "return root.activeElement ? root.activeElement.className : '';")


# --------------------------------------------------------------------------- tests


def screenshot_path(tmp_path: Path, name: str) -> str:
    """docs/ paths when WIDGET_SCREENSHOT is set (make widget-screenshot): widget.png and widget-phone.png."""
    chosen = os.environ.get("WIDGET_SCREENSHOT")
    if not chosen:
        return str(tmp_path / f"{name}.png")
    target = Path(chosen)
    return str(target if name == "widget" else target.with_name(f"{target.stem}-phone{target.suffix}"))


def test_demo_page_answers_with_its_source_and_a_link(tab: Tab, assistant: Assistant, tmp_path: Path) -> None:
    """Issue 12: the short answer in the bubble, « En savoir plus » as a disclosure, the sources as
    small titled links under the bubble with the date consulted; no raw URL in the text."""
    page = tab.page
    page.goto(f"{assistant.url}/")
    expect(page).to_have_title(re.compile("Assistant achats durables"))
    open_widget(page)
    expect(page.locator(".aw-input")).to_be_focused()

    answer = ask(page, "Quel réseau pour un acheteur à Rennes ?")

    assert "Bretagne" in answer and "RESECO" in answer
    assert not re.search(r"https?://", answer)
    sources = page.locator(".aw-bot-group .aw-sources").last
    expect(sources).to_contain_text(re.compile(r"^Sources?\s:\s.+ — consultées? les? .+ 20\d\d$"))
    links = sources.locator("a").evaluate_all(
        "links => links.map(a => ({href: a.href, text: a.textContent, target: a.target, rel: a.rel}))"
    )
    assert 1 <= len(links) <= 2, links
    for link in links:
        assert link["href"].startswith("https://")
        assert link["text"] and not link["text"].startswith("http")  # a title, never the raw address
        assert link["target"] == "_blank"
        assert set(link["rel"].split()) >= {"noopener", "noreferrer"}
    # « En savoir plus »: closed at first, opens in place (no new request), text only.
    disclosure = page.locator(".aw-bot .aw-details").last
    expect(disclosure).not_to_have_attribute("open", "")
    expect(disclosure.locator(".aw-details-body")).to_be_hidden()
    requests_before = len(tab.requests)
    disclosure.locator("summary").click()
    expect(disclosure.locator(".aw-details-body")).to_be_visible()
    expect(disclosure.locator(".aw-details-body")).to_contain_text("Grand Ouest")
    assert len(tab.requests) == requests_before
    expect(page.locator(".aw-reply", has_text="En savoir plus")).to_have_count(0)  # the disclosure is enough
    disclosure.locator("summary").click()
    # Screenshot (docs/widget.png with WIDGET_SCREENSHOT): the question at the top of the conversation.
    page.set_viewport_size({"width": 1280, "height": 900})
    in_widget(
        page,
        "const log = root.querySelector('.aw-log'); "
        "const asked = [...root.querySelectorAll('.aw-user')].pop(); "
        "log.scrollTop = asked.offsetTop - log.offsetTop - 12;",
    )
    page.screenshot(path=screenshot_path(tmp_path, "widget"))
    assert tab.dialogs == [] and tab.errors == []


def test_more_details_with_the_keyboard_and_after_a_reload(tab: Tab, assistant: Assistant) -> None:
    page = tab.page
    page.goto(f"{assistant.url}/")
    open_widget(page)
    ask(page, "c'est quoi le PNAD ?")
    summary = page.locator(".aw-bot .aw-details summary").last
    summary.focus()
    assert "aw-more" in focused_class(page)
    page.keyboard.press("Enter")
    body = page.locator(".aw-bot .aw-details-body").last
    expect(body).to_be_visible()
    expect(body).to_contain_text("15 mars 2022")
    page.keyboard.press("Enter")
    expect(body).to_be_hidden()
    # The structured answer is kept with the conversation: after a reload, the same parts.
    page.reload()
    expect(page.locator(".aw-panel")).to_be_visible()
    expect(page.locator(".aw-bot .aw-details summary").last).to_have_text("En savoir plus")
    expect(page.locator(".aw-sources").last).to_contain_text("consultée")
    assert tab.errors == []


def test_root_keeps_rasa_answer_for_scripts_and_serves_assets(assistant: Assistant) -> None:
    plain = requests.get(f"{assistant.url}/", timeout=10)
    assert plain.text.startswith("Hello from Rasa")
    html = requests.get(f"{assistant.url}/", headers={"Accept": "text/html"}, timeout=10)
    assert html.headers["Content-Type"].startswith("text/html") and "widget/widget.js" in html.text
    assert "script-src 'self'" in html.headers["Content-Security-Policy"]
    script = requests.get(f"{assistant.url}/widget/widget.js", timeout=10)
    assert script.ok and script.headers["Content-Type"].startswith("application/javascript")
    assert (
        requests.get(f"{assistant.url}/widget/widget.css", timeout=10)
        .headers["Content-Type"]
        .startswith("text/css")
    )
    for name in ("../credentials.yml", "..%2Fcredentials.yml", "nope.js"):
        assert requests.get(f"{assistant.url}/widget/{name}", timeout=10).status_code == 404


def test_quick_reply_sends_its_payload_and_shows_its_title(tab: Tab, assistant: Assistant) -> None:
    page = tab.page
    page.goto(f"{assistant.url}/")
    open_widget(page)
    ask(page, "que sais-tu faire ?")
    replies = page.locator(".aw-reply")
    titles = replies.all_inner_texts()
    assert len(titles) >= 2, titles
    choice = next((t for t in titles if "guichet vert" in t.lower()), titles[0])

    before = bot_count(page)
    replies.filter(has_text=choice).first.click()
    answer = wait_answer(page, before)

    assert page.locator(".aw-user-text").last.inner_text() == choice
    assert answer.strip()
    if "guichet vert" in choice.lower():  # the payload (/ask_guichet_vert) reached the assistant
        assert "guichet vert" in answer.lower()
    # The previous turn's quick replies are gone: only the last answer's buttons (if any) remain.
    assert page.locator(".aw-replies").count() <= 1
    assert tab.dialogs == [] and tab.errors == []


def test_conversation_survives_a_reload(tab: Tab, assistant: Assistant) -> None:
    page = tab.page
    page.goto(f"{assistant.url}/")
    open_widget(page)
    assert re.search(
        r"Où travaillez-vous|Indiquez-moi votre ville", ask(page, "Quel est mon réseau régional ?")
    )
    sender = stored_state(page, assistant.url)["sender"]

    page.reload()

    expect(page.locator(".aw-panel")).to_be_visible()  # it was open: it stays open
    expect(page.locator(".aw-user-text")).to_have_text(["Quel est mon réseau régional ?"])
    expect(page.locator(".aw-bot").last).to_contain_text(
        re.compile(r"Où travaillez-vous|Indiquez-moi votre ville")
    )
    assert stored_state(page, assistant.url)["sender"] == sender
    # Same conversation on the server: the location answers the question asked before the reload.
    answer = ask(page, "je suis à Lille")
    assert "Hauts-de-France" in answer


def test_injected_markup_is_shown_literally_and_never_runs(tab: Tab, assistant: Assistant) -> None:
    page = tab.page
    page.goto(f"{assistant.url}/")
    open_widget(page)
    for payload in INJECTIONS:
        ask(page, payload)
    expect(page.locator(".aw-user-text")).to_have_text(INJECTIONS)

    # Bot side: a knowledge-base text with markup, a javascript: link and a hostile button title.
    state = stored_state(page, assistant.url)
    state["messages"].append(
        {
            "from": "bot",
            "text": "<img src=x onerror=alert(2)> **<b>gras</b>** javascript:alert(3) https://example.org/ok\n"
            "• <script>alert(4)</script>",
            "buttons": [{"title": "<img src=x onerror=alert(5)>", "payload": "/greet"}],
        }
    )
    page.evaluate(
        "([key, value]) => localStorage.setItem(key, value)",
        [f"assistant-achats-durables:{assistant.url}", json.dumps(state)],
    )
    page.reload()
    expect(page.locator(".aw-panel")).to_be_visible()
    last = page.locator(".aw-bot").last
    expect(last).to_contain_text("<img src=x onerror=alert(2)>")
    expect(last.locator("strong")).to_have_text("<b>gras</b>")
    expect(last.locator("li")).to_have_text("<script>alert(4)</script>")
    assert last.locator("a").evaluate_all("links => links.map(a => a.href)") == ["https://example.org/ok"]
    # The hostile title is the last quick reply (the real answers before it may offer their own).
    expect(page.locator(".aw-reply").last).to_have_text("<img src=x onerror=alert(5)>")

    forbidden = (
        "img, script, iframe, object, embed, svg:not([aria-hidden]), [onerror], [onload], "
        "a[href^=javascript]"
    )
    created = in_widget(page, "return root.querySelectorAll(arg).length;", forbidden)
    assert created == 0
    assert page.evaluate("document.querySelectorAll('img, iframe').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 1  # the widget's own tag
    assert page.evaluate("window.__xss") is None
    assert tab.dialogs == []
    assert not [url for url in tab.requests if url.endswith("/x")]


def test_keyboard_only(tab: Tab, assistant: Assistant) -> None:
    page = tab.page
    page.goto(f"{assistant.url}/")
    launcher = page.locator(".aw-launcher")  # hidden while the panel is open
    expect(page.get_by_role("button", name="Ouvrir la conversation avec l'assistant")).to_be_visible()

    page.keyboard.press("Tab")
    assert "aw-launcher" in focused_class(page)
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(page.locator(".aw-panel")).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Votre message")).to_be_focused()
    log = page.get_by_role("log", name="Conversation avec l'assistant")
    expect(log).to_have_attribute("aria-live", "polite")

    before = bot_count(page)
    page.keyboard.type("que sais-tu faire ?")
    page.keyboard.press("Enter")
    wait_answer(page, before)
    expect(page.locator(".aw-input")).to_be_focused()

    page.keyboard.press("Tab")
    assert "aw-send" in focused_class(page)
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")  # the last quick reply comes right before the input
    assert "aw-reply" in focused_class(page)
    chosen = in_widget(page, "return root.activeElement.textContent;")
    before = bot_count(page)
    page.keyboard.press("Enter")
    wait_answer(page, before)
    assert page.locator(".aw-user-text").last.inner_text() == chosen
    expect(page.locator(".aw-input")).to_be_focused()

    page.keyboard.press("Escape")
    expect(page.locator(".aw-panel")).to_be_hidden()
    assert "aw-launcher" in focused_class(page)
    page.keyboard.press("Enter")
    expect(page.get_by_label("Votre message")).to_be_focused()
    expect(page.get_by_role("button", name="Fermer la conversation")).to_be_visible()
    assert tab.dialogs == [] and tab.errors == []


CONTRAST = """
(selectors) => {
  const root = __ROOT__;
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/[\\d.]+/g).slice(0, 3).map(Number).map(v => {
      v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const background = (el) => {
    for (; el; el = el.parentElement || (el.getRootNode() && el.getRootNode().host)) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && !/rgba\\(.*, 0\\)$/.test(bg) && bg !== 'transparent') return bg;
    }
    return 'rgb(255, 255, 255)';
  };
  return selectors.map(sel => {
    const el = root.querySelector(sel);
    if (!el) return [sel, null];
    const a = lum(getComputedStyle(el).color), b = lum(background(el));
    return [sel, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}
""".replace("__ROOT__", ROOT_JS)


def test_colors_meet_wcag_aa(tab: Tab, assistant: Assistant, site: StaticSite) -> None:
    page = tab.page
    page.goto(f"{assistant.url}/")
    open_widget(page)
    ask(page, "que sais-tu faire ?")
    selectors = [".aw-launcher", ".aw-title", ".aw-user", ".aw-bot", ".aw-reply", ".aw-input"]
    ask(page, "c'est quoi le PNAD ?")
    selectors += [".aw-sources", ".aw-more", ".aw-link-chip"]
    ratios = dict(page.evaluate(CONTRAST, selectors))
    assert all(ratio is not None and ratio >= 4.5 for ratio in ratios.values()), ratios

    # A light brand color chosen by the intranet team: the widget switches to dark text.
    url = site.page(
        "jaune.html",
        f"{assistant.url}/widget/widget.js",
        server=assistant.url,
        color="#ffd400",
        position="left",
    )
    page.goto(url)
    open_widget(page)
    ratio = dict(page.evaluate(CONTRAST, [".aw-title"]))[".aw-title"]
    assert ratio >= 4.5
    assert page.locator(".aw-panel").bounding_box()["x"] < 100  # data-position="left"


def test_phone_sized_screen(phone: Tab, assistant: Assistant, tmp_path: Path) -> None:
    page = phone.page
    page.goto(f"{assistant.url}/")
    launcher = page.get_by_role("button", name="Ouvrir la conversation avec l'assistant")
    box = launcher.bounding_box()
    assert box and box["x"] + box["width"] <= 375 and box["y"] + box["height"] <= 667
    launcher.tap()
    panel = page.locator(".aw-panel").bounding_box()
    assert panel == {"x": 0, "y": 0, "width": 375, "height": 667}
    answer = ask(page, "Quel réseau pour un acheteur à Rennes ?")
    assert "Bretagne" in answer
    for selector in (".aw-input", ".aw-send", ".aw-close"):
        element = page.locator(selector).bounding_box()
        assert element and element["x"] >= 0 and element["x"] + element["width"] <= 375
        assert element["y"] >= 0 and element["y"] + element["height"] <= 667
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    sources = page.locator(".aw-sources").last.bounding_box()
    assert sources and sources["x"] >= 0 and sources["x"] + sources["width"] <= 375
    # Screenshot (docs/widget-phone.png with WIDGET_SCREENSHOT): the answer with its details opened.
    page.locator(".aw-bot .aw-details summary").last.tap()
    in_widget(
        page,
        "const log = root.querySelector('.aw-log'); "
        "const asked = [...root.querySelectorAll('.aw-user')].pop(); "
        "log.scrollTop = asked.offsetTop - log.offsetTop - 8;",
    )
    page.screenshot(path=screenshot_path(tmp_path, "phone"))


def test_unreachable_server_gets_a_clear_message_and_keeps_the_question(
    tab: Tab, assistant: Assistant, site: StaticSite
) -> None:
    page = tab.page
    closed = f"http://127.0.0.1:{free_port()}"
    page.goto(site.page("ferme.html", f"{assistant.url}/widget/widget.js", server=closed))
    open_widget(page)
    page.locator(".aw-input").fill("Quel réseau pour un acheteur à Rennes ?")
    page.locator(".aw-input").press("Enter")

    error = page.locator(".aw-error")
    expect(error).to_contain_text("Impossible de joindre l'assistant", timeout=30_000)
    expect(page.locator(".aw-typing")).to_be_hidden()
    expect(page.get_by_role("button", name="Réessayer")).to_be_visible()
    expect(page.locator(".aw-user")).to_contain_text("Non envoyé")
    expect(page.locator(".aw-input")).to_have_value("")  # not lost: it is in the conversation
    assert [m["status"] for m in stored_state(page, closed)["messages"]] == ["failed"]
    ratios = dict(page.evaluate(CONTRAST, [".aw-error .aw-paragraph", ".aw-retry", ".aw-status-text"]))
    assert all(ratio is not None and ratio >= 4.5 for ratio in ratios.values()), ratios

    page.reload()
    expect(page.locator(".aw-user-text")).to_have_text(["Quel réseau pour un acheteur à Rennes ?"])
    expect(page.get_by_role("button", name="Réessayer")).to_be_visible()


def test_retry_after_the_server_comes_back(tab: Tab, assistant: Assistant) -> None:
    relay = TcpRelay(int(assistant.url.rsplit(":", 1)[1]))
    relay.start()
    page = tab.page
    try:
        page.goto(f"{relay.url}/")  # the demo page, same origin as the relayed server
        open_widget(page)
        relay.stop()  # the server goes down
        page.locator(".aw-input").fill("Quel réseau pour un acheteur à Rennes ?")
        page.locator(".aw-input").press("Enter")
        expect(page.locator(".aw-error")).to_be_visible(timeout=30_000)

        relay.start()  # ... and comes back
        before = bot_count(page)
        page.get_by_role("button", name="Réessayer").click()
        answer = wait_answer(page, before)
    finally:
        relay.stop()
    assert "Bretagne" in answer
    expect(page.locator(".aw-user-text")).to_have_text(["Quel réseau pour un acheteur à Rennes ?"])
    expect(page.locator(".aw-error")).to_have_count(0)
    assert [m["status"] for m in stored_state(page, relay.url)["messages"] if m["from"] == "user"] == ["sent"]


def test_other_origins_are_refused_by_default(tab: Tab, assistant: Assistant, site: StaticSite) -> None:
    preflight = requests.options(
        f"{assistant.url}/webhooks/rest/webhook",
        headers={
            "Origin": site.origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
        timeout=10,
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers

    page = tab.page
    page.goto(site.page("refuse.html", f"{assistant.url}/widget/widget.js", server=assistant.url))
    open_widget(page)
    page.locator(".aw-input").fill("bonjour")
    page.locator(".aw-input").press("Enter")
    expect(page.locator(".aw-error")).to_contain_text("Impossible de joindre l'assistant", timeout=30_000)


def test_allowed_origins_setting_lets_an_intranet_page_talk(
    browser: Browser, site: StaticSite, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """scripts/serve http with ALLOWED_ORIGINS: the listed origin gets answers, another does not."""
    other_site = StaticSite(tmp_path_factory.mktemp("autre-intranet"))
    directory = tmp_path_factory.mktemp("served")
    port, action_port = free_port(), free_port()
    served = serve(
        "http",
        dict(store_env(directory), ALLOWED_ORIGINS=f"{site.origin}, http://intra.example"),
        directory / "serve.log",
        port,
        action_port,
    )
    try:
        wait_assistant(served)
        script = f"{served.url}/widget/widget.js"
        for tab in new_tab(browser, viewport={"width": 1280, "height": 800}):
            tab.page.goto(site.page("autorise.html", script, server=served.url))
            open_widget(tab.page)
            assert "Bretagne" in ask(tab.page, "Quel réseau pour un acheteur à Rennes ?")
        for tab in new_tab(browser, viewport={"width": 1280, "height": 800}):
            tab.page.goto(other_site.page("autre.html", script, server=served.url))
            open_widget(tab.page)
            tab.page.locator(".aw-input").fill("bonjour")
            tab.page.locator(".aw-input").press("Enter")
            expect(tab.page.locator(".aw-error")).to_be_visible(timeout=30_000)
        log = (directory / "serve.log").read_text(encoding="utf-8", errors="replace")
        assert f"Ouvrez http://localhost:{port}/ dans votre navigateur" in log
    finally:
        served.stop()
        other_site.close()


def test_votes_and_comment_land_in_the_store_and_the_handoff_text_can_be_copied(
    tab: Tab, assistant: Assistant, tmp_path: Path
) -> None:
    """Issue 13: 👍 / 👎 under an answer (labelled buttons), changeable, a comment after 👎, counted once
    by the dashboard for the answer's topic and listed there, masked; the handoff's text with a copy
    button."""
    from tests.support.votes import comments_on, dashboard_of, dashboard_votes, stored_events, votes_on

    page = tab.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{assistant.url}/")
    open_widget(page)
    ask(page, "c'est quoi le guichet vert ?")
    answer_id = stored_state(page, assistant.url)["messages"][-1]["reply"]["id"]
    assert re.fullmatch(r"[0-9a-f]{12}", answer_id)
    group = page.get_by_role("group", name="Cette réponse vous a-t-elle aidé ?").last
    up, down = (
        group.get_by_role("button", name="Réponse utile"),
        group.get_by_role("button", name="Réponse pas utile"),
    )
    up.click()
    expect(group.locator(".aw-vote-status")).to_have_text("Merci pour votre retour !")
    expect(up).to_have_attribute("aria-pressed", "true")
    down.focus()
    page.keyboard.press("Enter")  # keyboard-accessible
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    comment = group.get_by_label("Qu'est-ce qui manquait ? (facultatif)")
    expect(comment).to_be_visible()
    comment.fill("le délai de réponse, écrivez à jeanne@ville.fr")
    group.get_by_role("button", name="Envoyer ma remarque").click()
    expect(group.locator(".aw-vote-status")).to_have_text("Merci, votre remarque est notée.")

    assert votes_on(assistant.db, answer_id) == ["up", "down", "down"]
    assert dashboard_votes(assistant.db, answer_id) == [("down", "ask_guichet_vert")]
    stored = json.dumps(stored_events(assistant.db), ensure_ascii=False)
    assert "jeanne@ville.fr" not in stored
    masked = "le délai de réponse, écrivez à [adresse e-mail masquée]"
    assert comments_on(assistant.db, answer_id) == [masked]
    board = dashboard_of(assistant.db, tmp_path)
    assert [d["topic"] for d in board.data["downvotes"] if d["comment"] == masked] == ["ask_guichet_vert"]
    assert masked in board.html and "jeanne@ville.fr" not in board.html

    # A reload keeps the vote; the handoff prepares a text to copy.
    page.reload()
    if not page.locator(".aw-panel").is_visible():
        open_widget(page)
    expect(page.locator(".aw-vote-down").last).to_have_attribute("aria-pressed", "true")
    before = bot_count(page)
    page.locator(".aw-input").fill("je voudrais parler à un humain")
    page.locator(".aw-input").press("Enter")
    wait_answer(page, before)
    block = page.locator(".aw-copy-text").last
    expect(block).to_contain_text("Ma question : « c'est quoi le guichet vert ? »")
    page.locator(".aw-copy-button").last.click()
    expect(page.locator(".aw-copy-status").last).not_to_be_empty()
    assert tab.dialogs == [] and tab.errors == []
