"""The Teams channel (channels/teams.py) without servers: settings, the service-URL allow list, no
network at start-up, message text and cards, the Teams app package. The channel against a real
assistant and a fake Microsoft cloud: tests/system/test_teams_channel.py.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path

import pytest

from channels.teams import TeamsChannel, TeamsSettings, activity_text, hero_cards
from deploy.teams import package
from tests.support.fake_microsoft import message_activity
from tests.support.ports import free_port


def test_multi_and_single_tenant_endpoints() -> None:
    multi = TeamsSettings.from_env({"TEAMS_APP_ID": "a", "TEAMS_APP_PASSWORD": "p"})
    assert multi.enabled
    assert multi.token_url == "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
    assert multi.openid_metadata_url == "https://login.botframework.com/v1/.well-known/openidconfiguration"
    assert multi.issuers == ("https://api.botframework.com",)
    single = TeamsSettings.from_env(
        {"TEAMS_APP_ID": "a", "TEAMS_APP_PASSWORD": "p", "TEAMS_TENANT_ID": "t-1"}
    )
    assert single.token_url == "https://login.microsoftonline.com/t-1/oauth2/v2.0/token"
    explicit = TeamsSettings.from_env(
        {
            "TEAMS_TENANT_ID": "t-1",
            "TEAMS_TOKEN_URL": "https://idp.example/token",
            "TEAMS_ISSUER": "https://a.example, https://b.example",
        }
    )
    assert not explicit.enabled
    assert explicit.token_url == "https://idp.example/token"
    assert explicit.issuers == ("https://a.example", "https://b.example")


def test_default_service_url_allow_list() -> None:
    settings = TeamsSettings.from_env({})
    for allowed in (
        "https://smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net/teams/",
        "https://webchat.botframework.com/",
        "https://directline.botframework.com",
    ):
        assert settings.service_url_allowed(allowed), allowed
    for refused in (
        "http://smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net.evil.example/",
        "https://evil.example/smba.trafficmanager.net/",
        "https://x.botframework.com@evil.example/",
        "https://botframework.com.evil.example/",
        "https://127.0.0.1/",
        None,
        42,
    ):
        assert not settings.service_url_allowed(refused), refused


def test_no_network_at_start_up() -> None:
    """Building the channel (what `rasa run` does at start) contacts nothing, even with unreachable URLs."""
    settings = TeamsSettings.from_env(
        {
            "TEAMS_APP_ID": "a",
            "TEAMS_APP_PASSWORD": "p",
            "TEAMS_OPENID_METADATA_URL": f"http://127.0.0.1:{free_port()}/x",
        }
    )
    channel = TeamsChannel(settings)
    assert channel.blueprint(lambda message: None) is not None


def test_mention_of_the_bot_is_removed_and_button_payloads_win() -> None:
    activity = message_activity("<at>Assistant</at> Quel réseau à Rennes ?", "https://x", "c", "a")
    activity["entities"] = [
        {
            "type": "mention",
            "text": "<at>Assistant</at>",
            "mentioned": {"id": activity["recipient"]["id"], "name": "Assistant"},
        }
    ]
    assert activity_text(activity) == "Quel réseau à Rennes ?"
    activity["value"] = {"payload": "/ask_agec"}
    assert activity_text(activity) == "/ask_agec"
    cards = hero_cards([{"title": f"t{i}", "payload": f"/p{i}"} for i in range(7)])
    assert [len(card["content"]["buttons"]) for card in cards] == [6, 1]


def test_teams_package_is_built_from_the_template(tmp_path: Path) -> None:
    app_id = "12345678-abcd-4abc-8abc-1234567890ab"
    env = {"TEAMS_APP_ID": app_id, "TEAMS_HOST": "assistant.example.fr"}
    out = package.build(tmp_path / "teams.zip", env)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        manifest = json.loads(archive.read("manifest.json"))
        sizes = {
            name: struct.unpack(">II", archive.read(name)[16:24])  # PNG width, height
            for name in ("color.png", "outline.png")
        }
    assert manifest["id"] == app_id and manifest["bots"][0]["botId"] == app_id
    assert manifest["validDomains"] == ["assistant.example.fr"]
    assert "{{" not in json.dumps(manifest)
    assert sizes == {"color.png": (192, 192), "outline.png": (32, 32)}
    with pytest.raises(ValueError, match="TEAMS_APP_ID"):
        package.build(tmp_path / "bad.zip", {"TEAMS_APP_ID": "not-a-guid", "TEAMS_HOST": "h.example"})


def test_the_thanks_for_a_thumbs_down_has_an_input_text_and_its_submit_is_read_back() -> None:
    from actions.reply import COMMENT_LABEL, HANDOFF_PAYLOAD, Reply
    from channels.teams import adaptive_card

    handoff = [{"title": "Guichet", "payload": HANDOFF_PAYLOAD}]
    reply = Reply("Merci.", handoff, kind="feedback", comment_for="a1")
    card = adaptive_card(reply)["content"]
    field = card["body"][0]
    assert (field["type"], field["id"], field["label"], field["maxLength"]) == (
        "Input.Text",
        "comment",
        COMMENT_LABEL,
        100,
    )
    submit, handoff = card["actions"]
    assert submit["type"] == "Action.Submit" and submit["data"] == {"comment_for": "a1"}
    assert handoff["data"]["payload"] == HANDOFF_PAYLOAD
    # Teams sends the action's data merged with the input's value.
    click = message_activity("", "https://smba.trafficmanager.net/emea/", "c1", "act-1")
    click["value"] = {**submit["data"], "comment": "il manquait le délai, jo@ville.fr"}
    assert json.loads(activity_text(click)[len("/feedback") :]) == {
        "vote": "down",
        "answer": "a1",
        "comment": "il manquait le délai, [adresse e-mail masquée]",
    }
    click["value"] = {**submit["data"], "comment": ""}
    assert activity_text(click) == ""
    assert adaptive_card(Reply("Merci.", kind="feedback"))["content"]["body"] == []
