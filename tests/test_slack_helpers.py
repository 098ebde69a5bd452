"""Pure helpers of the Slack channel (channels/slack.py): de-duplication keys, mrkdwn escaping, long
texts and many buttons. The channel against a real assistant: tests/system/test_slack_channel.py.
"""

from __future__ import annotations

from channels.slack import RecentKeys, button_blocks, escape_mrkdwn, split_text


def test_recent_keys_expire() -> None:
    keys = RecentKeys(ttl=10)
    assert not keys.seen_before(["event:1", "message:C:1"], now=0)
    assert keys.seen_before(["event:2", "message:C:1"], now=5)
    assert keys.seen_before(["event:2"], now=6)
    assert not keys.seen_before(["event:1"], now=30)


def test_text_is_escaped_and_split_for_slack() -> None:
    assert escape_mrkdwn("a < b & **c** > d") == "a &lt; b &amp; *c* &gt; d"
    parts = split_text("paragraphe un.\n\n" + "x" * 50, 20)
    assert parts[0] == "paragraphe un." and all(len(part) <= 20 for part in parts)


def test_many_buttons_make_several_action_blocks() -> None:
    blocks = button_blocks([{"title": f"choix {i}", "payload": f"/p{i}"} for i in range(30)])
    assert [len(block["elements"]) for block in blocks] == [25, 5]
    action_ids = [element["action_id"] for block in blocks for element in block["elements"]]
    assert len(set(action_ids)) == 30
