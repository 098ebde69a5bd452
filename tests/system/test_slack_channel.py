"""The Slack channel against a real assistant and a fake Slack Web API, over HTTP on loopback.

One Rasa server (plus its action server) is started for the module with SLACK_* variables pointing
at the fake; requests are signed with the signing secret exactly as Slack signs them. Answers are
compared with what the REST channel of the same server answers to the same message. The pure
helpers: tests/test_slack_helpers.py.
"""

from __future__ import annotations

import html
import itertools
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional
from urllib.parse import urlencode

import pytest
import requests

from channels import guard
from tests.conftest import MODEL, Assistant
from tests.support.fake_slack import FakeSlack, SlackCall, button_click, message_event, signature_headers
from tests.support.servers import free_port, serve, store_env, wait_assistant

SIGNING_SECRET = secrets.token_hex(16)
BOT_TOKEN = f"xoxb-test-{secrets.token_hex(8)}"
# The sources of an answer in its context block: named mrkdwn links and the date they were consulted.
SOURCE = re.compile(r"^Sources? : <https?://[^|>]+\|[^>]+>.* — consultées? les? ")
RENNES = "Quel réseau pour un acheteur à Rennes ?"
WATCHED = "CWATCHED"  # SLACK_CHANNEL: the bot answers every message there, not only mentions
_numbers = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_numbers):04d}{secrets.token_hex(2).upper()}"


def new_ts() -> str:
    return f"{int(time.time())}.{next(_numbers):06d}"


@dataclass
class SlackWorld:
    fake: FakeSlack
    url: str
    db: Optional[Path] = None  # the SQLite file of its conversations

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/slack/webhook"

    def post(
        self,
        body: bytes,
        content_type: str,
        headers: Optional[Dict[str, str]] = None,
        sign: bool = True,
        timestamp: Optional[int] = None,
        secret: str = SIGNING_SECRET,
    ) -> requests.Response:
        all_headers = {"Content-Type": content_type, **(headers or {})}
        if sign:
            all_headers.update(signature_headers(secret, body, timestamp))
        return requests.post(self.webhook, data=body, headers=all_headers, timeout=30)

    def event(self, payload: Dict[str, Any], **kwargs: Any) -> requests.Response:
        return self.post(json.dumps(payload).encode(), "application/json", **kwargs)

    def click(self, payload: Dict[str, Any], **kwargs: Any) -> requests.Response:
        body = urlencode({"payload": json.dumps(payload)}).encode()
        return self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def rest(self, text: str) -> List[Dict[str, Any]]:
        """The same message through the REST channel of the same server (a fresh conversation)."""
        reply = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": unique("rest-"), "message": text}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()

    def answer_matches_rest(self, posts: List[SlackCall], text: str) -> List[Dict[str, Any]]:
        expected = self.rest(text)
        assert [html.unescape(post.text) for post in posts] == [
            m.get("text", "").replace("**", "*") for m in expected
        ]
        return expected

    def marker_answered(self) -> None:
        """A valid message answered: anything sent before it has been processed by now."""
        channel = unique("D")
        reply = self.event(message_event(RENNES, channel, unique("U"), new_ts(), unique("Ev")))
        assert reply.status_code == 200
        self.fake.wait_for_posts(channel)
        time.sleep(1.0)


@pytest.fixture(scope="module")
def slack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackWorld]:
    model = Path(os.environ.get("RASA_MODEL") or MODEL)  # scripts/serve reads RASA_MODEL too
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` first")
    logs = tmp_path_factory.mktemp("slack")
    fake = FakeSlack(BOT_TOKEN)
    env = {
        **store_env(logs),
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_BASE_URL": fake.base_url,
        "SLACK_CHANNEL": WATCHED,
    }
    served = serve("http", env, logs / "assistant.log", free_port(), free_port())
    try:
        wait_assistant(served)
        yield SlackWorld(fake, served.url, logs / "conversations.db")
    finally:
        served.stop()
        fake.close()


def expected_count(world: SlackWorld, text: str) -> int:
    return len(world.rest(text))


def test_url_verification_challenge_is_answered(slack: SlackWorld) -> None:
    challenge = secrets.token_urlsafe(24)
    payload = {"token": "x", "challenge": challenge, "type": "url_verification"}
    reply = slack.event(payload)
    assert reply.status_code == 200
    assert reply.json() == {"challenge": challenge}
    assert slack.event(payload, sign=False).status_code == 401


def test_mention_in_a_channel_is_answered_in_its_thread(slack: SlackWorld) -> None:
    channel, ts = unique("C"), new_ts()
    payload = message_event(
        f"<@UBOT> {RENNES}",
        channel,
        unique("U"),
        ts,
        unique("Ev"),
        event_type="app_mention",
        channel_type="channel",
    )
    reply = slack.event(payload)
    assert reply.status_code == 200
    posts = slack.fake.wait_for_posts(channel, expected_count(slack, RENNES))
    assert all(post.thread_ts == ts for post in posts)
    assert all(post.authorization == f"Bearer {BOT_TOKEN}" for post in posts)
    assert all("as_user" not in post.body for post in posts)
    answer = "\n".join(html.unescape(post.text) for post in posts)
    assert "Bretagne" in answer and not re.search(r"https?://", answer)
    assert any(SOURCE.search(line) for post in posts for line in context_lines(post))
    slack.answer_matches_rest(posts, RENNES)


def context_lines(post: SlackCall) -> List[str]:
    return [
        element["text"]
        for block in post.body.get("blocks") or []
        if block.get("type") == "context"
        for element in block.get("elements", [])
    ]


def test_an_answer_is_one_block_kit_message_and_more_details_comes_second(slack: SlackWorld) -> None:
    """Issue 12: section (the short answer), context block (the sources), buttons with « En savoir
    plus » first; its click posts the details as a second message, in the same thread."""
    channel, ts, user = unique("C"), new_ts(), unique("U")
    payload = message_event(
        f"<@UBOT> {RENNES}", channel, user, ts, unique("Ev"), event_type="app_mention", channel_type="channel"
    )
    assert slack.event(payload).status_code == 200
    expected = slack.rest(RENNES)
    posts = slack.fake.wait_for_posts(channel, len(expected))
    message = posts[0]
    kinds = [block["type"] for block in message.body["blocks"]]
    assert kinds[0] == "section" and "context" in kinds and kinds[-1] == "actions"
    assert html.unescape(message.body["blocks"][0]["text"]["text"]) == expected[0]["custom"]["answer"]
    assert [line for line in context_lines(message) if SOURCE.search(line)]
    more = message.buttons()[0]
    assert (more["text"]["text"], more["value"]) == ("En savoir plus", "/more_details")

    clicked = slack.click(button_click(more["value"], user, channel, message.ts, thread_ts=ts))
    assert clicked.status_code == 200
    details = slack.fake.wait_for_posts(channel, len(posts) + 1)[len(posts) :]
    assert details[0].thread_ts == ts
    details_text = html.unescape(details[0].text)
    assert details_text == expected[0]["custom"]["details"].replace("**", "*")
    assert "RESECO" in details_text and not re.search(r"https?://", details_text)
    assert "/more_details" not in [button["value"] for button in details[0].buttons()]


def test_direct_message_is_answered_in_the_conversation(slack: SlackWorld) -> None:
    channel, ts = unique("D"), new_ts()
    assert slack.event(message_event(RENNES, channel, unique("U"), ts, unique("Ev"))).status_code == 200
    posts = slack.fake.wait_for_posts(channel, expected_count(slack, RENNES))
    assert all(post.thread_ts is None for post in posts)
    slack.answer_matches_rest(posts, RENNES)


def test_channel_message_without_mention_is_ignored(slack: SlackWorld) -> None:
    channel = unique("C")
    payload = message_event(RENNES, channel, unique("U"), new_ts(), unique("Ev"), channel_type="channel")
    assert slack.event(payload).status_code == 200
    slack.marker_answered()
    assert slack.fake.posts(channel) == []


def test_buttons_are_interactive_blocks_and_clicks_are_answered(slack: SlackWorld) -> None:
    channel, ts, user = unique("C"), new_ts(), unique("U")
    question = "/ask_capabilities"
    expected = slack.rest(question)
    rest_buttons = [(b["title"], b["payload"]) for m in expected for b in m.get("buttons", [])]
    assert len(rest_buttons) > 5  # more than Rasa's SlackBot would render
    payload = message_event(
        f"<@UBOT> {question}",
        channel,
        user,
        ts,
        unique("Ev"),
        event_type="app_mention",
        channel_type="channel",
    )
    assert slack.event(payload).status_code == 200
    posts = slack.fake.wait_for_posts(channel, len(expected))
    with_buttons = [post for post in posts if post.buttons()]
    assert len(with_buttons) == 1
    message = with_buttons[0]
    assert [(b["text"]["text"], b["value"]) for b in message.buttons()] == rest_buttons
    sections = [block for block in message.body["blocks"] if block["type"] == "section"]
    assert sections and html.unescape(sections[0]["text"]["text"]).startswith(expected[0]["text"][:40])

    choice = message.buttons()[-1]["value"]
    clicked = slack.click(button_click(choice, user, channel, message.ts, thread_ts=ts))
    assert clicked.status_code == 200
    expected_answer = slack.rest(choice)
    all_posts = slack.fake.wait_for_posts(channel, len(posts) + len(expected_answer))
    answer_posts = all_posts[len(posts) :]
    assert all(post.thread_ts == ts for post in answer_posts)
    assert [html.unescape(p.text) for p in answer_posts] == [
        m.get("text", "").replace("**", "*") for m in expected_answer
    ]


def thread_posts(world: SlackWorld, channel: str, ts: str) -> List[SlackCall]:
    return [post for post in world.fake.posts(channel) if post.thread_ts == ts]


def test_retries_and_duplicate_events_are_answered_once(slack: SlackWorld) -> None:
    ts, user = new_ts(), unique("U")
    # A message in the channel the bot watches (SLACK_CHANNEL): Slack sends it as a `message` event...
    payload = message_event(RENNES, WATCHED, user, ts, unique("Ev"), channel_type="channel")
    assert slack.event(payload).status_code == 200
    count = expected_count(slack, RENNES)
    deadline = time.monotonic() + 30
    while len(thread_posts(slack, WATCHED, ts)) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(thread_posts(slack, WATCHED, ts)) == count
    for number, reason in ((1, "http_timeout"), (2, "http_error"), (3, "connection_failed")):
        headers = {"X-Slack-Retry-Num": str(number), "X-Slack-Retry-Reason": reason}
        retry = slack.event(payload, headers=headers)
        assert retry.status_code == 200
        assert retry.headers.get("X-Slack-No-Retry") == "1"
    # ...and, when it mentions the bot, also as an `app_mention` event with another event id.
    twin = message_event(
        f"<@UBOT> {RENNES}", WATCHED, user, ts, unique("Ev"), event_type="app_mention", channel_type="channel"
    )
    assert slack.event(twin).status_code == 200
    slack.marker_answered()
    assert len(thread_posts(slack, WATCHED, ts)) == count


def test_a_retry_whose_first_delivery_was_lost_is_answered(slack: SlackWorld) -> None:
    channel = unique("D")
    payload = message_event(RENNES, channel, unique("U"), new_ts(), unique("Ev"))
    retry = slack.event(payload, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert retry.status_code == 200
    slack.fake.wait_for_posts(channel, expected_count(slack, RENNES))


def test_unsigned_forged_and_stale_requests_are_rejected(slack: SlackWorld) -> None:
    rejected: List[str] = []

    def attempt(**kwargs: Any) -> requests.Response:
        channel = unique("D")
        rejected.append(channel)
        return slack.event(message_event(RENNES, channel, unique("U"), new_ts(), unique("Ev")), **kwargs)

    assert attempt(sign=False).status_code == 401
    assert attempt(secret="not-the-signing-secret").status_code == 401
    assert attempt(timestamp=int(time.time()) - 6 * 60).status_code == 401  # replay of an old request
    assert attempt(timestamp=int(time.time()) + 6 * 60).status_code == 401
    zero = {"X-Slack-Signature": "v0=" + "0" * 64, "X-Slack-Request-Timestamp": str(int(time.time()))}
    assert attempt(headers=zero, sign=False).status_code == 401
    # A body changed after signing.
    channel = unique("D")
    rejected.append(channel)
    body = json.dumps(message_event(RENNES, channel, unique("U"), new_ts(), unique("Ev"))).encode()
    headers = {
        "Content-Type": "application/json",
        **signature_headers(SIGNING_SECRET, body.replace(b"Rennes", b"Brest")),
    }
    assert requests.post(slack.webhook, data=body, headers=headers, timeout=30).status_code == 401
    # An unsigned button click.
    channel = unique("D")
    rejected.append(channel)
    click = button_click("/ask_agec", unique("U"), channel, new_ts(), None)
    assert slack.click(click, sign=False).status_code == 401

    slack.marker_answered()
    assert all(slack.fake.posts(channel) == [] for channel in rejected)


def test_malformed_signed_requests_get_a_4xx(slack: SlackWorld) -> None:
    assert slack.post(b"{not json", "application/json").status_code == 400
    assert slack.post(b"[1, 2]", "application/json").status_code == 400
    assert slack.post(b"payload=%7Bnot+json", "application/x-www-form-urlencoded").status_code == 400
    assert slack.post(b"payload=%5B%5D", "application/x-www-form-urlencoded").status_code == 400
    assert slack.post(b"hello", "text/plain").status_code == 415
    odd = {"type": "event_callback", "event": "not an object"}
    assert slack.event(odd).status_code == 200  # not a user message: acknowledged, ignored


def test_guard_answers_too_long_messages_without_the_model(slack: SlackWorld) -> None:
    channel = unique("D")
    text = "Bonjour " * (guard.MAX_MESSAGE_CHARS // 8 + 10)
    assert slack.event(message_event(text, channel, unique("U"), new_ts(), unique("Ev"))).status_code == 200
    posts = slack.fake.wait_for_posts(channel)
    assert html.unescape(posts[0].text) == guard.TOO_LONG.format(limit=guard.MAX_MESSAGE_CHARS)


def test_slack_is_disabled_without_configuration(assistant: Assistant) -> None:
    """The default server (no SLACK_* variables) starts, and its Slack webhook says it is not configured."""
    if os.environ.get("SLACK_BOT_TOKEN") and os.environ.get("SLACK_SIGNING_SECRET"):
        pytest.skip("Slack is configured in this environment")
    reply = requests.post(
        f"{assistant.url}/webhooks/slack/webhook", json={"type": "url_verification"}, timeout=10
    )
    assert reply.status_code == 503
    assert "SLACK_BOT_TOKEN" in reply.text
    assert requests.get(f"{assistant.url}/webhooks/slack/", timeout=10).json() == {"status": "disabled"}


def test_votes_are_labelled_buttons_and_land_in_the_store(slack: SlackWorld) -> None:
    """Issue 13: 👍 / 👎 under an answer; a click is a vote on that answer, stored and counted once by the
    dashboard; 👎 offers the handoff, whose text comes as a code block."""
    from tests.support.votes import dashboard_votes, votes_on

    channel, user = unique("D"), unique("U")
    assert slack.event(message_event(RENNES, channel, user, new_ts(), unique("Ev"))).status_code == 200
    posts = slack.fake.wait_for_posts(channel)
    votes = [b for b in posts[0].buttons() if b["action_id"].startswith("rasa_vote_")]
    assert [(b["text"]["text"], b["accessibility_label"]) for b in votes] == [
        ("👍", "Réponse utile"),
        ("👎", "Réponse pas utile"),
    ]
    answer_id = json.loads(votes[0]["value"][len("/feedback") :])["answer"]
    for count, button in ((2, votes[0]), (3, votes[1])):  # a vote changed: the latest counts
        clicked = slack.click(button_click(button["value"], user, channel, posts[0].ts, None))
        assert clicked.status_code == 200
        posts = slack.fake.wait_for_posts(channel, count)
    assert posts[1].text == "Merci pour votre retour !"
    handoff = [b for b in posts[2].buttons() if b["value"] == "/ask_human"]
    assert handoff and handoff[0]["text"]["text"] == "Préparer ma question pour le guichet vert"
    assert votes_on(slack.db, answer_id) == ["up", "down"]
    assert dashboard_votes(slack.db, answer_id) == [("down", "ask_network")]

    assert slack.click(button_click("/ask_human", user, channel, posts[2].ts, None)).status_code == 200
    posts = slack.fake.wait_for_posts(channel, 4)
    code = [b["text"]["text"] for b in posts[3].body["blocks"] if "```" in b.get("text", {}).get("text", "")]
    assert code and "Ma question : « Quel réseau pour un acheteur à Rennes ? »" in html.unescape(code[0])
    assert "Lieu : Rennes (Ille-et-Vilaine, Bretagne)." in html.unescape(code[0])


def test_a_comment_after_a_thumbs_down_is_stored_masked_changeable_once_and_shown_in_the_dashboard(
    slack: SlackWorld, tmp_path: Path
) -> None:
    """Issue 13: the thanks for a 👎 holds a text input (an ``input`` block that Enter sends); the comment
    is stored as a 👎 with a ``comment`` on that answer, masked; the same delivery twice counts once; a new
    comment changes it; the dashboard lists it with the answer's topic and entries, and exports it."""
    from actions.feedback import THANKS_COMMENT
    from actions.reply import COMMENT_LABEL
    from channels.slack import COMMENT_ACTION_ID
    from tests.support.fake_slack import text_input_sent
    from tests.support.votes import comments_on, dashboard_of, feedback_records, stored_events

    channel, user = unique("D"), unique("U")
    assert slack.event(message_event(RENNES, channel, user, new_ts(), unique("Ev"))).status_code == 200
    posts = slack.fake.wait_for_posts(channel)
    down = next(b for b in posts[0].buttons() if b["action_id"] == "rasa_vote_down")
    answer_id = json.loads(down["value"][len("/feedback") :])["answer"]
    assert slack.click(button_click(down["value"], user, channel, posts[0].ts, None)).status_code == 200
    posts = slack.fake.wait_for_posts(channel, 2)
    inputs = [block for block in posts[1].body["blocks"] if block["type"] == "input"]
    assert len(inputs) == 1 and inputs[0]["label"]["text"] == COMMENT_LABEL and inputs[0]["dispatch_action"]
    block_id = inputs[0]["block_id"]

    def send(value: str, action_ts: str) -> requests.Response:
        payload = text_input_sent(value, block_id, COMMENT_ACTION_ID, user, channel, posts[1].ts, action_ts)
        return slack.click(payload)

    first_ts = f"{time.time():.6f}"
    assert send("Il manquait le délai. Rappelez-moi au 06 12 34 56 78", first_ts).status_code == 200
    posts = slack.fake.wait_for_posts(channel, 3)
    assert html.unescape(posts[2].text) == THANKS_COMMENT
    assert send("Il manquait le délai. Rappelez-moi au 06 12 34 56 78", first_ts).status_code == 200  # again
    slack.marker_answered()
    assert len(slack.fake.posts(channel)) == 3
    masked = "Il manquait le délai. Rappelez-moi au [numéro de téléphone masqué]"
    assert comments_on(slack.db, answer_id) == [masked]

    assert send("le formulaire du guichet vert breton", f"{time.time():.6f}").status_code == 200
    slack.fake.wait_for_posts(channel, 4)
    assert comments_on(slack.db, answer_id) == [masked, "le formulaire du guichet vert breton"]
    records = feedback_records(slack.db, answer_id)  # the `feedback` slot set by the action server
    assert [(r["vote"], r["topic"], r["comment"]) for r in records] == [
        ("down", "ask_network", None),
        ("down", "ask_network", masked),
        ("down", "ask_network", "le formulaire du guichet vert breton"),
    ]
    assert "topics.yml:ask_network" in records[-1]["entries"]
    assert "06 12 34" not in json.dumps(stored_events(slack.db), ensure_ascii=False)

    board = dashboard_of(slack.db, tmp_path)
    shown = [d for d in board.data["downvotes"] if d["comment"] == "le formulaire du guichet vert breton"]
    assert len(shown) == 1 and shown[0]["topic"] == "ask_network" and shown[0]["asked"] == RENNES
    assert "topics.yml:ask_network" in shown[0]["entries"]
    assert board.data["votes"].get("down", 0) >= 1
    assert "le formulaire du guichet vert breton" in board.html and "06 12 34" not in board.html
    assert "le formulaire du guichet vert breton" in board.csv
