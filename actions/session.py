"""The start of a conversation session (Rasa's documented way to customise `action_session_start`).

Rasa's own action carries a session's slots over by copying every SlotSet event of the old session,
so each new session starts with the copies of all the previous ones: the events of a long
conversation kept growing across sessions (measured: +160 events per 50-message session). Here only
the final value of each slot is carried over, as domain.yml's session_config asks.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

NOT_CARRIED = frozenset({"requested_slot"})


def carried_slots(slots: Dict[str, Any], domain: Dict[str, Any]) -> List[EventType]:
    """One SlotSet per slot that has a value, when the domain carries slots over to new sessions."""
    if not domain.get("session_config", {}).get("carry_over_slots_to_new_session", True):
        return []
    return [
        SlotSet(name, value) for name, value in slots.items() if value is not None and name not in NOT_CARRIED
    ]


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        return [
            SessionStarted(),
            *carried_slots(tracker.current_slot_values(), domain),
            ActionExecuted("action_listen"),
        ]
