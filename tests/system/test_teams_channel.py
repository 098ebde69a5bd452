"""The Microsoft Teams channel against a real assistant and a fake Microsoft cloud, over HTTP on loopback.

One Rasa server (plus its action server) is started for the module as a single-tenant bot whose
OpenID metadata, signing keys, token endpoint and service URL all live on a local fake. The fake's
RSA key is generated at start; tokens are signed with it (or, to forge them, with another key).
Settings and pure helpers: tests/test_teams_helpers.py.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization

from channels import guard
from channels.teams import DEFAULT_ISSUER
from tests.conftest import MODEL, Assistant
from tests.support.fake_microsoft import ConnectorPost, FakeMicrosoft, message_activity, rsa_key
from tests.support.servers import free_port, serve, store_env, wait_assistant

APP_ID = "00000000-aaaa-bbbb-cccc-" + secrets.token_hex(6)
APP_PASSWORD = secrets.token_urlsafe(24)
TENANT = "11111111-2222-3333-4444-" + secrets.token_hex(6)
# The sources of an answer on its Adaptive Card: named Markdown links and the date they were consulted.
SOURCE = re.compile(r"^Sources? : \[[^\]]+\]\(https?://[^)]+\).* — consultées? les? ")
RENNES = "Quel réseau pour un acheteur à Rennes ?"
_numbers = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_numbers):04d}-{secrets.token_hex(3)}"


@dataclass
class TeamsWorld:
    fake: FakeMicrosoft
    url: str
    db: Optional[Path] = None  # the SQLite file of its conversations

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/teams/webhook"

    def activity(self, text: str, **kwargs: Any) -> Dict[str, Any]:
        kwargs.setdefault("service_url", self.fake.service_url)
        return message_activity(text, conversation_id=unique("a:conv-"), activity_id=unique("act-"), **kwargs)

    def send(
        self, activity: Dict[str, Any], token: Optional[str] = "valid", authorization: Optional[str] = None
    ) -> requests.Response:
        if token == "valid":
            token = self.fake.token(activity["serviceUrl"])
        headers = {"Content-Type": "application/json"}
        if authorization is not None:
            headers["Authorization"] = authorization
        elif token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return requests.post(self.webhook, data=json.dumps(activity), headers=headers, timeout=30)

    def rest(self, text: str) -> List[Dict[str, Any]]:
        reply = requests.post(
            f"{self.url}/webhooks/rest/webhook", json={"sender": unique("rest-"), "message": text}, timeout=30
        )
        reply.raise_for_status()
        return reply.json()

    def replies(self, activity: Dict[str, Any], count: int) -> List[ConnectorPost]:
        return self.fake.wait_for_posts(activity["conversation"]["id"], count)

    def marker_answered(self) -> None:
        """A valid message answered: anything sent before it has been processed by now."""
        activity = self.activity(RENNES)
        assert self.send(activity).status_code == 200
        self.replies(activity, 1)
        time.sleep(1.0)


@pytest.fixture(scope="module")
def teams(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamsWorld]:
    model = Path(os.environ.get("RASA_MODEL") or MODEL)  # scripts/serve reads RASA_MODEL too
    if not model.exists():
        pytest.fail(f"{model} is missing: run `make train` first")
    logs = tmp_path_factory.mktemp("teams")
    fake = FakeMicrosoft(APP_ID, APP_PASSWORD)
    env = {
        **store_env(logs),
        "TEAMS_APP_ID": APP_ID,
        "TEAMS_APP_PASSWORD": APP_PASSWORD,
        "TEAMS_TENANT_ID": TENANT,
        "TEAMS_OPENID_METADATA_URL": fake.openid_metadata_url,
        "TEAMS_LOGIN_URL": fake.base_url,
        "TEAMS_TOKEN_URL": "",
        "TEAMS_ISSUER": "",
        "TEAMS_SERVICE_URL_PATTERN": re.escape(fake.service_url) + r"[a-z0-9/_-]*",
    }
    served = serve("http", env, logs / "assistant.log", free_port(), free_port())
    try:
        wait_assistant(served)
        yield TeamsWorld(fake, served.url, logs / "conversations.db")
    finally:
        served.stop()
        fake.close()


def adaptive_cards(posts: List[ConnectorPost]) -> List[Dict[str, Any]]:
    return [
        attachment
        for post in posts
        for attachment in post.body.get("attachments", [])
        if attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    ]


def texts(posts: List[ConnectorPost]) -> List[str]:
    return [post.body.get("text", "") for post in posts]


def test_a_valid_message_is_answered_in_its_conversation(teams: TeamsWorld) -> None:
    activity = teams.activity(RENNES)
    assert teams.send(activity).status_code == 200
    expected = teams.rest(RENNES)
    posts = teams.replies(activity, len(expected))
    conversation, activity_id = activity["conversation"]["id"], activity["id"]
    for post in posts:
        assert post.path == f"/teams/v3/conversations/{conversation}/activities/{activity_id}"
        assert post.authorization == f"Bearer {teams.fake.access_tokens[0]}"
        assert post.body["replyToId"] == activity_id
        assert post.body["recipient"] == activity["from"]
        assert post.body["from"] == activity["recipient"]
    assert texts(posts) == [message.get("text", "") for message in expected]
    answer = "\n".join(texts(posts))
    assert "Bretagne" in answer and not re.search(r"https?://", answer)
    card = adaptive_cards(posts)[0]["content"]
    assert any(SOURCE.search(block["text"]) for block in card["body"])
    show = card["actions"][0]
    assert (show["type"], show["title"]) == ("Action.ShowCard", "En savoir plus")
    assert show["card"]["body"][0]["text"] == expected[0]["custom"]["details"]  # the details, in place
    submits = [
        action
        for action in card["actions"]
        if action["type"] == "Action.Submit" and not action["data"]["payload"].startswith("/feedback")
    ]
    assert [(a["title"], a["data"]["payload"]) for a in submits] == [
        (b["title"], b["payload"]) for b in expected[0]["custom"]["buttons"]
    ]
    # Single-tenant bot: the token comes from the tenant's endpoint, with the bot's credentials.
    request = teams.fake.token_requests[0]
    assert request.path == f"/{TENANT}/oauth2/v2.0/token"
    assert request.form["client_id"] == APP_ID and request.form["client_secret"] == APP_PASSWORD


def test_buttons_are_hero_cards_and_clicks_are_answered(teams: TeamsWorld) -> None:
    tokens_before = len(teams.fake.token_requests)
    activity = teams.activity("/ask_capabilities")
    assert teams.send(activity).status_code == 200
    expected = teams.rest("/ask_capabilities")
    rest_buttons = [(b["title"], b["payload"]) for m in expected for b in m.get("buttons", [])]
    assert len(rest_buttons) > 1
    posts = teams.replies(activity, len(expected))
    cards = [attachment for post in posts for attachment in post.body.get("attachments", [])]
    assert cards and all(card["contentType"] == "application/vnd.microsoft.card.hero" for card in cards)
    assert all(len(card["content"]["buttons"]) <= 6 for card in cards)
    buttons = [button for card in cards for button in card["content"]["buttons"]]
    assert [(b["title"], b["value"]["payload"]) for b in buttons] == rest_buttons
    assert all(b["type"] == "messageBack" and b["displayText"] == b["title"] for b in buttons)

    chosen = buttons[-1]
    click = message_activity(
        chosen["text"],
        teams.fake.service_url,
        activity["conversation"]["id"],
        unique("act-"),
        value=chosen["value"],
    )
    assert teams.send(click).status_code == 200
    expected_answer = teams.rest(chosen["value"]["payload"])
    all_posts = teams.replies(click, len(posts) + len(expected_answer))
    answer_posts = [post for post in all_posts if post.path.endswith(f"/activities/{click['id']}")]
    assert texts(answer_posts) == [message.get("text", "") for message in expected_answer]
    # The access token is cached: no new token request for these replies.
    assert len(teams.fake.token_requests) == max(tokens_before, 1)


def _hs256_with_public_key(fake: FakeMicrosoft, service_url: str) -> str:
    """Algorithm confusion: an HS256 token keyed with the public key's PEM."""

    def part(data: Dict[str, Any]) -> bytes:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=")

    now = int(time.time())
    signing_input = (
        part({"alg": "HS256", "typ": "JWT", "kid": fake.kid})
        + b"."
        + part(
            {
                "serviceurl": service_url,
                "iss": DEFAULT_ISSUER,
                "aud": APP_ID,
                "nbf": now - 10,
                "exp": now + 600,
            }
        )
    )
    pem = fake.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signature = base64.urlsafe_b64encode(hmac.new(pem, signing_input, hashlib.sha256).digest()).rstrip(b"=")
    return (signing_input + b"." + signature).decode()


def test_missing_forged_expired_and_misaddressed_tokens_are_rejected(teams: TeamsWorld) -> None:
    fake, now = teams.fake, int(time.time())
    service_url = fake.service_url
    cases: List[Tuple[str, Dict[str, Any]]] = [
        ("no Authorization header", {"token": None}),
        ("not a bearer token", {"authorization": "Basic dXNlcjpwYXNz"}),
        ("garbage", {"token": "not.a.jwt"}),
        ("signed with another key", {"token": fake.token(service_url, key=rsa_key())}),
        ("unknown key id", {"token": fake.token(service_url, key=rsa_key(), kid="other-kid")}),
        ("expired", {"token": fake.token(service_url, exp=now - 3600, nbf=now - 7200)}),
        ("not yet valid", {"token": fake.token(service_url, nbf=now + 3600, exp=now + 7200)}),
        ("no expiry", {"token": fake.token(service_url, exp=None)}),
        ("another bot's audience", {"token": fake.token(service_url, aud="someone-else")}),
        ("wrong issuer", {"token": fake.token(service_url, iss="https://sts.example.org/")}),
        ("no serviceurl claim", {"token": fake.token(service_url, serviceurl=None)}),
        ("serviceurl of another host", {"token": fake.token("https://smba.trafficmanager.net/emea/")}),
        (
            "alg none",
            {
                "token": jwt.encode(
                    {"aud": APP_ID, "iss": DEFAULT_ISSUER, "serviceurl": service_url, "exp": now + 600},
                    None,
                    algorithm="none",
                )
            },
        ),
        ("HS256 keyed with the public key", {"token": _hs256_with_public_key(fake, service_url)}),
    ]
    rejected = []
    for label, how in cases:
        activity = teams.activity(RENNES)
        rejected.append(activity)
        reply = teams.send(activity, **how)
        assert reply.status_code == 401, label
    # A valid token, but for a channel its key does not endorse.
    activity = teams.activity(RENNES, channel_id="webchat")
    rejected.append(activity)
    assert teams.send(activity).status_code == 401

    teams.marker_answered()
    assert all(fake.posts_to(activity["conversation"]["id"]) == [] for activity in rejected)


def test_a_service_url_outside_the_allow_list_is_refused(teams: TeamsWorld) -> None:
    evil = f"{teams.fake.base_url}/evil/"  # correctly signed, but not an allowed Bot Connector
    activity = teams.activity(RENNES, service_url=evil)
    reply = teams.send(activity, token=teams.fake.token(evil))
    assert reply.status_code == 403
    teams.marker_answered()
    assert not any("/evil/" in post.path for post in teams.fake.posts)


def test_malformed_and_non_message_activities(teams: TeamsWorld) -> None:
    token = teams.fake.token(teams.fake.service_url)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    assert requests.post(teams.webhook, data="{not json", headers=headers, timeout=10).status_code == 400
    assert requests.post(teams.webhook, data="[]", headers=headers, timeout=10).status_code == 400
    update = teams.activity("")
    update.update(type="conversationUpdate", membersAdded=[{"id": "29:user-1"}])
    assert teams.send(update).status_code == 200
    no_sender = teams.activity(RENNES)
    no_sender.pop("from")
    assert teams.send(no_sender).status_code == 400
    teams.marker_answered()
    assert teams.fake.posts_to(update["conversation"]["id"]) == []


def test_guard_answers_too_long_messages_without_the_model(teams: TeamsWorld) -> None:
    activity = teams.activity("Bonjour " * (guard.MAX_MESSAGE_CHARS // 8 + 10))
    assert teams.send(activity).status_code == 200
    posts = teams.replies(activity, 1)
    assert posts[0].body["text"] == guard.TOO_LONG.format(limit=guard.MAX_MESSAGE_CHARS)


def test_teams_is_disabled_without_configuration(assistant: Assistant) -> None:
    """The default server (no TEAMS_* variables) starts offline and its webhook says it is not configured."""
    if os.environ.get("TEAMS_APP_ID") and os.environ.get("TEAMS_APP_PASSWORD"):
        pytest.skip("Teams is configured in this environment")
    reply = requests.post(f"{assistant.url}/webhooks/teams/webhook", json={"type": "message"}, timeout=10)
    assert reply.status_code == 503
    assert "TEAMS_APP_ID" in reply.text
    assert requests.get(f"{assistant.url}/webhooks/teams/", timeout=10).json() == {"status": "disabled"}


def test_votes_on_the_card_land_in_the_store_and_the_handoff_is_a_code_block(teams: TeamsWorld) -> None:
    """Issue 13: 👍 / 👎 on the answer's Adaptive Card; a click is a vote on that answer, stored and counted
    once by the dashboard; the handoff's text comes as a code block."""
    from tests.support.votes import dashboard_votes, votes_on

    activity = teams.activity(RENNES)
    assert teams.send(activity).status_code == 200
    posts = teams.replies(activity, 1)
    actions = adaptive_cards(posts)[0]["content"]["actions"]
    votes = [a for a in actions if a.get("title") in ("👍", "👎")]
    assert [(a["title"], a["tooltip"]) for a in votes] == [
        ("👍", "Réponse utile"),
        ("👎", "Réponse pas utile"),
    ]
    answer_id = json.loads(votes[1]["data"]["payload"][len("/feedback") :])["answer"]
    conversation = activity["conversation"]["id"]
    seen = 1
    for data in (votes[1]["data"], {"payload": "/ask_human"}):
        click = message_activity(
            data["payload"], teams.fake.service_url, conversation, unique("act-"), value=data
        )
        assert teams.send(click).status_code == 200
        seen += 1
        posts = teams.replies(click, seen)
    assert votes_on(teams.db, answer_id) == ["down"]
    assert dashboard_votes(teams.db, answer_id) == [("down", "ask_network")]
    handoff = posts[-1].body["text"]
    assert "```" in handoff and "Ma question : « Quel réseau pour un acheteur à Rennes ? »" in handoff


def test_a_comment_after_a_thumbs_down_is_stored_masked_changeable_once_and_shown_in_the_dashboard(
    teams: TeamsWorld, tmp_path: Path
) -> None:
    """Issue 13: the thanks for a 👎 is a card with an Input.Text and its submit action; Teams sends the
    action's data with the input's value; the comment is stored as a 👎 with a ``comment`` on that
    answer, masked; the same activity twice counts once; a new comment changes it; the dashboard lists it
    with the answer's topic and entries, and exports it."""
    from actions.feedback import THANKS_COMMENT
    from actions.reply import COMMENT_LABEL, COMMENT_SEND
    from tests.support.votes import comments_on, dashboard_of, feedback_records, stored_events

    activity = teams.activity(RENNES)
    conversation = activity["conversation"]["id"]
    assert teams.send(activity).status_code == 200
    posts = teams.replies(activity, 1)
    down = next(a for a in adaptive_cards(posts)[0]["content"]["actions"] if a.get("title") == "👎")
    answer_id = json.loads(down["data"]["payload"][len("/feedback") :])["answer"]
    click = message_activity(
        down["data"]["payload"], teams.fake.service_url, conversation, unique("act-"), value=down["data"]
    )
    assert teams.send(click).status_code == 200
    posts = teams.replies(click, 2)
    card = adaptive_cards(posts[1:])[0]["content"]
    fields = [element for element in card["body"] if element["type"] == "Input.Text"]
    assert len(fields) == 1 and fields[0]["label"] == COMMENT_LABEL
    submit = next(a for a in card["actions"] if a["title"] == COMMENT_SEND)
    assert submit["type"] == "Action.Submit"

    def submitted(comment: str) -> Dict[str, Any]:
        """What Teams posts for the submit action: no text, its data with the input's value."""
        value = {**submit["data"], fields[0]["id"]: comment}
        return message_activity("", teams.fake.service_url, conversation, unique("act-"), value=value)

    first = submitted("Il manquait le délai ; écrivez-moi à jeanne.martin@ville.fr")
    assert teams.send(first).status_code == 200
    posts = teams.replies(first, 3)
    assert posts[2].body["text"] == THANKS_COMMENT
    assert teams.send(first).status_code == 200  # the same activity delivered again
    teams.marker_answered()
    assert len(teams.fake.posts_to(conversation)) == 3
    masked = "Il manquait le délai ; écrivez-moi à [adresse e-mail masquée]"
    assert comments_on(teams.db, answer_id) == [masked]

    second = submitted("le formulaire du guichet vert breton")
    assert teams.send(second).status_code == 200
    teams.replies(second, 4)
    assert comments_on(teams.db, answer_id) == [masked, "le formulaire du guichet vert breton"]
    records = feedback_records(teams.db, answer_id)  # the `feedback` slot set by the action server
    assert [(r["vote"], r["topic"], r["comment"]) for r in records] == [
        ("down", "ask_network", None),
        ("down", "ask_network", masked),
        ("down", "ask_network", "le formulaire du guichet vert breton"),
    ]
    assert "jeanne.martin" not in json.dumps(stored_events(teams.db), ensure_ascii=False)

    board = dashboard_of(teams.db, tmp_path)
    shown = [d for d in board.data["downvotes"] if d["comment"] == "le formulaire du guichet vert breton"]
    assert len(shown) == 1 and shown[0]["topic"] == "ask_network" and shown[0]["asked"] == RENNES
    assert board.data["votes"].get("down", 0) >= 1
    assert "le formulaire du guichet vert breton" in board.html and "jeanne.martin" not in board.html
    assert "le formulaire du guichet vert breton" in board.csv
