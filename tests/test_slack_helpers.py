"""Pure helpers of the Slack channel (channels/slack.py): de-duplication keys, mrkdwn escaping, long
texts and many buttons. The channel against a real assistant: tests/system/test_slack_channel.py.
"""

from __future__ import annotations

import json

from channels.guard import RecentKeys
from channels.slack import button_blocks, escape_mrkdwn, split_text


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


def test_the_thanks_for_a_thumbs_down_has_a_comment_input_that_enter_sends() -> None:
    from actions.reply import COMMENT_LABEL, HANDOFF_PAYLOAD, Reply
    from channels.slack import COMMENT_ACTION_ID, comment_message, reply_blocks

    handoff = [{"title": "Guichet", "payload": HANDOFF_PAYLOAD}]
    reply = Reply("Merci.", handoff, kind="feedback", comment_for="a1")
    blocks = reply_blocks(reply)
    assert [block["type"] for block in blocks] == ["section", "input", "actions"]
    field = blocks[1]
    assert field["dispatch_action"] is True and field["label"]["text"] == COMMENT_LABEL
    assert field["element"]["type"] == "plain_text_input" and field["element"]["max_length"] == 100
    assert field["element"]["dispatch_action_config"] == {"trigger_actions_on": ["on_enter_pressed"]}
    # What Slack sends when Enter is pressed in it (block_actions, action of type plain_text_input).
    action = {"type": "plain_text_input", "action_id": COMMENT_ACTION_ID, "block_id": field["block_id"]}
    sent = comment_message({**action, "value": "le délai ; tel 0612345678"})
    assert json.loads(sent[len("/feedback") :]) == {
        "vote": "down",
        "answer": "a1",
        "comment": "le délai ; tel [numéro de téléphone masqué]",
    }
    assert comment_message({**action, "value": "  "}) is None
    assert comment_message({**action, "block_id": "other", "value": "x"}) is None
    assert comment_message({**action, "action_id": "rasa_button_0", "value": "x"}) is None
    assert "input" not in [block["type"] for block in reply_blocks(Reply("Merci.", kind="feedback"))]
