"""Personal data in what users type: e-mail addresses and phone numbers, masked before anything is
stored or logged. Pure Python (no Rasa), so that the channels (channels/guard.py) and the action server
(actions/handoff.py) share one definition.
"""

from __future__ import annotations

import re

# E-mail addresses, also without a top-level domain and with "(at)", "[at]" or "arobase" for "@".
# Not a Rasa payload with a confidence ("/ask_cna@0.01"): the part before "@" follows no "/" and the
# domain has a letter.
AT = r"(?:\s*@\s*|\s*[(\[{]\s*(?:at|arobase)\s*[)\]}]\s*|\s+arobase\s+)"
DOT = r"(?:\.|\s*[(\[{]\s*(?:dot|point)\s*[)\]}]\s*|\s+point\s+)"
EMAIL = re.compile(rf"(?<![\w/.+-])[\w.+-]+{AT}(?=[\w-]*[^\W\d_])[\w-]+(?:{DOT}[\w-]+)*", re.IGNORECASE)
# Phone numbers: international (+CC or 00CC then 8 to 10 digits), French ones of ten digits starting
# with 0 whatever the spacing ("0 6 1 2 3 4 5 6 7 8"), and nine digits grouped as a number without its
# leading 0 ("6 12 34 56 78"). Amounts ("400 000 000") and dates ("2022-2025") do not match.
PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:\+|00)\s?\d{2,3}[\s.-]?(?:\(0\)\s?)?\d(?:[\s.-]?\d){7,9}"
    r"|0(?:[\s.-]?\d){9}"
    r"|[1-9](?:[\s.-]\d{2}){4}"
    r")(?![\w])"
)
MASKED_EMAIL = "[adresse e-mail masquée]"
MASKED_PHONE = "[numéro de téléphone masqué]"


def mask_personal_data(text: str) -> str:
    """Replace e-mail addresses and phone numbers with neutral placeholders."""
    return PHONE.sub(MASKED_PHONE, EMAIL.sub(MASKED_EMAIL, text))
