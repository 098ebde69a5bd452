"""Prints what a trained model predicts for a few messages, as JSON (tests/system/test_speedups_model.py).

Usage: python tests/support/model_predictions.py MODEL rasa|patched
`rasa` loads the model with Rasa's own loaders, `patched` with those of rasa_patches.speedups.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import sys
import time
from typing import Any, Dict, List

from rasa.core.agent import Agent
from rasa.core.channels import UserMessage
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.utils.tensorflow.models import RasaModel

import nlu_components  # noqa: F401  (installs the speed-ups, as when Rasa loads the model)
from rasa_patches import speedups as rasa_speedups

MESSAGES = (
    "Je dois passer un marché de fournitures de bureau. La loi AGEC s'applique-t-elle ?",
    "Quel réseau pour un acheteur à Rennes ?",
    "bonjour",
    "je suis une PME, qui peut m'aider pour mes achats responsables ?",
    "quel temps fait-il à Brest ?",
)


def weight_digests(agent: Agent) -> Dict[str, str]:
    """A digest of every restored weight of the TensorFlow models (DIET), per graph node.

    Rasa keeps the graph's components private: they are reached through the graph runner.
    """
    nodes = agent.processor.graph_runner._instantiated_nodes  # type: ignore[attr-defined]
    digests = {}
    for name, node in sorted(nodes.items()):
        model = getattr(node._component, "model", None)
        if isinstance(model, RasaModel):
            digest = hashlib.sha256()
            for weight in model.weights:
                digest.update(weight.name.encode() + weight.numpy().tobytes())
            digests[name] = f"{len(model.weights)} weights, sha256 {digest.hexdigest()[:16]}"
    return digests


async def predictions(agent: Agent) -> List[Dict[str, Any]]:
    rows = []
    for number, text in enumerate(MESSAGES):
        parsed = await agent.parse_message(text)
        tracker = await agent.processor.log_message(UserMessage(text, sender_id=f"check-{number}"))
        prediction = agent.processor.predict_next_with_tracker(tracker)
        rows.append(
            {
                "intent": parsed["intent"]["name"],
                "confidence": round(parsed["intent"]["confidence"], 5),
                "entities": sorted((e["entity"], str(e["value"])) for e in parsed["entities"]),
                "next_action": max(prediction["scores"], key=lambda score: score["score"])["action"],
                "action_confidence": round(prediction["confidence"], 5),
                "policy": prediction["policy"],
                "intent_ranking": [(i["name"], round(i["confidence"], 5)) for i in parsed["intent_ranking"]],
            }
        )
    return rows


def main() -> None:
    logging.disable(logging.WARNING)
    model, mode = sys.argv[1], sys.argv[2]
    if mode == "rasa":
        RasaModel.load = classmethod(rasa_speedups.RASA_MODEL_LOAD)  # type: ignore[method-assign]
        SpacyNLP.load_model = staticmethod(rasa_speedups.RASA_SPACY_LOAD)  # type: ignore[method-assign]
    started = time.monotonic()
    agent = Agent.load(model)
    seconds = time.monotonic() - started
    rss_mib = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
    rows = asyncio.run(predictions(agent))
    print(
        json.dumps(
            {
                "load_seconds": seconds,
                "rss_mib": rss_mib,
                "weights": weight_digests(agent),
                "predictions": rows,
            }
        )
    )


if __name__ == "__main__":
    main()
