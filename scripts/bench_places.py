"""Times place finding (places.find_locations) on typical messages and prints the median per message.

Speed targets live here, not in unit tests (a loaded CI machine would make a timed test fail for
nothing). Usage: .venv/bin/python scripts/bench_places.py [--runs 200] [--max-ms 5]
The exit status is 1 when a median exceeds --max-ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import places  # noqa: E402

MESSAGES: Dict[str, str] = {
    "300 caractères, six lieux": (
        "Bonjour, je suis acheteuse à la mairie de Quimper dans le Finistère (29), en Bretagne. "
        "Nous préparons un marché de fournitures de bureau en trois lots pour un budget de 40000 euros, "
        "avec 25 % de papier recyclé ; pouvez-vous m'indiquer le facilitateur de Saint-Denis ou de Lyon, "
        "merci d'avance ?"
    ),
    "intercommunalité": "je suis à la CA du Boulonnais, quel réseau ?",
    "sans lieu": "la plaine de jeux de l'école",
}


def median_ms(message: str, runs: int) -> float:
    times: List[float] = []
    for _ in range(runs):
        started = time.perf_counter()
        places.find_locations(message)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--max-ms", type=float, default=5.0, help="target for each median (ms)")
    args = parser.parse_args()
    places.load()
    over = 0
    for name, message in MESSAGES.items():
        value = median_ms(message, args.runs)
        over += value > args.max_ms
        print(f"{name:<28} médiane {value:6.2f} ms (objectif ≤ {args.max_ms:g} ms, {args.runs} essais)")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
