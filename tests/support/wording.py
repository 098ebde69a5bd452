"""What no text a user reads may hold (issue 12): raw URLs, the assistant's own workings, English.

One list for every test that checks user text: the knowledge answers, the rendered replies, the fixed
replies of domain.yml, the French literals of the action server and the guard, the widget's own text.
"""

from __future__ import annotations

import re
from typing import List

RAW_URL = re.compile(r"https?://|www\.", re.IGNORECASE)

# Words of the assistant's own workings (the knowledge base, the NLU, the files), never shown to a buyer.
# "entrée" is internal only as "an entry" of the base: « entrée en vigueur » and « point d'entrée » are
# plain French.
INTERNAL_WORDS = re.compile(
    r"\bma base\b|\bbase (?:vérifiée|de connaissances)\b|\bnon confirmée\b|\bvérifiée le\b"
    r"|\bknowledge\b|\bintents?\b|\bslots?\b|\bfallback\b|\bnlu\b|\bpayload\b|\bverified\b"
    r"|\butter_\w+|\baction_\w+|\bask_\w+|\w\.ya?ml\b|\w\.py\b|\bdossier de recherche\b|\bTODO\b"
    r"|(?<![dD]['’])\bentrées?\b(?! en vigueur)",
    re.IGNORECASE,
)

# English words that French text never holds (code and comments are in English, user text is not).
ENGLISH_WORDS = re.compile(
    r"\b(?:the|and|of|is|are|with|please|sorry|not found|unknown|error|source:|click|here)\b",
    re.IGNORECASE,
)


def wording_problems(where: str, text: str) -> List[str]:
    """What is wrong with one text a user reads, each problem naming where it comes from."""
    problems = []
    checks = (("raw URL", RAW_URL), ("internal word", INTERNAL_WORDS), ("English", ENGLISH_WORDS))
    for name, pattern in checks:
        found = pattern.search(text)
        if found:
            problems.append(f"{where}: {name} « {found.group(0)} » in « {text} »")
    return problems
