"""Exports the messages the assistant did not understand to a CSV that an editor can annotate.

The same CSV as the export link of the dashboard (`make report`, package `reporting/`, which holds the
rules): a user message counts as not understood when its intent is `nlu_fallback` or `out_of_scope`,
or when the assistant answered it with `action_clarify`; the answers rated 👎 follow (reason
`thumbs_down`, with the user's comment and the answer's knowledge entries). Conversations are read
through Rasa's tracker store API, configured by the `tracker_store` section of endpoints.yml
(environment variables are substituted), so the same command works on SQLite, PostgreSQL, Redis or
MongoDB.

Usage: python scripts/report_fallbacks.py [--endpoints endpoints.yml] [--out reports/fallbacks.csv]
                                          [--since 2025-01-31]
The editor fills `suggested_intent` and `note`; the rows then become new NLU training examples (or, for
a 👎, a fix in knowledge/).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# The names this script always had, for its callers.
from reporting.cli import apply_defaults  # noqa: E402
from reporting.cli import export_csv as main  # noqa: E402
from reporting.misses import COLUMNS, Miss, Row, group  # noqa: E402

__all__ = ["COLUMNS", "Miss", "Row", "group", "main"]

if __name__ == "__main__":
    apply_defaults()
    sys.exit(main())
