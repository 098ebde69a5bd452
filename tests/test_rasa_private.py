"""channels/rasa_private.py: the private Rasa members the channels use are checked at import."""

from __future__ import annotations

import pytest
from rasa.core.channels.slack import SlackInput

from channels import rasa_private


def test_the_installed_rasa_has_every_member_used() -> None:
    assert rasa_private.problems() == []


def test_a_renamed_or_changed_member_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(SlackInput, "_is_direct_message")
    monkeypatch.setattr(SlackInput, "_sanitize_user_message", staticmethod(lambda text: text))
    with pytest.raises(rasa_private.RasaPrivateApiChanged) as error:
        rasa_private.check()
    assert "SlackInput._is_direct_message is gone" in str(error.value)
    assert "SlackInput._sanitize_user_message('text',)" in str(error.value)


def test_no_channel_calls_a_private_rasa_member_directly() -> None:
    """Only rasa_private.py touches them, so an upgrade has one file to read."""
    import re
    from pathlib import Path

    names = {name for _, name, _ in rasa_private.USED} - {"_post_message", "_validate_credentials"}
    for path in Path(rasa_private.__file__).parent.glob("*.py"):
        if path.name == "rasa_private.py":
            continue
        text = path.read_text(encoding="utf-8")
        used = sorted(name for name in names if re.search(rf"\.{name}\(", text))
        assert not used, f"{path.name} calls {used}: go through channels/rasa_private.py"
