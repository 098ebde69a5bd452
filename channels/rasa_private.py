"""Every private member of Rasa's channel classes that this project calls or overrides, in one place.

Rasa may rename or change these on any upgrade without notice. They are listed here with the
parameters they had in the version they were proven on; importing this module checks them, so an
upgrade that breaks one fails when the server starts, naming the member, instead of at the first
Slack message. Under another Rasa version, one warning says the check applies.
"""

from __future__ import annotations

import inspect
import logging
from typing import Any, Dict, List, Optional, Tuple

import rasa
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.channels.slack import SlackBot, SlackInput

from rasa_patches import PROVEN_RASA_VERSION

logger = logging.getLogger(__name__)

# (class, member, parameter names in Rasa 3.6.21)
USED: List[Tuple[type, str, Tuple[str, ...]]] = [
    (
        CollectingOutputChannel,
        "_message",
        ("recipient_id", "text", "image", "buttons", "attachment", "custom"),
    ),
    (CollectingOutputChannel, "_persist_message", ("self", "message")),
    (SlackBot, "_post_message", ("self", "channel", "kwargs")),
    (SlackInput, "_validate_credentials", ("self",)),
    (SlackInput, "_is_user_message", ("slack_event",)),
    (SlackInput, "_is_supported_channel", ("self", "slack_event", "metadata")),
    (SlackInput, "_is_direct_message", ("slack_event",)),
    (SlackInput, "_get_conversation_id", ("self", "sender_id", "channel_id", "thread_id")),
    (SlackInput, "_sanitize_user_message", ("text", "uids_to_remove")),
    (SlackInput, "_is_interactive_message", ("payload",)),
    (SlackInput, "_get_interactive_response", ("action",)),
]


class RasaPrivateApiChanged(ImportError):
    """A private member of Rasa that the channels rely on is gone or has other parameters."""


def problems() -> List[str]:
    """The members of USED that the installed Rasa no longer has with the same parameters."""
    found = []
    for owner, name, parameters in USED:
        member = getattr(owner, name, None)
        if member is None:
            found.append(f"{owner.__name__}.{name} is gone")
            continue
        actual = tuple(inspect.signature(member).parameters)
        if actual != parameters:
            found.append(f"{owner.__name__}.{name}{actual} instead of {parameters}")
    return found


def check() -> None:
    if rasa.__version__ != PROVEN_RASA_VERSION:
        logger.warning(
            "channels: Rasa %s is not %s: the private members in channels/rasa_private.py are "
            "checked by name and parameters only.",
            rasa.__version__,
            PROVEN_RASA_VERSION,
        )
    found = problems()
    if found:
        raise RasaPrivateApiChanged(
            "Rasa's channel internals changed (channels/rasa_private.py): " + "; ".join(found)
        )


check()


def bot_message(recipient: str, **parts: Any) -> Dict[str, Any]:
    """A bot message in Rasa's REST format (text, image, buttons, attachment, custom)."""
    return CollectingOutputChannel._message(recipient, **parts)


async def collect(collector: CollectingOutputChannel, message: Dict[str, Any]) -> None:
    """Stores one bot message in a collecting output channel as it is (no splitting)."""
    await collector._persist_message(message)


def slack_is_user_message(channel: SlackInput, payload: Dict[str, Any]) -> bool:
    return channel._is_user_message(payload)


def slack_is_supported_channel(
    channel: SlackInput, payload: Dict[str, Any], metadata: Dict[str, Any]
) -> bool:
    return channel._is_supported_channel(payload, metadata)


def slack_is_direct_message(channel: SlackInput, payload: Dict[str, Any]) -> bool:
    return channel._is_direct_message(payload)


def slack_conversation_id(
    channel: SlackInput, sender: Optional[str], channel_id: Optional[str], thread_id: Optional[str]
) -> Optional[str]:
    return channel._get_conversation_id(sender, channel_id, thread_id)


def slack_user_text(channel: SlackInput, text: str, users: Optional[List[str]]) -> str:
    return channel._sanitize_user_message(text, users)


def slack_is_interactive_message(channel: SlackInput, payload: Dict[str, Any]) -> bool:
    return channel._is_interactive_message(payload)


def slack_interactive_response(channel: SlackInput, action: Dict[str, Any]) -> Optional[str]:
    return channel._get_interactive_response(action)
