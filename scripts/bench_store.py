"""What the SQL conversation store reads and writes per message, and what it costs, by session length.

For each session length (turns already in the session), a conversation of realistic events (a user
message with its parse data, a slot, the answer's action, a bot message, action_listen: 5 events per
turn) is stored in a throw-away SQLite file; then one message is handled the way Rasa's processor does
it: `get_or_create_tracker` (read), 5 new events, `save`. The median over REPEATS messages is printed
for Rasa's own store methods and for rasa_patches.speedups (alternated), with the events read.

Usage: python scripts/bench_store.py [--turns 1 10 25 50] [--repeats 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import rasa_patches  # noqa: E402
from rasa_patches import speedups  # noqa: E402

ANSWER = (
    "Votre réseau régional est RESECO (Bretagne). Il réunit les acheteurs publics de la région autour "
    "des achats responsables : ateliers, groupes de travail, clauses types. Voulez-vous en savoir plus ?"
)


def turn_events(turn: int) -> List:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    parse = {
        "intent": {"name": "ask_network", "confidence": 0.97},
        "entities": [{"entity": "location", "value": "Rennes", "start": 20, "end": 26}],
        "intent_ranking": [{"name": f"intent_{i}", "confidence": 0.01} for i in range(10)],
        "text": f"quel réseau à Rennes ? ({turn})",
    }
    return [
        UserUttered(parse["text"], parse["intent"], parse["entities"], parse),
        SlotSet("location", "commune:35238"),
        ActionExecuted("action_answer"),
        BotUttered(ANSWER, {"buttons": [{"title": "En savoir plus", "payload": "/more_details"}]}),
        ActionExecuted("action_listen"),
    ]


async def one_message(store, sender: str) -> Dict[str, float]:
    started = time.perf_counter()
    tracker = await store.get_or_create_tracker(sender)
    read = time.perf_counter()
    for event in turn_events(len(tracker.events)):
        tracker.update(event)
    await store.save(tracker)
    return {"read_ms": (read - started) * 1000, "save_ms": (time.perf_counter() - read) * 1000}


def use(patched: bool) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    SQLTrackerStore._retrieve = speedups.retrieve_events if patched else speedups.RASA_SQL_RETRIEVE
    SQLTrackerStore.save = speedups.save_events if patched else speedups.RASA_SQL_SAVE


def measure(turns: int, repeats: int, folder: Path) -> Dict[str, Dict[str, float]]:
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(ROOT / "domain.yml"))
    results: Dict[str, List[Dict[str, float]]] = {"rasa": [], "speedups": []}
    stores = {}
    for name in results:
        use(name == "speedups")
        store = SQLTrackerStore(domain, dialect="sqlite", db=str(folder / f"{name}-{turns}.db"))
        for index in range(repeats):
            tracker = asyncio.run(store.get_or_create_tracker(f"s{index}"))
            for turn in range(turns):
                for event in turn_events(turn):
                    tracker.update(event)
            asyncio.run(store.save(tracker))
        stores[name] = store
    for index in range(repeats):  # alternated, so that the machine's noise hits both alike
        for name, store in stores.items():
            use(name == "speedups")
            results[name].append(asyncio.run(one_message(store, f"s{index}")))
    use(True)
    events_read = len(asyncio.run(stores["speedups"].retrieve("s0")).events) - 5
    return {
        name: {
            "events_read": events_read,
            "read_ms": statistics.median(r["read_ms"] for r in rows),
            "save_ms": statistics.median(r["save_ms"] for r in rows),
        }
        for name, rows in results.items()
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, nargs="+", default=[1, 10, 25, 50])
    parser.add_argument("--repeats", type=int, default=40)
    args = parser.parse_args(argv)
    rasa_patches.apply()
    print(
        "| Tours déjà dans la session | Événements lus | Lecture (Rasa / speedups) "
        "| Écriture (Rasa / speedups) |"
    )
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as folder:
        for turns in args.turns:
            result = measure(turns, args.repeats, Path(folder))
            rasa, fast = result["rasa"], result["speedups"]
            print(
                f"| {turns} | {fast['events_read']} | {rasa['read_ms']:.1f} / {fast['read_ms']:.1f} ms "
                f"| {rasa['save_ms']:.1f} / {fast['save_ms']:.1f} ms |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
