"""Changes to Rasa 3.6 internals, applied from one place: ``nlu_components`` (imported by every
process that loads or trains the model, since config.yml names its components).

- ``speedups``: measured costs removed without changing any answer (tests/test_speedups.py and
  tests/system/test_speedups_model.py prove identical checks, weights and predictions);
  ``RASA_SPEEDUPS=off`` leaves Rasa's own code.
- ``resilience``: no silent failure when an action cannot run, bounded conversations
  (tests/test_resilience_patch.py, tests/system/test_resilience.py).

They replace private members of Rasa: they were written and proven against PROVEN_RASA_VERSION
only. Under any other version nothing is patched and one warning says so (the tests then fail
where the behaviour they guard is missing).
"""

from __future__ import annotations

import logging
import os

import rasa

from rasa_patches import resilience, speedups

PROVEN_RASA_VERSION = "3.6.21"
logger = logging.getLogger(__name__)
_applied = False


def speedups_enabled() -> bool:
    return os.environ.get("RASA_SPEEDUPS", "on").strip().lower() not in {"off", "0", "false", "no"}


def apply() -> None:
    """Installs the patches once per process, if the installed Rasa is the proven version."""
    global _applied
    if _applied:
        return
    _applied = True
    if rasa.__version__ != PROVEN_RASA_VERSION:
        logger.warning(
            "rasa_patches: Rasa %s is not %s, the version they were proven on: none applied.",
            rasa.__version__,
            PROVEN_RASA_VERSION,
        )
        return
    resilience.install()
    if speedups_enabled():
        speedups.install()
